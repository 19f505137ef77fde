import RemixCore

/// A voice the engine can speak with: what the API shows, and the recipe behind it.
struct EngineVoice: Sendable, Hashable, Codable {
    var voice: Voice
    var profile: VoiceProfile
}

/// The built-in base voices of `Resources/voices.json`, premade and fixed across releases. Each
/// voice's `language` label is its profile's language, the one its previews report, so the file
/// states it once.
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
            var labels = entry.labels
            labels["language"] = entry.profile.language
            return EngineVoice(
                voice: Voice(
                    voiceID: entry.voiceId, name: entry.name, category: .premade, labels: labels,
                    description: entry.labels["description"]),
                profile: entry.profile)
        }
    }

    func voice(id: String) -> EngineVoice? {
        voices.first { $0.voice.voiceID == id }
    }
}
