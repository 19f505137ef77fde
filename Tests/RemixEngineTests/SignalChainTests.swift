import Foundation
import RemixCore
@testable import RemixEngine
import Testing
import TestSupport

/// The DSP stages and encoders on synthetic signals, checked against reference decoders (mpg123,
/// sox) and an independent loudness meter.
@Suite struct SignalChainTests {
    static func tone(rate: Int, seconds: Double = 1) -> PCMBuffer {
        let count = Int(Double(rate) * seconds)
        let samples = (0..<count).map { Float(0.5 * sin(2 * Double.pi * 220 * Double($0) / Double(rate))) }
        return PCMBuffer(samples: samples, sampleRate: rate, channels: 1)
    }

    @Test(arguments: OutputFormat.allCases.filter { $0.codec == .mp3 })
    func mp3DecodesAtTheFormatRateAndReportedLength(format: OutputFormat) throws {
        let encoded = try OutputEncoder.encode(Self.tone(rate: format.sampleRate), as: format)
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let decoded = try Fixtures.decodeMP3(encoded.data, in: directory, name: format.rawValue)
        #expect(decoded.sampleRate == format.sampleRate)
        #expect(decoded.channels == 1)
        #expect(abs(decoded.duration - encoded.durationSecs) <= 0.03)
        let expectedBytes = Double(format.bitRateKbps ?? 0) * 1000 / 8 * encoded.durationSecs
        #expect(abs(Double(encoded.data.count) - expectedBytes) < 0.1 * expectedBytes, "constant bit rate")
    }

    @Test(arguments: [("ul", OutputFormat.ulaw_8000), ("al", .alaw_8000)])
    func g711MatchesSoxDecoding(soxType: String, format: OutputFormat) throws {
        let tone = Self.tone(rate: 8000)
        let encoded = try OutputEncoder.encode(tone, as: format)
        let raw = try Tool.run("sox", ["-t", soxType, "-r", "8000", "-c", "1", "-", "-t", "raw", "-e", "signed", "-b", "16", "-"], stdin: encoded.data)
        let decoded = Fixtures.pcm(raw, rate: 8000)
        #expect(decoded.samples.count == tone.samples.count)
        let worst = zip(decoded.samples, tone.samples).map { abs($0 - $1) }.max() ?? 1
        #expect(worst < 0.02, "companding error \(worst)")
    }

    @Test func resamplerKeepsATonesFrequencyAndLevel() throws {
        let resampled = Resampler.resample(Self.tone(rate: 22050, seconds: 2), to: 16000)
        #expect(resampled.samples.count == 32000)
        let f0 = try #require(PitchEstimator.medianF0(resampled))
        #expect(abs(PitchEstimator.semitones(from: 220, to: f0)) < 0.2)
        let middle = resampled.samples[4000..<28000]
        #expect(abs((middle.map(abs).max() ?? 0) - 0.5) < 0.01)
    }

    @Test func limiterHoldsPeaksBelowTheCeiling() {
        let loud = Self.tone(rate: 16000).samples.map { $0 * 3 }
        let limited = PeakLimiter.limit(loud, peaks: PeakLimiter.truePeakEnvelope(loud), sampleRate: 16000)
        #expect((limited.map(abs).max() ?? 1) <= PeakLimiter.ceiling + 1e-4)
        #expect(PeakLimiter.truePeak(limited) <= PeakLimiter.ceiling + 1e-3, "between the samples too")
    }

    @Test func loudTargetsAreReachedThroughTheLimiter() throws {
        // Sparse clicks on a quiet tone: a crest factor far above speech, so +1 needs the limiter.
        var signal = Self.tone(rate: 16000, seconds: 3)
        signal.samples = signal.samples.enumerated().map { index, sample in index % 1600 == 0 ? 0.9 : sample * 0.2 }
        let normalized = try LoudnessNormalizer.normalize(signal, loudness: 1)
        #expect(abs(try LoudnessMeter.integratedLUFS(normalized) - LoudnessNormalizer.targetLUFS(loudness: 1)) <= 0.5)
        #expect(LoudnessMeter.samplePeak(normalized) <= PeakLimiter.ceiling + 1e-4)
    }

    @Test func pitchRatiosSnapToSimpleFractions() {
        let ratio = Foundation.pow(2, -2.0 / 12)
        let snapped = PitchTempo.nearestFraction(to: ratio)
        #expect(abs(12 * Foundation.log2(snapped / ratio)) < 0.01)
        #expect(PitchTempo.nearestFraction(to: 0.875) == 0.875)
    }
}
