import Foundation
import RemixCore
import RemixEngine
import Testing

/// "Lock the seed and compare" must hold where the workbench runs: one long-lived process that has
/// served other requests in between, with espeak-ng and flite voices alike.
@Suite struct SeedRepeatabilityTests {
    static let prompt = "a bit deeper and slower"

    static func request(voice: String, seed: Int) -> RemixRequest {
        Fixtures.request(prompt, voice: voice, seed: seed, format: .pcm_16000)
    }

    @Test func everyCatalogVoiceRepeatsAfterOtherRequestsAndVariesWithTheSeed() async throws {
        let engine = try LocalEngine()
        let voices = try await engine.voices()

        var first: [String: [Preview]] = [:]
        for voice in voices {
            first[voice.voiceID] = try await engine.remix(Self.request(voice: voice.voiceID, seed: 11)).previews
        }

        // Other voices, prompts, texts, seeds and formats in between, as a working session has them.
        let prompts = ["much higher", "slower", "very old", "a bit faster and younger"]
        for index in 0..<20 {
            let voice = voices[(index * 7) % voices.count]
            var other = Fixtures.request(prompts[index % prompts.count], voice: voice.voiceID, seed: 100 + index, format: .pcm_8000)
            other.text = "Request number \(index) says something else entirely, in another order and at another length, to move any state along."
            _ = try await engine.remix(other)
        }

        for voice in voices {
            let expected = try #require(first[voice.voiceID])
            let again = try await engine.remix(Self.request(voice: voice.voiceID, seed: 11)).previews
            #expect(again.map(\.audio) == expected.map(\.audio), "\(voice.name): same seed, other bytes after other requests")
            #expect(again.map(\.generatedVoiceID) == expected.map(\.generatedVoiceID))

            // Another seed gives other variations: each preview at another pace, so another length.
            let reseeded = try await engine.remix(Self.request(voice: voice.voiceID, seed: 12)).previews
            for (left, right) in zip(reseeded, expected) {
                #expect(left.audio.count != right.audio.count, "\(voice.name): seed 12 gave a preview as long as seed 11's")
            }
        }
    }
}
