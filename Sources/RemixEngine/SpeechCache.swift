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

    /// About 45 s of speech at 22 kHz, 4 MB: the last text or two, which is what a person re-runs with a
    /// locked seed, without holding every synthesis of a long session.
    private static let capacity = 1_000_000

    // @unchecked: `entries`, `order` and `samples` are only touched on `Synthesizer`'s serial queue.
    private var entries: [Key: PCMBuffer] = [:]
    /// Keys from least to most recently used.
    private var order: [Key] = []
    /// Samples held in `entries`.
    private var samples = 0

    func speech(for key: Key, orMake make: () throws -> PCMBuffer) rethrows -> PCMBuffer {
        if let cached = entries[key] {
            order.removeAll { $0 == key }
            order.append(key)
            return cached
        }
        let made = try make()
        entries[key] = made
        order.append(key)
        samples += made.samples.count
        // The newest stays even when it alone is over the capacity: it is the one most likely asked again.
        while samples > Self.capacity, order.count > 1, let oldest = entries.removeValue(forKey: order.removeFirst()) {
            samples -= oldest.samples.count
        }
        return made
    }
}
