import Foundation

/// A look-ahead peak limiter: the gain starts falling a few milliseconds before a peak and recovers
/// slowly after it, so loud targets (+1 → −16 LUFS) can be reached without clipping or audible clicks.
///
/// The gain each sample needs is min(1, ceiling/|x|). A sliding minimum over the look-ahead window,
/// a release that lets gain recover only gradually, and a moving average over the same window give
/// a smooth gain that is still at or below the needed gain at every peak.
enum PeakLimiter {
    /// −1 dBFS sample peak, leaving room for the small overshoot MP3 encoding adds.
    static let ceiling: Float = 0.891

    static func limit(_ samples: [Float], sampleRate: Int) -> [Float] {
        guard let peak = samples.lazy.map(abs).max(), peak > ceiling else { return samples }
        let window = max(1, sampleRate / 200)  // 5 ms look-ahead
        let release = Float(exp(-1 / (0.08 * Double(sampleRate))))  // 80 ms recovery

        let needed = samples.map { abs($0) > ceiling ? ceiling / abs($0) : 1 }
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
