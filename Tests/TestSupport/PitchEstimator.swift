import Foundation
import RemixCore

/// Median fundamental frequency of speech, for checking that pitch moved the way a prompt asked.
/// Normalised autocorrelation over 40 ms frames; frames that are quiet or not clearly periodic are
/// skipped as unvoiced, and the median of the rest resists octave errors in a few frames.
/// The signal is first averaged down to about 8 kHz: F0 lives far below that, and the search is
/// quadratic in the rate.
public enum PitchEstimator {
    public static let searchRange = 60.0...400.0
    private static let analysisRate = 8000

    /// nil when no frame is voiced.
    public static func medianF0(_ buffer: PCMBuffer) -> Double? {
        let factor = max(1, buffer.sampleRate / analysisRate)
        let samples = stride(from: 0, to: buffer.samples.count - factor + 1, by: factor).map { start in
            buffer.samples[start..<(start + factor)].reduce(0, +) / Float(factor)
        }
        let rate = Double(buffer.sampleRate) / Double(factor)
        let frame = Int(0.04 * rate)
        let hop = frame / 2
        let minLag = Int(rate / searchRange.upperBound)
        let maxLag = Int(rate / searchRange.lowerBound)
        guard samples.count > frame + maxLag else { return nil }
        let loudest = samples.lazy.map(abs).max() ?? 0
        var estimates: [Double] = []

        for start in stride(from: 0, to: samples.count - frame - maxLag, by: hop) {
            let window = samples[start..<(start + frame)]
            let energy = window.reduce(0) { $0 + $1 * $1 }
            guard energy / Float(frame) > (0.05 * loudest) * (0.05 * loudest) else { continue }
            var correlations: [Float] = []
            for lag in minLag...maxLag {
                var cross: Float = 0, shifted: Float = 0
                for index in start..<(start + frame) {
                    cross += samples[index] * samples[index + lag]
                    shifted += samples[index + lag] * samples[index + lag]
                }
                correlations.append(cross / (energy * shifted).squareRoot())
            }
            // Multiples of the period correlate about as well as the period itself, so take the
            // first peak that comes close to the best one, refined between lags by a parabola.
            let best = correlations.max() ?? 0
            guard best > 0.7, var peak = correlations.firstIndex(where: { $0 >= 0.9 * best }) else { continue }
            while peak + 1 < correlations.count, correlations[peak + 1] > correlations[peak] {
                peak += 1
            }
            var lag = Double(peak + minLag)
            if peak > 0, peak + 1 < correlations.count {
                let (left, center, right) = (correlations[peak - 1], correlations[peak], correlations[peak + 1])
                let curvature = left - 2 * center + right
                if curvature < 0 {
                    lag += Double(0.5 * (left - right) / curvature)
                }
            }
            estimates.append(rate / lag)
        }
        guard !estimates.isEmpty else { return nil }
        return estimates.sorted()[estimates.count / 2]
    }

    public static func semitones(from reference: Double, to value: Double) -> Double {
        12 * (value / reference).log2
    }
}

extension Double {
    fileprivate var log2: Double { Foundation.log2(self) }
}
