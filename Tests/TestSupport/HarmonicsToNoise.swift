import Foundation
import RemixCore

/// Harmonics-to-noise ratio of speech in dB, after Boersma (1993), cross-correlation variant: in
/// each voiced frame, r is the best normalised correlation between the frame and itself one
/// candidate period later, and HNR = 10·log10(r / (1 − r)): the power of the part that repeats from
/// period to period over the power of the part that does not. A breathy or rough voice repeats less,
/// so its HNR is lower.
public enum HarmonicsToNoise {
    public static let pitchRange = 70.0...400.0
    /// Frames quieter than this below the loudest are pauses or weak consonants, not voice.
    private static let loudnessFloorDB = 25.0
    /// Frames whose best correlation is below this are unvoiced (Boersma's voicing threshold is 0.45;
    /// lower here so a breathy vowel still counts as voiced, or the measure would hide the breath).
    private static let voicingThreshold = 0.3

    /// The mean HNR over voiced frames; nil when no frame is voiced.
    public static func meanDB(_ buffer: PCMBuffer) -> Double? {
        let rate = Double(buffer.sampleRate)
        let frame = Int(0.04 * rate)
        let hop = Int(0.02 * rate)
        let minLag = Int(rate / pitchRange.upperBound)
        let maxLag = Int(rate / pitchRange.lowerBound)
        let samples = buffer.samples
        guard samples.count > frame + maxLag else { return nil }
        let starts = Array(stride(from: 0, to: samples.count - frame - maxLag, by: hop))
        let energies = starts.map { start in samples[start..<(start + frame)].reduce(0.0) { $0 + Double($1 * $1) } }
        let floor = (energies.max() ?? 0) * Foundation.pow(10, -loudnessFloorDB / 10)

        var ratios: [Double] = []
        samples.withUnsafeBufferPointer { signal in
            for (start, energy) in zip(starts, energies) where energy > 0 && energy >= floor {
                let correlations = (minLag...maxLag).map { lag in
                    var cross = 0.0, shifted = 0.0
                    for index in start..<(start + frame) {
                        let later = Double(signal[index + lag])
                        cross += Double(signal[index]) * later
                        shifted += later * later
                    }
                    return shifted > 0 ? cross / (energy * shifted).squareRoot() : 0
                }
                guard let peak = correlations.indices.max(by: { correlations[$0] < correlations[$1] }),
                    correlations[peak] >= voicingThreshold
                else { continue }
                let r = min(refinedPeak(correlations, at: peak), 0.9999)
                ratios.append(10 * log10(r / (1 - r)))
            }
        }
        guard !ratios.isEmpty else { return nil }
        return ratios.reduce(0, +) / Double(ratios.count)
    }

    /// The height of the parabola through the peak and its neighbours: a period is rarely a whole
    /// number of samples, and the correlation at the nearest lag undershoots the true one.
    private static func refinedPeak(_ values: [Double], at index: Int) -> Double {
        guard index > 0, index + 1 < values.count else { return values[index] }
        let (left, center, right) = (values[index - 1], values[index], values[index + 1])
        let curvature = left - 2 * center + right
        guard curvature < 0 else { return center }
        return center - (left - right) * (left - right) / (8 * curvature)
    }
}
