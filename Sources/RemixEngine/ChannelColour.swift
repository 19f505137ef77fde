import Foundation

/// The sound of a transmission channel: a band limit, the distortion of a small overdriven speaker
/// or amplifier, and for the radio a little hiss.
///
/// The band is applied before the distortion, so it bites on the band the listener hears, and again
/// after it, so the harmonics the distortion makes do not leak outside the band.
enum ChannelColour {
    private struct Traits {
        /// The pass band, as fourth-order Butterworth edges.
        var band: ClosedRange<Double>
        /// How hard the signal's peaks drive the saturation: 1 is almost clean, 10 nearly square.
        var drive: Float
        /// A horn or cabinet resonance: frequency and gain in dB.
        var resonance: (frequency: Double, gainDB: Double)?
        /// Hiss, in dB below the signal's peak.
        var hissDB: Double?
    }

    private static func traits(of channel: VoiceEffects.Channel) -> Traits {
        switch channel {
        case .telephone:
            Traits(band: 300...3400, drive: 2)
        case .radio:
            Traits(band: 250...4500, drive: 3, resonance: (1500, 4), hissDB: -44)
        case .megaphone:
            Traits(band: 500...3000, drive: 10, resonance: (1800, 8))
        }
    }

    static func apply(_ channel: VoiceEffects.Channel, to samples: inout [Float], sampleRate: Int, random: inout SeededRandom) {
        guard !samples.isEmpty else { return }
        let traits = Self.traits(of: channel)
        var band = [Biquad].butterworthHighPass(traits.band.lowerBound, sampleRate: sampleRate)
            + [Biquad].butterworthLowPass(traits.band.upperBound, sampleRate: sampleRate)
        if let resonance = traits.resonance {
            band.append(.peaking(resonance.frequency, q: 1.2, gainDB: resonance.gainDB, sampleRate: sampleRate))
        }
        band.apply(to: &samples)
        saturate(&samples, drive: traits.drive)
        if let hissDB = traits.hissDB {
            let peak = samples.peakMagnitude
            let level = peak * Float(Foundation.pow(10, hissDB / 20))
            for index in samples.indices {
                samples[index] += level * random.nextNoiseSample()
            }
        }
        band.apply(to: &samples)
    }

    /// tanh saturation scaled to the signal's own peak, so the amount of distortion depends on the
    /// channel and not on how loud the synthesizer happened to speak; the peak itself is kept.
    private static func saturate(_ samples: inout [Float], drive: Float) {
        let peak = samples.peakMagnitude
        guard peak > 0 else { return }
        let inputScale = drive / peak
        let outputScale = peak / tanh(drive)
        for index in samples.indices {
            samples[index] = tanh(samples[index] * inputScale) * outputScale
        }
    }
}
