import Foundation

/// Roughness: a voice whose cycles do not repeat exactly, as in a hoarse or gravelly voice.
/// Jitter (the timing of cycles wanders) and shimmer (their amplitude wanders) are drawn anew every
/// few milliseconds, about a glottal period, and glided between, so one cycle differs from the next
/// without clicks. The voice is read through a delay that moves with the jitter and scaled by the
/// shimmer; consecutive periods then correlate less, which is what a listener hears as rasp and what
/// a harmonics-to-noise measure reads as noise.
enum Roughness {
    /// Shortest and longest stretch between two drawn values.
    private static let segmentSeconds = 0.0025...0.007
    /// At full roughness: how far the delay wanders, and the relative amplitude swing.
    private static let fullJitterSeconds = 0.0007
    private static let fullShimmer: Float = 0.9

    static func apply(roughness: Double, to samples: inout [Float], sampleRate: Int, random: inout SeededRandom) {
        let amount = roughness.clamped(to: VoiceEffects.roughnessRange)
        guard amount > 0, !samples.isEmpty else { return }
        let jitterDepth = Float(amount * fullJitterSeconds * Double(sampleRate))
        let shimmerDepth = Float(amount) * fullShimmer
        let shortest = segmentSeconds.lowerBound * Double(sampleRate)
        let longest = segmentSeconds.upperBound * Double(sampleRate)

        let source = samples
        var delay = jitterDepth / 2, gain: Float = 1
        var start = 0
        source.withUnsafeBufferPointer { input in
            samples.withUnsafeMutableBufferPointer { output in
                while start < input.count {
                    let length = Int(shortest + (longest - shortest) * Double(random.nextNoiseSample() + 1) / 2)
                    let nextDelay = jitterDepth * (random.nextNoiseSample() + 1) / 2
                    let nextGain = 1 + shimmerDepth * random.nextNoiseSample()
                    let end = min(start + length, input.count)
                    for index in start..<end {
                        let progress = Float(index - start) / Float(length)
                        let position = Float(index) - (delay + (nextDelay - delay) * progress)
                        output[index] = (gain + (nextGain - gain) * progress) * Self.read(input, at: position)
                    }
                    (start, delay, gain) = (end, nextDelay, nextGain)
                }
            }
        }
    }

    /// The signal between samples by linear interpolation; silence before the start.
    private static func read(_ input: UnsafeBufferPointer<Float>, at position: Float) -> Float {
        guard position >= 0 else { return 0 }
        let whole = Int(position)
        let fraction = position - Float(whole)
        let next = whole + 1 < input.count ? input[whole + 1] : 0
        return input[whole] + (next - input[whole]) * fraction
    }
}
