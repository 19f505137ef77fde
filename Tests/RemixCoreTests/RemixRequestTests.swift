import Testing
@testable import RemixCore

@Suite struct RemixRequestTests {
    let valid = RemixRequest(voiceID: "v", voiceDescription: "older, deeper")

    @Test func defaultsAreTheSeedSchemaDefaults() {
        #expect(valid.loudness == 0.5)
        #expect(valid.guidanceScale == 2)
        #expect(valid.outputFormat == .mp3_44100_192)
        #expect(valid.text == nil && valid.seed == nil && valid.promptStrength == nil)
        #expect(valid.validationErrors().isEmpty)
    }

    @Test func outOfRangeGuidanceNamesFieldRangeAndValue() {
        var request = valid
        request.guidanceScale = 150
        let errors = request.validationErrors()
        #expect(errors.map(\.description) == ["guidance_scale must be between 0 and 100 (got 150)"])
        #expect(errors.first?.kind == .lessThanEqual)
        #expect(errors.first?.location == .body)
    }

    @Test func loudnessAndGuidanceBelowTheirRange() {
        var request = valid
        request.loudness = -1.5
        request.guidanceScale = -0.1
        #expect(request.validationErrors().map(\.description) == [
            "loudness must be between -1 and 1 (got -1.5)",
            "guidance_scale must be between 0 and 100 (got -0.1)",
        ])
        #expect(request.validationErrors().map(\.kind) == [.greaterThanEqual, .greaterThanEqual])
    }

    @Test func boundsAreInclusive() {
        var request = valid
        request.loudness = -1
        request.guidanceScale = 100
        request.promptStrength = 1
        request.seed = 2_147_483_647
        request.text = String(repeating: "a", count: 100)
        #expect(request.validationErrors().isEmpty)
        request.seed = 0
        request.promptStrength = 0
        request.text = String(repeating: "a", count: 1000)
        #expect(request.validationErrors().isEmpty)
    }

    @Test func textAndDescriptionLengths() {
        var request = valid
        request.voiceDescription = "abcd"
        request.text = String(repeating: "x", count: 99)
        #expect(request.validationErrors().map(\.description) == [
            "voice_description must be 5 to 1000 characters long (got 4)",
            "text must be 100 to 1000 characters long (got 99)",
        ])
        request.voiceDescription = String(repeating: "d", count: 1001)
        request.text = String(repeating: "x", count: 1001)
        #expect(request.validationErrors().map(\.kind) == [.stringTooLong, .stringTooLong])
    }

    @Test func seedAndPromptStrength() {
        var request = valid
        request.seed = -1
        request.promptStrength = 1.5
        #expect(request.validationErrors().map(\.description) == [
            "seed must be between 0 and 2147483647 (got -1)",
            "prompt_strength must be between 0 and 1 (got 1.5)",
        ])
        request.seed = 2_147_483_648
        #expect(request.validationErrors().first?.kind == .lessThanEqual)
    }

    @Test func nanIsRejected() {
        var request = valid
        request.loudness = .nan
        #expect(request.validationErrors().first?.field == "loudness")
    }

    @Test func validateThrowsAllErrors() {
        var request = valid
        request.loudness = 2
        request.guidanceScale = 101
        #expect(throws: ValidationFailure.self) { try request.validate() }
        do {
            try request.validate()
        } catch {
            #expect(error.errors.count == 2)
        }
    }
}

@Suite struct OutputFormatTests {
    @Test func twentyOneFormatsWithTheirParts() {
        #expect(OutputFormat.allCases.count == 21)
        #expect(OutputFormat.mp3_22050_32.codec == .mp3)
        #expect(OutputFormat.mp3_22050_32.sampleRate == 22050)
        #expect(OutputFormat.mp3_22050_32.bitRateKbps == 32)
        #expect(OutputFormat.pcm_48000.bitRateKbps == nil)
        #expect(OutputFormat.ulaw_8000.codec == .ulaw)
        #expect(OutputFormat.opus_48000_192.sampleRate == 48000)
        #expect(OutputFormat.mp3_44100_128.mediaType == "audio/mpeg")
    }

    /// One media type per codec; only audio/mpeg is documented by ElevenLabs.
    @Test func mediaTypesNameTheContainer() {
        let types = Dictionary(grouping: OutputFormat.allCases, by: \.mediaType).mapValues { Set($0.map(\.codec)) }
        #expect(types == [
            "audio/mpeg": [.mp3], "audio/pcm": [.pcm], "audio/basic": [.ulaw], "audio/x-alaw-basic": [.alaw],
            // RFC 7845: Ogg Opus files are audio/ogg (audio/opus is the RTP payload).
            "audio/ogg": [.opus],
        ])
    }

    @Test func unknownFormatListsTheAllowedValues() throws {
        #expect(try OutputFormat.parse("pcm_16000") == .pcm_16000)
        #expect(throws: ValidationFailure.self) { try OutputFormat.parse("wav") }
        do {
            _ = try OutputFormat.parse("wav")
        } catch {
            let message = error.description
            #expect(message.hasPrefix("output_format must be one of mp3_22050_32,"))
            #expect(message.hasSuffix("(got \"wav\")"))
            #expect(error.errors.first?.location == .query)
        }
    }
}

@Suite struct KeepRequestTests {
    @Test func descriptionMustBeTwentyCharacters() {
        let keep = KeepRequest(voiceName: "", voiceDescription: "short", generatedVoiceID: "")
        #expect(keep.validationErrors().map(\.field) == ["voice_name", "voice_description"])
    }
}

@Suite struct DesignRequestTests {
    func design(_ description: String) -> DesignRequest {
        DesignRequest(parameters: RemixRequest(voiceID: "", voiceDescription: description, guidanceScale: DesignRequest.defaultGuidanceScale))
    }

    @Test func designNeedsTwentyCharactersButNoVoice() {
        #expect(design("a calm old man").validationErrors().map(\.description) == [
            "voice_description must be 20 to 1000 characters long (got 14)"
        ])
        #expect(design("a calm old man with a Scottish accent").validationErrors().isEmpty)
    }

    @Test func closestVoiceSharesTheMostDescribedWords() {
        let voices = [
            Voice(voiceID: "a", name: "Alan", category: .premade, labels: ["gender": "male", "accent": "american"]),
            Voice(voiceID: "b", name: "Mairi", category: .premade, labels: ["gender": "female", "accent": "scottish"]),
            Voice(voiceID: "c", name: "Hamish", category: .premade, labels: ["gender": "male", "accent": "scottish"]),
        ]
        #expect(design("a warm male voice with a Scottish lilt").closestVoice(among: voices)?.voiceID == "c")
        #expect(design("something entirely different here").closestVoice(among: voices)?.voiceID == "a")
        #expect(design("anything at all, twenty chars").closestVoice(among: []) == nil)
    }
}

/// Lengths are counted as the document (JSON Schema) counts them: code points, not grapheme clusters.
@Suite struct APILengthTests {
    @Test func combiningMarksCountAsTheWireCountsThem() {
        let script = String(repeating: "e\u{301}", count: 50)  // 50 graphemes, 100 code points
        #expect(script.count == 50 && script.apiLength == 100)
        let request = RemixRequest(voiceID: "v", voiceDescription: "much deeper", text: script)
        #expect(!request.validationErrors().contains { $0.field == "text" }, "\(request.validationErrors())")
        let short = RemixRequest(voiceID: "v", voiceDescription: "much deeper", text: String(repeating: "e", count: 99))
        #expect(short.validationErrors().contains { $0.field == "text" })
    }
}
