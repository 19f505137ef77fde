import Foundation
import RemixAPI
import RemixCore
import Testing

@Suite struct WireMappingTests {
    @Test func absentFieldsTakeTheAPIDefaults() throws {
        let body = try JSONDecoder().decode(WireRemixRequest.self, from: Data(#"{"voice_description":"older","text":null}"#.utf8))
        let request = RemixRequest(voiceID: "v", body: body, outputFormat: nil)
        #expect(request == RemixRequest(voiceID: "v", voiceDescription: "older"))
        #expect(request.loudness == 0.5 && request.guidanceScale == 2 && request.outputFormat == .mp3_44100_192)
    }

    @Test func everyRemixFieldCrossesTheWireBothWays() throws {
        let request = RemixRequest(
            voiceID: "v", voiceDescription: "much deeper", text: String(repeating: "t", count: 120), autoGenerateText: true,
            loudness: -0.25, seed: 99, guidanceScale: 7, promptStrength: 0.3, streamPreviews: true,
            remixingSessionID: "S", remixingSessionIterationID: "I", outputFormat: .pcm_22050)
        let json = try WireJSON.encode(WireRemixRequest(request))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(Set(object.keys) == [
            "voice_description", "text", "auto_generate_text", "loudness", "seed", "guidance_scale", "stream_previews",
            "remixing_session_id", "remixing_session_iteration_id", "prompt_strength",
        ])
        let decoded = try JSONDecoder().decode(WireRemixRequest.self, from: json)
        #expect(RemixRequest(voiceID: "v", body: decoded, outputFormat: .pcm_22050) == request)
    }

    @Test func voiceResponseCarriesTheRequiredFields() throws {
        let voice = Voice(voiceID: "abc", name: "Bostonian", category: .generated, labels: ["accent": "boston"],
                          description: "high", createdAtUnix: 1_767_225_600)
        let object = try #require(try JSONSerialization.jsonObject(with: WireJSON.encode(WireVoice(voice))) as? [String: Any])
        for key in ["voice_id", "name", "category", "labels", "available_for_tiers", "high_quality_base_model_ids"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["category"] as? String == "generated")
        #expect(Voice(try JSONDecoder().decode(WireVoice.self, from: WireJSON.encode(WireVoice(voice)))) == voice)
    }

    @Test func previewAudioIsBase64BothWays() throws {
        let preview = Preview(generatedVoiceID: "g", audio: Data([0xFF, 0xFB, 0x00, 0x10]), mediaType: "audio/mpeg", durationSecs: 1.25, language: "en")
        let wire = WirePreview(preview)
        #expect(wire.audioBase64 == "//sAEA==")
        #expect(try Preview(wire) == preview)
        var broken = wire
        broken.audioBase64 = "not base64!"
        #expect(throws: ValidationFailure.self) { try Preview(broken) }
    }

    @Test func fieldErrorsBecome422Items() throws {
        let item = Components.Schemas.ValidationError(FieldError(.query, "output_format", .enumeration, "must be one of …"))
        let object = try #require(try JSONSerialization.jsonObject(with: WireJSON.encode(item)) as? [String: Any])
        #expect(object["loc"] as? [String] == ["query", "output_format"])
        #expect(object["type"] as? String == "enum")
        #expect(object["msg"] as? String == "output_format must be one of …")
    }
}
