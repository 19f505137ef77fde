import AudioMeasures
import Foundation
import RemixCore

/// Sets a preview's integrated loudness (ITU-R BS.1770, measured with libebur128).
///
/// Mapping of the request's `loudness` (−1…1) to a target: **LUFS = −24 + 8 · loudness**, so
/// −1 → −32, 0 → −24 (the API's "0 ≈ −24 LUFS"), 0.5 (the default) → −20 and 1 → −16 LUFS.
/// Samples never clip: `PeakLimiter` holds the true peak at or below −1 dBTP. Limiting lowers the
/// loudness a little, so the gain is corrected and reapplied until the measured loudness is within
/// `tolerance` of the target.
enum LoudnessNormalizer {
    static func targetLUFS(loudness: Double) -> Double {
        -24 + 8 * loudness
    }

    private static let tolerance = 0.2
    private static let maxPasses = 4

    static func normalize(_ buffer: PCMBuffer, loudness: Double) throws -> PCMBuffer {
        let target = targetLUFS(loudness: loudness)
        guard let measured = try IntegratedLoudness.of(buffer) else {
            // Silence (or under 400 ms of audio) has no integrated loudness to correct.
            return buffer
        }
        var gainDB = target - measured
        let peaks = PeakLimiter.truePeakEnvelope(buffer.samples)
        let peak = peaks.max() ?? 0
        var result = buffer
        for _ in 0..<maxPasses {
            let gain = Float(Foundation.pow(10, gainDB / 20))
            result.samples = buffer.samples.map { $0 * gain }
            // Below the ceiling a plain gain is exact: loudness moves by exactly gainDB.
            if peak * gain <= PeakLimiter.ceiling { break }
            result.samples = PeakLimiter.limit(result.samples, peaks: peaks.map { $0 * gain }, sampleRate: buffer.sampleRate)
            guard let reached = try IntegratedLoudness.of(result) else { break }
            let error = target - reached
            if abs(error) <= tolerance { break }
            gainDB += error
        }
        return result
    }
}
