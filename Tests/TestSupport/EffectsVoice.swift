import Foundation
import RemixCore
import Synchronization

/// A kept voice whose stored recipe carries voice effects, as keeping a preview of an effects prompt
/// leaves it: a catalog voice is remixed without change, one preview is kept, and the kept voice's
/// profile in the engine's archive is given `effects` (the engine's `VoiceEffects` as JSON). A new
/// engine on that archive then remixes it with the effects on, through the public API alone, which
/// is how the benchmarks and the whole-engine tests reach every effect whatever the prompt lexicon maps.
public enum EffectsVoice {
    /// `engine` makes the engine (the local one) on an archive; returns one that knows the voice.
    public static func make(
        from voiceID: String, text: String, effects: [String: Any],
        engine: (any BackendArchive) throws -> any RemixBackend
    ) async throws -> (backend: any RemixBackend, voiceID: String) {
        let archive = InMemoryArchive()
        let keeper = try engine(archive)
        let unchanged = RemixRequest(
            voiceID: voiceID, voiceDescription: "as it is", text: text, seed: 1, guidanceScale: 100, promptStrength: 0,
            streamPreviews: true, outputFormat: .pcm_8000)
        guard let preview = try await keeper.remix(unchanged).previews.first else {
            throw RemixError.engineFailure("the unchanged remix gave no preview to keep")
        }
        let kept = try await keeper.keep(KeepRequest(
            voiceName: "With effects", voiceDescription: "A voice with voice effects, for measuring them.",
            generatedVoiceID: preview.generatedVoiceID))
        try archive.rewrite { id, data in
            guard id == kept.voiceID, var stored = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                var profile = stored["profile"] as? [String: Any]
            else { return data }
            profile["effects"] = effects
            stored["profile"] = profile
            return try JSONSerialization.data(withJSONObject: stored)
        }
        return (try engine(archive), kept.voiceID)
    }
}

/// A `BackendArchive` in memory: engines made on the same one share what they kept.
public final class InMemoryArchive: BackendArchive {
    private let entries = Mutex<[String: [String: Data]]>([:])

    public init() {}

    public func archive(_ state: Data, kind: String, id: String) throws {
        entries.withLock { $0[kind, default: [:]][id] = state }
    }

    public func archived(kind: String, id: String) throws -> Data? {
        entries.withLock { $0[kind]?[id] }
    }

    public func archived(kind: String) throws -> [Data] {
        entries.withLock { Array(($0[kind] ?? [:]).values) }
    }

    /// Replaces every entry, of every kind, by what `change` makes of it (given its id).
    func rewrite(_ change: (String, Data) throws -> Data) throws {
        try entries.withLock { entries in
            for (kind, byID) in entries {
                for (id, data) in byID {
                    entries[kind]?[id] = try change(id, data)
                }
            }
        }
    }
}
