import Foundation
import RemixCore

/// A preview kept after a remix so the stream endpoint and "keep" can find it.
struct StoredPreview: Sendable, Codable {
    /// The preview's voice; a kept voice speaks with it.
    var profile: VoiceProfile
    /// MP3 for the stream endpoint: the audio itself for MP3 requests, otherwise encoded on first use.
    var mp3: Data?
    /// The finished samples as 16-bit PCM, kept only while there is no MP3 to stream.
    var pcm16: Data?
    var sampleRate: Int

    init(profile: VoiceProfile, audio: RenderedAudio, format: OutputFormat) {
        self.profile = profile
        sampleRate = audio.pcm.sampleRate
        if format.codec == .mp3 {
            mp3 = audio.encoded.data
        } else {
            pcm16 = PCMEncoder.encode(audio.pcm.samples)
        }
    }

    var pcm: PCMBuffer? {
        pcm16.map { PCMEncoder.decode($0, sampleRate: sampleRate) }
    }
}

/// The engine's mutable state: remix sessions and their iterations, generated previews, kept voices.
/// With an archive, previews are kept there alone and read back on demand, and kept voices are written
/// through to it, so another process (a restarted `remix serve`, the next `remix keep`) finds them.
actor EngineStore {
    private static let previewKind = "local-engine.preview"
    private static let voiceKind = "local-engine.voice"

    private let archive: (any BackendArchive)?
    private var sessions: [String: [String]] = [:]
    /// Only without an archive.
    private var previews: [String: StoredPreview] = [:]
    private var kept: [EngineVoice]

    init(archive: (any BackendArchive)?) throws {
        self.archive = archive
        kept = try archive?.archived(kind: Self.voiceKind).map { try JSONDecoder().decode(EngineVoice.self, from: $0) } ?? []
    }

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

    /// With an archive a preview lives only there: a long-running process (the workbench, `remix serve`)
    /// would otherwise hold the audio of every preview it ever made.
    func store(_ preview: StoredPreview, id: String) throws {
        if let archive {
            try archive.archive(JSONEncoder().encode(preview), kind: Self.previewKind, id: id)
        } else {
            previews[id] = preview
        }
    }

    func preview(id: String) throws -> StoredPreview? {
        guard let archive else { return previews[id] }
        return try archive.archived(kind: Self.previewKind, id: id).map { try JSONDecoder().decode(StoredPreview.self, from: $0) }
    }

    func cacheMP3(_ data: Data, forPreview id: String) throws {
        guard var preview = try preview(id: id) else { return }
        preview.mp3 = data
        preview.pcm16 = nil
        try store(preview, id: id)
    }

    func keep(_ voice: EngineVoice) throws {
        kept.append(voice)
        try archive?.archive(JSONEncoder().encode(voice), kind: Self.voiceKind, id: voice.voice.voiceID)
    }

    var keptVoices: [EngineVoice] { kept }
}
