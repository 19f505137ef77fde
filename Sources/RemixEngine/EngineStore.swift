import Foundation
import RemixCore

/// A preview kept after a remix so the stream endpoint and "keep" can find it.
struct StoredPreview: Sendable {
    /// The preview's voice; a kept voice speaks with it.
    var profile: VoiceProfile
    var audio: RenderedAudio
    /// MP3 for the stream endpoint: the audio itself for MP3 requests, otherwise encoded on first use.
    var mp3: Data?
}

/// The engine's mutable state: remix sessions and their iterations, generated previews, kept voices.
/// In memory only; it lives as long as the engine.
actor EngineStore {
    private var sessions: [String: [String]] = [:]
    private var previews: [String: StoredPreview] = [:]
    private var kept: [EngineVoice] = []

    /// Attaches a request to its session and iteration, minting the ids it does not bring.
    func beginIteration(sessionID: String?, iterationID: String?) -> (session: String, iteration: String) {
        let session = sessionID ?? Identifier.random()
        let iteration = iterationID ?? Identifier.random()
        var iterations = sessions[session, default: []]
        if !iterations.contains(iteration) {
            iterations.append(iteration)
        }
        sessions[session] = iterations
        return (session, iteration)
    }

    func store(_ preview: StoredPreview, id: String) {
        previews[id] = preview
    }

    func preview(id: String) -> StoredPreview? {
        previews[id]
    }

    func cacheMP3(_ data: Data, forPreview id: String) {
        previews[id]?.mp3 = data
    }

    func keep(_ voice: EngineVoice) {
        kept.append(voice)
    }

    var keptVoices: [EngineVoice] { kept }
}
