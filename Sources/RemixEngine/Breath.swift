import Foundation

/// Breathiness: turbulent air mixed into the voice. The noise is shaped like breath (mostly above
/// ~1.5 kHz, where voiced speech has little energy of its own) and follows the speech envelope, so
/// it comes and goes with the words instead of hissing through the pauses. Towards 1 the voiced part
/// also recedes, as in a whisper.
enum Breath {
    /// Breath noise level at full breathiness, relative to the speech envelope (mean absolute level).
    private static let fullNoiseLevel: Float = 0.4
    /// How much of the voiced sound a full whisper keeps.
    private static let whisperVoicing: Float = 0.45

    static func apply(breathiness: Double, to samples: inout [Float], sampleRate: Int, random: inout SeededRandom) {
        let amount = Float(breathiness.clamped(to: VoiceEffects.breathinessRange))
        guard amount > 0, !samples.isEmpty else { return }
        let envelope = SpeechEnvelope.follow(samples, sampleRate: sampleRate)
        var noise = (0..<samples.count).map { _ in random.nextNoiseSample() }
        ([Biquad].butterworthHighPass(1500, sampleRate: sampleRate) + [.lowPass(6500, sampleRate: sampleRate)]).apply(to: &noise)
        // Unit RMS, so the level below is relative to the envelope whatever the filters removed.
        let noiseGain = amount * fullNoiseLevel / max(noise.rootMeanSquare, .leastNonzeroMagnitude)
        let voicing = 1 - (1 - whisperVoicing) * amount * amount
        for index in samples.indices {
            samples[index] = samples[index] * voicing + noise[index] * envelope[index] * noiseGain
        }
    }
}

/// The loudness contour of speech: mean absolute level, rising within a few milliseconds of a
/// syllable's start and falling over tens of milliseconds after it, as the air of a breath would.
enum SpeechEnvelope {
    private static let attackSeconds = 0.003
    private static let releaseSeconds = 0.03

    static func follow(_ samples: [Float], sampleRate: Int) -> [Float] {
        let attack = Float(exp(-1 / (attackSeconds * Double(sampleRate))))
        let release = Float(exp(-1 / (releaseSeconds * Double(sampleRate))))
        var level: Float = 0
        return samples.map { sample in
            let magnitude = abs(sample)
            let coefficient = magnitude > level ? attack : release
            level = magnitude + (level - magnitude) * coefficient
            return level
        }
    }
}
