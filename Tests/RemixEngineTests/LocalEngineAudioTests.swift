import Foundation
import RemixCore
import RemixEngine
import Testing
import TestSupport

/// Measures the audio the engine makes: decoded lengths, F0, loudness, byte layout.
@Suite struct LocalEngineAudioTests {
    @Test func muchDeeperAndSlowerIsDeeperDecodableAndRepeatable() async throws {
        let engine = try LocalEngine()
        let request = Fixtures.request("much deeper and slower", format: .mp3_24000_48)
        let first = try await engine.remix(request)
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        #expect(first.previews.count == 3)
        var decoded: [PCMBuffer] = []
        for (index, preview) in first.previews.enumerated() {
            #expect(preview.mediaType == "audio/mpeg")
            let audio = try Fixtures.decodeMP3(preview.audio, in: directory, name: "deeper-\(index)")
            #expect(audio.sampleRate == 24000)
            #expect(abs(audio.duration - preview.durationSecs) <= 0.03, "decoded \(audio.duration) s, reported \(preview.durationSecs) s")
            decoded.append(audio)
        }
        #expect(Set(first.previews.map(\.audio)).count == 3, "the three previews should differ")
        #expect(Set(first.previews.map(\.generatedVoiceID)).count == 3)

        let again = try await engine.remix(request)
        #expect(again.previews == first.previews, "same seed and inputs must give byte-identical previews")

        var reference = request
        reference.promptStrength = 0
        let unchanged = try await engine.remix(reference)
        let unchangedAudio = try unchanged.previews.enumerated().map { index, preview in
            try Fixtures.decodeMP3(preview.audio, in: directory, name: "reference-\(index)")
        }
        let shift = PitchEstimator.semitones(from: Fixtures.medianF0(unchangedAudio), to: Fixtures.medianF0(decoded))
        #expect(shift <= -2, "F0 moved \(shift) st")
        #expect(first.previews.map(\.durationSecs).reduce(0, +) > unchanged.previews.map(\.durationSecs).reduce(0, +))
    }

    @Test func higherRaisesPitch() async throws {
        let engine = try LocalEngine()
        let higher = try await engine.remix(Fixtures.request("much higher"))
        let reference = try await engine.remix(Fixtures.request("much higher", promptStrength: 0))
        let shift = PitchEstimator.semitones(
            from: Fixtures.medianF0(reference.previews.map { Fixtures.pcm($0.audio, rate: 16000) }),
            to: Fixtures.medianF0(higher.previews.map { Fixtures.pcm($0.audio, rate: 16000) }))
        #expect(shift >= 2, "F0 moved \(shift) st")
    }

    @Test func fasterShortensDuration() async throws {
        let engine = try LocalEngine()
        let faster = try await engine.remix(Fixtures.request("much faster", voice: Fixtures.espeakVoice))
        let reference = try await engine.remix(Fixtures.request("much faster", voice: Fixtures.espeakVoice, promptStrength: 0))
        let fasterTotal = faster.previews.map(\.durationSecs).reduce(0, +)
        let referenceTotal = reference.previews.map(\.durationSecs).reduce(0, +)
        #expect(fasterTotal < 0.85 * referenceTotal, "\(fasterTotal) s vs \(referenceTotal) s")
    }

    @Test func loudnessFollowsTheMapping() async throws {
        let engine = try LocalEngine()
        for (loudness, target) in [(-1.0, -32.0), (0.0, -24.0), (1.0, -16.0)] {
            let result = try await engine.remix(Fixtures.request("slightly higher", loudness: loudness))
            for preview in result.previews {
                let audio = Fixtures.pcm(preview.audio, rate: 16000)
                let measured = try LoudnessMeter.integratedLUFS(audio)
                #expect(abs(measured - target) <= 1, "loudness \(loudness): \(measured) LUFS, wanted \(target)")
                #expect(try LoudnessMeter.truePeakDB(audio) <= -1, "loudness \(loudness): true peak above −1 dBTP")
            }
        }
    }

    @Test func guidanceNarrowsTheSpreadBetweenPreviews() async throws {
        let engine = try LocalEngine()
        func durationSpread(guidance: Double) async throws -> Double {
            let durations = try await engine.remix(Fixtures.request("slower", voice: Fixtures.espeakVoice, guidance: guidance))
                .previews.map(\.durationSecs)
            return (durations.max() ?? 0) - (durations.min() ?? 0)
        }
        let loose = try await durationSpread(guidance: 0)
        let strict = try await durationSpread(guidance: 100)
        #expect(strict < loose / 4, "spread \(strict) s at guidance 100 vs \(loose) s at 0")
    }

    @Test(arguments: [OutputFormat.pcm_16000, .pcm_8000, .ulaw_8000, .alaw_8000])
    func rawFormatsHaveTheRightSize(format: OutputFormat) async throws {
        let engine = try LocalEngine()
        let result = try await engine.remix(Fixtures.request("slightly deeper", voice: Fixtures.espeakVoice, format: format))
        let bytesPerSample = format.codec == .pcm ? 2 : 1
        for preview in result.previews {
            #expect(preview.mediaType == format.mediaType)
            let samples = preview.audio.count / bytesPerSample
            #expect(samples == Int((preview.durationSecs * Double(format.sampleRate)).rounded()))
        }
    }

    @Test func streamedPreviewsCarryNoAudioButTheirDuration() async throws {
        let engine = try LocalEngine()
        var request = Fixtures.request("a bit older", voice: Fixtures.espeakVoice)
        request.streamPreviews = true
        let result = try await engine.remix(request)
        #expect(result.previews.allSatisfy { $0.audio.isEmpty && $0.durationSecs > 1 })
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let preview = try #require(result.previews.first)
        let mp3 = try await engine.streamPreview(generatedVoiceID: preview.generatedVoiceID)
        let decoded = try Fixtures.decodeMP3(mp3, in: directory, name: "streamed")
        #expect(abs(decoded.duration - preview.durationSecs) <= 0.03)
    }
}
