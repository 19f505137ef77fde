import RemixCore

/// A voice the engine can speak with: what the API shows, and the recipe behind it.
struct EngineVoice: Sendable, Hashable, Codable {
    var voice: Voice
    var profile: VoiceProfile
}

/// The built-in base voices of `Resources/voices.json`, premade and fixed across releases.
struct VoiceCatalog: Sendable {
    let voices: [EngineVoice]

    private struct Entry: Decodable {
        var voiceId: String
        var name: String
        var labels: [String: String]
        var profile: VoiceProfile
    }

    private struct File: Decodable {
        var voices: [Entry]
    }

    init() throws {
        let file = try BundledResource.decode(File.self, named: "voices")
        voices = file.voices.map { entry in
            EngineVoice(
                voice: Voice(
                    voiceID: entry.voiceId, name: entry.name, category: .premade, labels: entry.labels,
                    description: entry.labels["description"]),
                profile: entry.profile)
        }
    }

    func voice(id: String) -> EngineVoice? {
        voices.first { $0.voice.voiceID == id }
    }
}
