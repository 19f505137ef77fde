import Foundation
import RemixCore
import RemixEngine
import Testing
import TestSupport

/// What the lexicon's words do to the audio, measured through `LocalEngine.remix` against the
/// unmodified voice on the same seed (`prompt_strength` 0), and what the engine reports about them.
@Suite struct PromptEffectTests {
    enum Measure: Sendable {
        /// Median F0 moves at least this many semitones (negative: down).
        case pitch(semitones: Double)
        /// Total duration changes by at least this ratio (below 1: shorter).
        case duration(ratio: Double)
        /// Harmonics-to-noise ratio at least this many dB lower.
        case lowerHarmonicsToNoise(byDB: Double)
        /// Spectral centroid at least this share higher (positive) or lower (negative).
        case centroid(change: Double)
        /// At most `share` of the power outside `band`, in Hz.
        case bandLimited(to: Range<Double>, share: Double)
    }

    static let cases: [(prompt: String, voice: String, measure: Measure)] = [
        ("much higher", Fixtures.fliteVoice, .pitch(semitones: 2)),
        ("much deeper", Fixtures.fliteVoice, .pitch(semitones: -2)),
        ("much higher", Fixtures.espeakVoice, .pitch(semitones: 2)),
        ("much deeper", Fixtures.espeakVoice, .pitch(semitones: -2)),
        ("much faster", Fixtures.fliteVoice, .duration(ratio: 0.85)),
        ("much slower", Fixtures.fliteVoice, .duration(ratio: 1.15)),
        ("much faster", Fixtures.espeakVoice, .duration(ratio: 0.85)),
        ("much slower", Fixtures.espeakVoice, .duration(ratio: 1.15)),
        // espeak-ng also opens a gap between words; flite pauses only at punctuation, which this
        // script has little of (`SynthesisSideTests` measures both on a punctuated one).
        ("much longer pauses", Fixtures.espeakVoice, .duration(ratio: 1.15)),
        // Texture and colour: the words reach the effects stage with their measured effect.
        ("very breathy", Fixtures.fliteVoice, .lowerHarmonicsToNoise(byDB: 3)),
        ("very raspy", Fixtures.fliteVoice, .lowerHarmonicsToNoise(byDB: 3)),
        ("a deep, gravelly voice", Fixtures.fliteVoice, .lowerHarmonicsToNoise(byDB: 3)),
        ("extremely breathy", Fixtures.espeakVoice, .lowerHarmonicsToNoise(byDB: 3)),
        ("very bright", Fixtures.fliteVoice, .centroid(change: 0.15)),
        ("very dark", Fixtures.fliteVoice, .centroid(change: -0.1)),
        ("very warm", Fixtures.fliteVoice, .centroid(change: -0.08)),
        ("very thin", Fixtures.fliteVoice, .centroid(change: 0.1)),
        ("on the telephone", Fixtures.fliteVoice, .bandLimited(to: 300..<3400, share: 0.05)),
        ("sounds like an old radio", Fixtures.espeakVoice, .bandLimited(to: 250..<4500, share: 0.05)),
    ]

    @Test(arguments: cases)
    func promptMovesTheVoiceAtLeastSoFar(_ entry: (prompt: String, voice: String, measure: Measure)) async throws {
        let engine = try LocalEngine()
        let changed = try await engine.remix(Fixtures.request(entry.prompt, voice: entry.voice))
        let unmodified = try await engine.remix(Fixtures.request(entry.prompt, voice: entry.voice, promptStrength: 0))
        switch entry.measure {
        case .pitch(let semitones):
            let shift = PitchEstimator.semitones(
                from: Fixtures.medianF0(unmodified.previews.map { Fixtures.pcm($0.audio, rate: 16000) }),
                to: Fixtures.medianF0(changed.previews.map { Fixtures.pcm($0.audio, rate: 16000) }))
            #expect(semitones > 0 ? shift >= semitones : shift <= semitones, "\(entry.prompt): F0 moved \(shift) st")
        case .duration(let ratio):
            let measured = changed.previews.map(\.durationSecs).reduce(0, +) / unmodified.previews.map(\.durationSecs).reduce(0, +)
            #expect(ratio < 1 ? measured <= ratio : measured >= ratio, "\(entry.prompt): duration ×\(measured)")
        case .lowerHarmonicsToNoise(let minimum):
            func mean(_ result: RemixResult) throws -> Double {
                let values = try result.previews.map { try #require(HarmonicsToNoise.meanDB(Fixtures.pcm($0.audio, rate: 16000))) }
                return values.reduce(0, +) / Double(values.count)
            }
            let (before, after) = (try mean(unmodified), try mean(changed))
            #expect(before - after >= minimum, "\(entry.prompt): HNR \(before) → \(after) dB")
        case .centroid(let minimum):
            func mean(_ result: RemixResult) -> Double {
                result.previews.map { PowerSpectrum(Fixtures.pcm($0.audio, rate: 16000)).centroid }.reduce(0, +) / Double(result.previews.count)
            }
            let change = mean(changed) / mean(unmodified) - 1
            #expect(minimum > 0 ? change >= minimum : change <= minimum, "\(entry.prompt): centroid ×\(1 + change)")
        case .bandLimited(let band, let share):
            for preview in changed.previews {
                let spectrum = PowerSpectrum(Fixtures.pcm(preview.audio, rate: 16000))
                let outside = spectrum.fraction(in: 0..<band.lowerBound) + spectrum.fraction(in: band.upperBound..<Double.infinity)
                #expect(outside <= share, "\(entry.prompt): \(outside) of the power outside \(band) Hz")
            }
        }
    }

    /// Intonation is made at synthesis, so a monotone or sing-song voice is a different recording
    /// of the same length, for flite and espeak-ng alike.
    @Test(arguments: [Fixtures.fliteVoice, Fixtures.espeakVoice])
    func pitchRangeChangesTheSynthesisNotThePace(voice: String) async throws {
        let engine = try LocalEngine()
        let monotone = try await engine.remix(Fixtures.request("extremely monotone", voice: voice, promptStrength: 1))
        let unmodified = try await engine.remix(Fixtures.request("extremely monotone", voice: voice, promptStrength: 0))
        let ratio = monotone.previews[0].durationSecs / unmodified.previews[0].durationSecs
        #expect(monotone.previews.map(\.audio) != unmodified.previews.map(\.audio))
        #expect(abs(ratio - 1) < 0.1, "duration ×\(ratio)")
    }

    /// Each language's scripts open with a sentence joined by its word for "and" (Japanese: its full stop).
    @Test(arguments: [
        ("with a French accent", "fr", " et "), ("in German", "de", " und "), ("Spanish", "es", " y "),
        ("Italian", "it", " e "), ("Portuguese", "pt", " e "), ("Japanese", "ja", "。"), ("Scottish", "en", " and "),
    ])
    func accentPromptSpeaksItsLanguage(prompt: String, language: String, word: String) async throws {
        let engine = try LocalEngine()
        let request = RemixRequest(
            voiceID: Fixtures.fliteVoice, voiceDescription: prompt, autoGenerateText: true, seed: 5,
            streamPreviews: true, outputFormat: .pcm_8000)
        let result = try await engine.remix(request)
        #expect(result.previews.allSatisfy { $0.language == language }, "\(prompt): \(result.previews.map(\.language))")
        #expect(result.text.contains(word), "\(prompt): \(result.text)")
        #expect(language == "en" || !result.text.contains(" the "), "\(prompt) is spoken from an English script: \(result.text)")
        #expect(RemixRequest.textLength.contains(result.text.count), "\(result.text.count) characters")
        #expect(result.previews.allSatisfy { $0.durationSecs > 2 })
    }

    @Test func unknownWordsStillGiveThreePreviewsAndAreReported() async throws {
        let engine = try LocalEngine()
        let result = try await engine.remix(Fixtures.request("florp zindle quaxing", voice: Fixtures.espeakVoice, format: .pcm_8000))
        #expect(result.previews.count == 3)
        #expect(result.interpretation?.unrecognized == ["florp", "zindle", "quaxing"])
        #expect(result.interpretation?.applied.isEmpty == true)
    }

    @Test func aThousandCharactersOfAdjectivesAreReadAndSpoken() async throws {
        let adjectives = ["extremely deep", "very breathy", "raspy", "slow", "warm", "older", "sad", "nasal", "on the phone", "Scottish"]
        var prompt = ""
        var index = 0
        while prompt.count + adjectives[index % adjectives.count].count + 2 <= 1000 {
            prompt += (prompt.isEmpty ? "" : ", ") + adjectives[index % adjectives.count]
            index += 1
        }
        let engine = try LocalEngine()
        let result = try await engine.remix(Fixtures.request(prompt, voice: Fixtures.espeakVoice))
        #expect(result.previews.count == 3)
        #expect(result.interpretation?.unrecognized.isEmpty == true)
        for preview in result.previews {
            let audio = Fixtures.pcm(preview.audio, rate: 16000)
            let peak = audio.samples.lazy.map(abs).max() ?? 0
            #expect(peak > 0.05, "the preview is silent")
        }
    }

    @Test func explainReadsWithoutRendering() async throws {
        let engine = try LocalEngine()
        let explained = try #require(try await engine.explain(voiceDescription: "much deeper with a velvet finish, British then Irish"))
        #expect(explained.applied.first == "much deeper: pitch −4.5 st, formant ×0.98")
        #expect(explained.unrecognized == ["velvet", "finish"])
        #expect(explained.notes.contains { $0.hasPrefix("accent:") })
        #expect(explained.notes.contains { $0.contains("espeak-ng has no Irish English") })
        // Nothing was made: no preview, no session.
        await #expect(throws: RemixError.self) { try await engine.streamPreview(generatedVoiceID: "anything") }
    }

    @Test func paletteIsTheLexicons() async throws {
        let palette = try await LocalEngine().promptPalette()
        #expect(palette != PromptFamily.general)
        #expect(palette.map(\.name).contains("colour"))
        #expect(palette.first { $0.name == "texture" }?.phrases.contains("gravelly") == true)
    }

    @Test func designStartsFromANeutralBaseByPresentationAndAccent() async throws {
        let engine = try LocalEngine()
        func design(_ description: String) async throws -> RemixResult {
            try await engine.design(
                DesignRequest(parameters: RemixRequest(
                    voiceID: "", voiceDescription: description, text: Fixtures.text, seed: 9, streamPreviews: true,
                    outputFormat: .pcm_16000)),
                progress: { _ in })
        }
        let french = try await design("a young French woman, cheerful and bright")
        #expect(french.previews.count == 3)
        #expect(french.previews.allSatisfy { $0.language == "fr" })
        #expect(french.interpretation?.notes.contains { $0.contains("neutral base: French, female (espeak-ng fr+f3)") } == true)

        let scot = try await design("an old man with a deep Scottish accent")
        #expect(scot.previews.allSatisfy { $0.language == "en" })
        #expect(scot.interpretation?.notes.contains { $0.contains("neutral base: Scottish, male (espeak-ng en-gb-scotland+m3)") } == true)
        #expect(scot.interpretation?.applied.count == 4, "\(scot.interpretation?.applied ?? [])")
    }
}
