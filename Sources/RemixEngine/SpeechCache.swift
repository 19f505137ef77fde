import RemixCore

/// The most recent syntheses, keyed by everything that shapes them.
///
/// espeak-ng carries state from one utterance to the next (its pitch flutter keeps running), so
/// the same text in the same voice comes out slightly different on a second call within a process.
/// Reusing the first result keeps "same seed and inputs ⇒ same audio" true for espeak voices too;
/// it also spares flite a repeat synthesis when a request is re-run.
final class SpeechCache: @unchecked Sendable {
    struct Key: Hashable {
        var synthesizer: VoiceProfile.Synthesizer
        var voice: String
        var text: String
        var seed: UInt32
    }

    /// About two minutes of speech at most, which keeps memory in the tens of megabytes.
    private static let capacity = 8

    // @unchecked: `entries` and `order` are only touched on `Synthesizer`'s serial queue.
    private var entries: [Key: PCMBuffer] = [:]
    /// Keys from least to most recently used.
    private var order: [Key] = []

    func speech(for key: Key, orMake make: () throws -> PCMBuffer) rethrows -> PCMBuffer {
        if let cached = entries[key] {
            order.removeAll { $0 == key }
            order.append(key)
            return cached
        }
        let made = try make()
        entries[key] = made
        order.append(key)
        if order.count > Self.capacity {
            entries[order.removeFirst()] = nil
        }
        return made
    }
}
