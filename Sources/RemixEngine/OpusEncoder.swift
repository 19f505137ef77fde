import COpusEnc
import Foundation
import RemixCore

/// Constant-bit-rate Ogg Opus through libopusenc, the `opus_48000_*` formats.
///
/// The stream starts with the encoder's look-ahead as pre-skip and its last page's granule position
/// marks where the input ended, so decoders (opusdec, opusfile) play exactly the input; `playedDuration`
/// is read back from those two numbers, the way a decoder computes it.
enum OpusEncoder {
    struct Encoded {
        var data: Data
        /// How long a decoder plays the stream, in seconds.
        var playedDuration: Double
    }

    /// Opus granule positions count 48 kHz samples whatever the input rate.
    private static let granuleRate = 48000

    /// One logical stream per file, so any serial number is valid. A fixed one keeps same-seed previews
    /// byte-identical, and stops libopusenc from drawing one from libc `rand()`, whose sequence flite's
    /// seeded synthesis depends on.
    private static let serialNumber: Int32 = 0x5265_6D78

    static func encode(_ buffer: PCMBuffer, bitRateKbps: Int) throws -> Encoded {
        guard let comments = ope_comments_create() else {
            throw RemixError.engineFailure("libopusenc could not allocate the stream's comments")
        }
        defer { ope_comments_destroy(comments) }

        let sink = PageSink()
        var callbacks = OpusEncCallbacks(
            write: { context, bytes, length in
                Unmanaged<PageSink>.fromOpaque(context!).takeUnretainedValue().data.append(bytes!, count: Int(length))
                return 0
            },
            close: { _ in 0 })
        var status: Int32 = OPE_OK
        guard let encoder = ope_encoder_create_callbacks(
            &callbacks, Unmanaged.passUnretained(sink).toOpaque(), comments, Int32(buffer.sampleRate), Int32(buffer.channels),
            0, &status)
        else {
            throw RemixError.engineFailure("libopusenc could not start an encoder (\(Self.message(status)))")
        }
        defer { ope_encoder_destroy(encoder) }
        // Hard CBR, as the MP3 formats: the bit rate is the one the format names.
        try check(copusenc_set_bitrate(encoder, Int32(bitRateKbps * 1000)), "set \(bitRateKbps) kbps")
        try check(copusenc_set_vbr(encoder, 0), "turn off VBR")
        try check(copusenc_set_serialno(encoder, serialNumber), "set the serial number")
        // The room libopusenc leaves for editing tags later; previews are never retagged.
        try check(copusenc_set_comment_padding(encoder, 0), "drop the comment padding")

        try withExtendedLifetime(sink) {
            try buffer.samples.withUnsafeBufferPointer { samples in
                try check(ope_encoder_write_float(encoder, samples.baseAddress, Int32(buffer.frameCount)), "encode")
            }
            try check(ope_encoder_drain(encoder), "finish the stream")
        }
        guard let played = OggOpusTiming.playedSamples(of: sink.data) else {
            throw RemixError.engineFailure("libopusenc wrote a stream without pre-skip or final granule position")
        }
        return Encoded(data: sink.data, playedDuration: Double(played) / Double(granuleRate))
    }

    /// Where the write callback collects the pages.
    private final class PageSink {
        var data = Data()
    }

    private static func check(_ status: Int32, _ what: String) throws {
        guard status == OPE_OK else {
            throw RemixError.engineFailure("libopusenc failed to \(what) (\(message(status)))")
        }
    }

    private static func message(_ status: Int32) -> String {
        ope_strerror(status).map { String(cString: $0) } ?? "error \(status)"
    }
}
