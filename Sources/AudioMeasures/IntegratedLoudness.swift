@preconcurrency import CEbur128
import RemixCore

/// Integrated loudness (ITU-R BS.1770, with libebur128): what the engine sets a preview to, and what
/// the workbench shows beside each take.
public enum IntegratedLoudness {
    /// nil when the audio is too short or too quiet to have an integrated loudness.
    public static func of(_ buffer: PCMBuffer) throws -> Double? {
        var meter = ebur128_init(UInt32(buffer.channels), UInt(buffer.sampleRate), Int32(EBUR128_MODE_I.rawValue))
        defer { ebur128_destroy(&meter) }
        guard let state = meter else {
            throw RemixError.engineFailure("libebur128 could not start a loudness meter")
        }
        let added = buffer.samples.withUnsafeBufferPointer { samples in
            ebur128_add_frames_float(state, samples.baseAddress, buffer.frameCount)
        }
        var loudness = 0.0
        guard added == EBUR128_SUCCESS.rawValue, ebur128_loudness_global(state, &loudness) == EBUR128_SUCCESS.rawValue else {
            throw RemixError.engineFailure("libebur128 could not measure loudness")
        }
        return loudness.isFinite ? loudness : nil
    }
}
