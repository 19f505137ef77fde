import Foundation
import RemixCore
@testable import RemixEngine
import Testing
import TestSupport

/// The request parameters do what the API says, measured on the audio `LocalEngine.remix` returns:
/// guidance pulls previews towards the prompt and towards each other, prompt strength moves from
/// the reference voice to the full change, loudness lands on its mapping under the true-peak limit
/// with any effects, and nothing extreme clips, falls silent or fails.
@Suite struct RemixParameterTests {
    /// Semitones from the reference voice (Sloane unchanged) to each preview's median F0.
    static func pitchShifts(_ result: RemixResult, reference: Double) throws -> [Double] {
        try result.previews.map { preview in
            let f0 = try #require(PitchEstimator.medianF0(Fixtures.pcm(preview.audio, rate: 16000)))
            return PitchEstimator.semitones(from: reference, to: f0)
        }
    }

    static func referenceF0() async throws -> Double {
        try #require(PitchEstimator.medianF0(try await EffectRender.dry.value))
    }

    static func range(_ values: [Double]) -> Double {
        (values.max() ?? 0) - (values.min() ?? 0)
    }

    @Test func guidanceBringsPreviewsCloserToThePromptAndToEachOther() async throws {
        let engine = try LocalEngine()
        let reference = try await Self.referenceF0()
        let target = try PromptInterpreter().read("much deeper").change.semitones
        var distances: [Double] = [], pitchSpreads: [Double] = [], durationSpreads: [Double] = []
        for guidance in [0.0, 10, 100] {
            // Three seeds, so one seed's three offsets that happen to lie close together cannot decide.
            var distance = 0.0, pitchSpread = 0.0, durationSpread = 0.0
            for seed in [7, 8, 9] {
                let result = try await engine.remix(Fixtures.request("much deeper", seed: seed, promptStrength: 1, guidance: guidance))
                let shifts = try Self.pitchShifts(result, reference: reference)
                distance += shifts.map { abs($0 - target) }.reduce(0, +) / Double(shifts.count)
                pitchSpread += Self.range(shifts)
                durationSpread += Self.range(result.previews.map(\.durationSecs))
            }
            distances.append(distance / 3)
            pitchSpreads.append(pitchSpread / 3)
            durationSpreads.append(durationSpread / 3)
        }
        #expect(distances[0] > distances[1] && distances[1] > distances[2], "mean distance to \(target) st: \(distances)")
        #expect(distances[2] < 0.3, "at guidance 100 the previews are \(distances[2]) st from the prompt's pitch")
        #expect(pitchSpreads[0] > pitchSpreads[1] && pitchSpreads[1] > pitchSpreads[2], "F0 spread: \(pitchSpreads) st")
        #expect(durationSpreads[0] > durationSpreads[1] && durationSpreads[1] > durationSpreads[2], "duration spread: \(durationSpreads) s")
    }

    @Test func promptStrengthMovesFromTheReferenceToTheFullChange() async throws {
        let engine = try LocalEngine()
        let reference = try await Self.referenceF0()
        let referenceSeconds = try await EffectRender.dry.value.duration
        let change = try PromptInterpreter().read("much deeper and much slower").change
        var shifts: [Double] = [], durations: [Double] = []
        for strength in [0, 0.25, 0.5, 0.75, 1] {
            // Guidance 100: the previews barely vary, so each strength is read off one voice.
            let result = try await engine.remix(Fixtures.request("much deeper and much slower", promptStrength: strength, guidance: 100))
            shifts.append(try Self.pitchShifts(result, reference: reference).sorted()[1])
            durations.append(result.previews.map(\.durationSecs).sorted()[1])
        }
        #expect(abs(shifts[0]) < 0.3, "strength 0 moved the pitch \(shifts[0]) st")
        #expect(abs(durations[0] / referenceSeconds - 1) < 0.03, "strength 0: \(durations[0]) s, the reference \(referenceSeconds) s")
        #expect(abs(shifts[4] - change.semitones) < 0.5, "strength 1 moved the pitch \(shifts[4]) st of \(change.semitones)")
        #expect(abs(durations[4] / referenceSeconds - 1 / change.tempo) < 0.05, "strength 1: \(durations[4]) s")
        #expect(zip(shifts, shifts.dropFirst()).allSatisfy { $0 > $1 }, "pitch by strength: \(shifts)")
        #expect(zip(durations, durations.dropFirst()).allSatisfy { $0 < $1 }, "duration by strength: \(durations)")
    }

    static let everyEffect = VoiceEffects(
        breathiness: 0.7, roughness: 0.7, tiltDBPerOctave: -2, bassDB: 4, nasality: 0.4, channel: .megaphone, room: .hall)

    @Test(arguments: [-1.0, 0, 0.5, 1])
    func loudnessFollowsTheMappingUnderTheTruePeakLimitWithEffects(loudness: Double) async throws {
        let (engine, voice) = try await EffectsVoice.sloane(with: Self.everyEffect)
        let target = LoudnessNormalizer.targetLUFS(loudness: loudness)
        for format in [OutputFormat.pcm_16000, .pcm_44100] {
            let result = try await engine.remix(Fixtures.request("a bit deeper", voice: voice, format: format, loudness: loudness))
            for preview in result.previews {
                let audio = Fixtures.pcm(preview.audio, rate: format.sampleRate)
                let measured = try LoudnessMeter.integratedLUFS(audio)
                #expect(abs(measured - target) <= 1, "\(format) at \(loudness): \(measured) LUFS for \(target)")
                #expect(try LoudnessMeter.truePeakDB(audio) <= -1, "\(format) at \(loudness)")
            }
        }
    }

    /// Guidance 100, full strength, a 1000-character prompt of superlatives, every effect at its end.
    @Test func extremesNeverClipFallSilentOrFail() async throws {
        let maximal = VoiceEffects(
            breathiness: 1, roughness: 1, tiltDBPerOctave: VoiceEffects.tiltRange.upperBound,
            bassDB: VoiceEffects.bassRange.upperBound, nasality: 1, channel: .megaphone, room: .hall)
        let (engine, voice) = try await EffectsVoice.sloane(with: maximal)
        let words = "extremely old, much deeper, very slow, extremely breathy, very raspy, much brighter, nasal, "
        let prompt = String(String(repeating: words, count: 20).prefix(RemixRequest.descriptionLength.upperBound))
        var request = Fixtures.request(prompt, voice: voice, promptStrength: 1, guidance: 100, loudness: 1)
        request.outputFormat = .pcm_24000
        let result = try await engine.remix(request)
        #expect(result.previews.count == 3)
        for preview in result.previews {
            let audio = Fixtures.pcm(preview.audio, rate: 24000)
            #expect(preview.durationSecs > 3)
            #expect(abs(try LoudnessMeter.integratedLUFS(audio) - LoudnessNormalizer.targetLUFS(loudness: 1)) <= 1)
            #expect(try LoudnessMeter.truePeakDB(audio) <= -1)
        }
    }

    /// The seed decides the effects' noise too: the same request repeats byte for byte after other
    /// requests (with and without effects), and another seed gives other audio.
    @Test func effectsRepeatWithTheSeedAfterOtherRequests() async throws {
        let (engine, voice) = try await EffectsVoice.sloane(with: VoiceEffectsTests.everything)
        let request = Fixtures.request("slightly higher", voice: voice, seed: 21)
        let first = try await engine.remix(request).previews
        for index in 0..<20 {
            let other = Fixtures.request(
                ["much deeper", "faster", "a bit older"][index % 3], voice: index.isMultiple(of: 2) ? voice : Fixtures.espeakVoice,
                seed: 300 + index, format: .pcm_8000)
            _ = try await engine.remix(other)
        }
        #expect(try await engine.remix(request).previews.map(\.audio) == first.map(\.audio))
        var reseeded = request
        reseeded.seed = 22
        let other = try await engine.remix(reseeded).previews
        #expect(zip(other, first).allSatisfy { $0.audio != $1.audio })
    }
}

extension EffectsVoice {
    /// The local engine with a kept Sloane whose recipe carries `effects`.
    static func sloane(with effects: VoiceEffects) async throws -> (backend: any RemixBackend, voiceID: String) {
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(effects)) as? [String: Any])
        return try await make(from: Fixtures.fliteVoice, text: Fixtures.text, effects: json) { try LocalEngine(archive: $0) }
    }
}
