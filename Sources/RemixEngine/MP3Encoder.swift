@preconcurrency import CLame
import Foundation
import RemixCore

/// Mono constant-bit-rate MP3 through LAME, at the buffer's own sample rate.
///
/// When a frame is large enough (64 kbps and up at 44.1 kHz), the stream starts with a LAME/Info
/// tag recording the encoder delay and padding, so decoders such as mpg123 trim them and play
/// exactly the input. Smaller frames cannot hold the tag; decoders then play every whole frame,
/// delay and padding included, and `playedDuration` says so.
enum MP3Encoder {
    struct Encoded {
        var data: Data
        /// How long a decoder plays the stream, in seconds.
        var playedDuration: Double
    }

    /// LAME's algorithm quality, 0 (best, slowest) … 9. 7 skips the costliest psychoacoustic
    /// search, which is inaudible on synthetic speech previews and about a third faster than 5.
    private static let algorithmQuality: Int32 = 7

    static func encode(_ buffer: PCMBuffer, bitRateKbps: Int) throws -> Encoded {
        guard let lame = lame_init() else {
            throw RemixError.engineFailure("LAME could not start an encoder")
        }
        defer { lame_close(lame) }
        lame_set_num_channels(lame, 1)
        lame_set_in_samplerate(lame, Int32(buffer.sampleRate))
        lame_set_out_samplerate(lame, Int32(buffer.sampleRate))
        lame_set_mode(lame, MONO)
        lame_set_VBR(lame, vbr_off)
        lame_set_brate(lame, Int32(bitRateKbps))
        lame_set_quality(lame, algorithmQuality)
        lame_set_bWriteVbrTag(lame, 1)
        guard lame_init_params(lame) >= 0 else {
            throw RemixError.engineFailure("LAME rejected \(buffer.sampleRate) Hz at \(bitRateKbps) kbps")
        }

        let count = buffer.samples.count
        // LAME's documented worst case: 1.25 × samples + 7200 bytes.
        var output = [UInt8](repeating: 0, count: count + count / 4 + 7200)
        let encoded = buffer.samples.withUnsafeBufferPointer { samples in
            output.withUnsafeMutableBufferPointer { bytes in
                lame_encode_buffer_ieee_float(lame, samples.baseAddress, nil, Int32(count), bytes.baseAddress, Int32(bytes.count))
            }
        }
        guard encoded >= 0 else {
            throw RemixError.engineFailure("LAME failed to encode (error \(encoded))")
        }
        let flushed = output[Int(encoded)...].withUnsafeMutableBufferPointer { rest in
            lame_encode_flush(lame, rest.baseAddress, Int32(rest.count))
        }
        guard flushed >= 0 else {
            throw RemixError.engineFailure("LAME failed to flush (error \(flushed))")
        }
        var data = Data(output[0..<Int(encoded + flushed)])

        // The first frame was reserved for the tag; now that the totals are known, fill it in.
        var tag = [UInt8](repeating: 0, count: 2880)
        let tagSize = lame_get_lametag_frame(lame, &tag, tag.count)
        guard tagSize > 0, tagSize <= data.count else {
            let playedSamples = Int(lame_get_frameNum(lame)) * Int(lame_get_framesize(lame))
            return Encoded(data: data, playedDuration: Double(playedSamples) / Double(buffer.sampleRate))
        }
        data.replaceSubrange(0..<tagSize, with: tag[0..<tagSize])
        return Encoded(data: data, playedDuration: buffer.duration)
    }
}
