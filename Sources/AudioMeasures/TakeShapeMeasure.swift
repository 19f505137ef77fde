import Foundation
import RemixCore

extension TakeShape {
    /// Measures decoded audio: its loudness envelope in `width` equal slices, its integrated loudness
    /// and its sample peak.
    public static func measure(_ buffer: PCMBuffer, width: Int = TakeShape.defaultWidth) throws -> TakeShape {
        let frames = buffer.frameCount, channels = buffer.channels
        let envelope = (0..<width).map { slice -> UInt8 in
            let slice = (frames * slice / width)..<(frames * (slice + 1) / width)
            guard !slice.isEmpty else { return 0 }
            let sum = buffer.samples[(slice.lowerBound * channels)..<(slice.upperBound * channels)].reduce(Float(0)) { $0 + $1 * $1 }
            let rms = (sum / Float(slice.count * channels)).squareRoot()
            return level(decibels: 20 * log10(max(Double(rms), 1e-9)))
        }
        let peak = buffer.samples.lazy.map(abs).max() ?? 0
        return TakeShape(
            envelope: envelope, integratedLUFS: try IntegratedLoudness.of(buffer),
            peakDBFS: peak > 0 ? 20 * log10(Double(peak)) : nil)
    }

    /// 0 (below −60 dBFS RMS: silence) to 8 (0 dBFS) in 7.5 dB steps; speech sits around 4 to 6.
    static func level(decibels: Double) -> UInt8 {
        UInt8(min(8, max(0, ((decibels + 60) / 7.5).rounded())))
    }
}
