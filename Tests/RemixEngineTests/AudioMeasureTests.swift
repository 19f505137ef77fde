import Foundation
import RemixCore
@testable import RemixEngine
import Testing
import TestSupport

/// The measures the effect and parameter tests rely on, each checked on synthetic signals whose
/// answer is known, so a test that fails on a voice fails because of the voice and not the ruler.
@Suite struct AudioMeasureTests {
    static let rate = 16000

    /// A sum of sines, (frequency Hz, amplitude), `seconds` long.
    static func tones(_ partials: [(Double, Double)], seconds: Double = 2) -> [Float] {
        (0..<Int(seconds * Double(rate))).map { index in
            let time = Double(index) / Double(rate)
            return Float(partials.reduce(0) { $0 + $1.1 * sin(2 * Double.pi * $1.0 * time) })
        }
    }

    /// Ten harmonics of `f0` with falling amplitudes: a buzz shaped roughly like a voiced vowel.
    static func harmonicBuzz(f0: Double, seconds: Double = 2) -> [Float] {
        tones((1...10).map { (f0 * Double($0), 0.3 / Double($0)) }, seconds: seconds)
    }

    /// White noise of the given RMS, the same on every run.
    static func noise(count: Int, rms: Float, seed: UInt64) -> [Float] {
        var random = SeededRandom(seed: seed)
        // Uniform noise in −1…1 has an RMS of 1/√3.
        return (0..<count).map { _ in random.nextNoiseSample() * rms * Float(3).squareRoot() }
    }

    static func buffer(_ samples: [Float]) -> PCMBuffer {
        PCMBuffer(samples: samples, sampleRate: rate, channels: 1)
    }

    @Test(arguments: [110.0, 180.0, 290.0])
    func medianF0FindsTheFundamentalUnderNoise(f0: Double) throws {
        let buzz = Self.harmonicBuzz(f0: f0)
        let noisy = zip(buzz, Self.noise(count: buzz.count, rms: buzz.rootMeanSquare / 10, seed: 1)).map(+)
        let measured = try #require(PitchEstimator.medianF0(Self.buffer(noisy)))
        #expect(abs(PitchEstimator.semitones(from: f0, to: measured)) < 0.2, "\(measured) Hz for \(f0) Hz")
    }

    @Test(arguments: [5.0, 10.0, 20.0])
    func harmonicsToNoiseReadsTheMixedInRatio(snrDB: Double) throws {
        let buzz = Self.harmonicBuzz(f0: 150)
        let noiseRMS = buzz.rootMeanSquare / Float(Foundation.pow(10, snrDB / 20))
        let mixed = zip(buzz, Self.noise(count: buzz.count, rms: noiseRMS, seed: 2)).map(+)
        let measured = try #require(HarmonicsToNoise.meanDB(Self.buffer(mixed)))
        #expect(abs(measured - snrDB) < 1.5, "HNR \(measured) dB for a \(snrDB) dB mix")
    }

    @Test func harmonicsToNoiseOfPureNoiseIsLowAndOfABuzzHigh() throws {
        let clean = try #require(HarmonicsToNoise.meanDB(Self.buffer(Self.harmonicBuzz(f0: 150))))
        #expect(clean > 25, "a clean buzz read as \(clean) dB")
        // Noise is not voiced: no frame passes the voicing threshold, or the few that do read low.
        let noise = HarmonicsToNoise.meanDB(Self.buffer(Self.noise(count: 32000, rms: 0.2, seed: 3)))
        #expect(noise.map { $0 < 0 } ?? true, "noise read as \(String(describing: noise)) dB")
    }

    @Test func centroidIsThePowerWeightedMeanFrequency() {
        let single = PowerSpectrum(Self.buffer(Self.tones([(1000, 0.5)])))
        #expect(abs(single.centroid - 1000) < 20, "\(single.centroid) Hz")
        // Equal power at 500 and 2000 Hz: the mean is 1250 Hz.
        let pair = PowerSpectrum(Self.buffer(Self.tones([(500, 0.3), (2000, 0.3)])))
        #expect(abs(pair.centroid - 1250) < 25, "\(pair.centroid) Hz")
    }

    @Test func bandFractionsSplitThePowerWhereItIs() {
        // Powers 1 : 2 : 1 (amplitude² / 2) below 300 Hz, in the telephone band and above 3.4 kHz.
        let spectrum = PowerSpectrum(Self.buffer(Self.tones([(200, 0.2), (1000, 0.2 * 2.0.squareRoot()), (5000, 0.2)])))
        #expect(abs(spectrum.fraction(in: 0..<300) - 0.25) < 0.01)
        #expect(abs(spectrum.fraction(in: 300..<3400) - 0.5) < 0.01)
        #expect(abs(spectrum.fraction(in: 3400..<8001) - 0.25) < 0.01)
    }

    @Test func decayTailIsTheTimeToFallThirtyDecibelsAfterTheLastLoudFrame() {
        let tone = Self.tones([(440, 0.5)], seconds: 1)
        // 60 dB per second after the tone: from −20 dB to −50 dB takes 0.5 s.
        let decaying = Self.tones([(440, 0.5)], seconds: 2).enumerated().map { index, sample in
            sample * Float(Foundation.pow(10, -3 * Double(index) / Double(Self.rate)))
        }
        let stopped = DecayTail.seconds(Self.buffer(tone + [Float](repeating: 0, count: Self.rate)))
        let ringing = DecayTail.seconds(Self.buffer(tone + decaying))
        #expect(stopped <= 0.02, "an abrupt stop lingered \(stopped) s")
        #expect(abs(ringing - 0.5) <= 0.03, "\(ringing) s")
    }

    /// A quarter-rate sine sampled 45° off its crests: every sample is at 0.707 of the true peak.
    /// It fades in and out over 10 ms, since an abrupt start rings above the sine itself.
    @Test func truePeakSeesBetweenTheSamples() throws {
        let fade = Self.rate / 100
        let between = (0..<Self.rate).map { index in
            let ramp = min(1, Double(min(index, Self.rate - 1 - index)) / Double(fade))
            return Float(sin(Double.pi / 2 * Double(index) + Double.pi / 4) * 0.8 * ramp)
        }
        let signal = Self.buffer(between)
        #expect(abs(LoudnessMeter.samplePeak(signal) - 0.8 * Float(0.5).squareRoot()) < 1e-3)
        #expect(abs(try LoudnessMeter.truePeakDB(signal) - 20 * log10(0.8)) < 0.2)
        #expect(abs(PeakLimiter.truePeak(between) - 0.8) < 0.01, "the engine's estimate")
    }
}
