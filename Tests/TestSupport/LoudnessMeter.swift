@preconcurrency import CEbur128
import Foundation
import RemixCore

/// Integrated loudness (LUFS) of decoded audio with libebur128, independent of the engine's own meter.
public enum LoudnessMeter {
    public struct Unmeasurable: Error, CustomStringConvertible {
        public let description: String
    }

    public static func integratedLUFS(_ buffer: PCMBuffer) throws -> Double {
        var meter = ebur128_init(UInt32(buffer.channels), UInt(buffer.sampleRate), Int32(EBUR128_MODE_I.rawValue))
        defer { ebur128_destroy(&meter) }
        guard let state = meter else {
            throw Unmeasurable(description: "libebur128 could not start")
        }
        var loudness = -Double.infinity
        let status = buffer.samples.withUnsafeBufferPointer { samples in
            ebur128_add_frames_float(state, samples.baseAddress, buffer.frameCount)
        }
        guard status == EBUR128_SUCCESS.rawValue, ebur128_loudness_global(state, &loudness) == EBUR128_SUCCESS.rawValue,
            loudness.isFinite
        else {
            throw Unmeasurable(description: "no integrated loudness (silent or too short)")
        }
        return loudness
    }

    public static func samplePeak(_ buffer: PCMBuffer) -> Float {
        buffer.samples.lazy.map(abs).max() ?? 0
    }

    /// True peak in dBTP (BS.1770 4× oversampled peak, with libebur128): what a sample peak misses
    /// between samples, and what a DAC or a resampler may produce.
    public static func truePeakDB(_ buffer: PCMBuffer) throws -> Double {
        var meter = ebur128_init(UInt32(buffer.channels), UInt(buffer.sampleRate), Int32(EBUR128_MODE_TRUE_PEAK.rawValue))
        defer { ebur128_destroy(&meter) }
        guard let state = meter else {
            throw Unmeasurable(description: "libebur128 could not start")
        }
        let status = buffer.samples.withUnsafeBufferPointer { samples in
            ebur128_add_frames_float(state, samples.baseAddress, buffer.frameCount)
        }
        var peak = 0.0
        guard status == EBUR128_SUCCESS.rawValue, ebur128_true_peak(state, 0, &peak) == EBUR128_SUCCESS.rawValue else {
            throw Unmeasurable(description: "libebur128 could not measure the true peak")
        }
        return 20 * log10(peak)
    }
}
