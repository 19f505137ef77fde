import Foundation

/// A look-ahead true-peak limiter: the gain starts falling a few milliseconds before a peak and
/// recovers slowly after it, so loud targets (+1 → −16 LUFS) can be reached without clipping or
/// audible clicks, and a preview's true peak stays at or below −1 dBTP.
///
/// Peaks are true peaks: a band-limited signal can swing higher between two samples than at either
/// (saturated or strongly filtered voices do, by up to a few dB), and a DAC or resampler will draw
/// that swing. The peak between two samples is estimated at three points (4× oversampling, as
/// ITU-R BS.1770 measures true peak) by a short windowed-sinc interpolator. The gain each sample
/// needs is min(1, ceiling/peak). A sliding minimum over the look-ahead window, a release that lets
/// gain recover only gradually, and a moving average over the same window give a smooth gain that
/// is still at or below the needed gain at every peak.
enum PeakLimiter {
    /// −1.1 dB: the −1 dBTP promise with 0.1 dB for what the short interpolator can miss.
    static let ceiling: Float = 0.88

    /// The largest magnitude of the signal around each sample: the sample itself and the swings
    /// between it and its neighbours. Computed once per preview and scaled with its gain, since a
    /// gain scales the swings between samples as it scales the samples.
    static func truePeakEnvelope(_ samples: [Float]) -> [Float] {
        guard samples.count > 1 else { return samples.map(abs) }
        // Zeros either side, so every interpolation reads a full set of taps without a bounds test.
        let padded = [Float](repeating: 0, count: halfTaps) + samples + [Float](repeating: 0, count: halfTaps)
        var envelope = samples.map(abs)
        padded.withUnsafeBufferPointer { signal in
            interpolation.withUnsafeBufferPointer { weights in
                envelope.withUnsafeMutableBufferPointer { envelope in
                    let taps = 2 * halfTaps
                    for index in 0..<(samples.count - 1) {
                        // Taps for the points between `index` and `index + 1` start at index + 1 − halfTaps,
                        // which the padding shifts to `index + 1`.
                        let first = signal.baseAddress! + index + 1
                        var between: Float = 0
                        for phase in 0..<(weights.count / taps) {
                            var value: Float = 0
                            for tap in 0..<taps {
                                value += first[tap] * weights[phase * taps + tap]
                            }
                            between = max(between, abs(value))
                        }
                        envelope[index] = max(envelope[index], between)
                        envelope[index + 1] = max(envelope[index + 1], between)
                    }
                }
            }
        }
        return envelope
    }

    /// The largest magnitude of the signal through the samples, between them included.
    static func truePeak(_ samples: [Float]) -> Float {
        truePeakEnvelope(samples).max() ?? 0
    }

    /// `peaks` is the samples' `truePeakEnvelope`.
    static func limit(_ samples: [Float], peaks: [Float], sampleRate: Int) -> [Float] {
        guard (peaks.max() ?? 0) > ceiling else { return samples }
        let window = max(1, sampleRate / 200)  // 5 ms look-ahead
        let release = Float(exp(-1 / (0.08 * Double(sampleRate))))  // 80 ms recovery

        let needed = peaks.map { $0 > ceiling ? ceiling / $0 : 1 }
        let heldAhead = slidingMinimum(needed, window: window)
        var gain = [Float](repeating: 1, count: samples.count)
        var previous: Float = 1
        for index in heldAhead.indices {
            previous = min(heldAhead[index], 1 - (1 - previous) * release)
            gain[index] = previous
        }
        let smoothed = movingAverage(gain, window: window)
        return zip(samples, smoothed).map { $0 * $1 }
    }

    /// Taps on each side of the point interpolated: with 8, the interpolator is within 1 % of unity
    /// gain up to 0.4 × the sample rate (6 would miss 10 % there).
    private static let halfTaps = 8
    /// Hann-windowed sinc weights for the points ¼, ½ and ¾ of the way from one sample to the next,
    /// one row of 2·halfTaps after another; tap k weighs sample (index + k − halfTaps + 1).
    private static let interpolation: [Float] = [0.25, 0.5, 0.75].flatMap { (phase: Double) -> [Float] in
        (0..<(2 * halfTaps)).map { (tap: Int) -> Float in
            let distance = Double(tap - halfTaps + 1) - phase
            let sinc = sin(Double.pi * distance) / (Double.pi * distance)
            let hann = 0.5 + 0.5 * cos(Double.pi * distance / Double(halfTaps))
            return Float(sinc * hann)
        }
    }

    /// result[i] = min(values[i ..< i + window]), in linear time with a monotonic queue of indices.
    private static func slidingMinimum(_ values: [Float], window: Int) -> [Float] {
        var result = [Float](repeating: 1, count: values.count)
        var queue: [Int] = []
        var head = 0
        for index in stride(from: values.count - 1, through: 0, by: -1) {
            while queue.count > head, let back = queue.last, values[back] >= values[index] {
                queue.removeLast()
            }
            queue.append(index)
            while queue[head] >= index + window {
                head += 1
            }
            result[index] = values[queue[head]]
        }
        return result
    }

    /// result[i] = mean(values[max(0, i − window + 1) ... i]). The window is shorter at the start
    /// rather than padded with unity gain, which would let the first peaks through.
    private static func movingAverage(_ values: [Float], window: Int) -> [Float] {
        var result = [Float](repeating: 1, count: values.count)
        var sum = 0.0
        for index in values.indices {
            sum += Double(values[index])
            if index >= window {
                sum -= Double(values[index - window])
            }
            result[index] = Float(sum / Double(min(index + 1, window)))
        }
        return result
    }
}
