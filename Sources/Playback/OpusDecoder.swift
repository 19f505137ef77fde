import COpus
import Foundation
import RemixCore

/// Ogg Opus decoded from memory by opusfile. Opus always decodes at 48 kHz.
public final class OpusDecoder: AudioDecoder {
    public let sampleRate = 48000
    public let channels: Int
    private let file: OpaquePointer
    /// opusfile reads from this copy for as long as the decoder lives.
    private let bytes: UnsafeMutableRawBufferPointer
    /// The longest Opus packet: 120 ms at 48 kHz.
    private static let maxPacketFrames = 5760

    public init(data: Data) throws(PlaybackError) {
        guard !data.isEmpty else { throw .empty }
        guard AudioFormatSniffer.signature(of: data) == .ogg else { throw .notEncodedAs(.opus) }
        guard Self.endsWithCompleteFinalPage(data) else { throw .truncated(.opus) }
        bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: data.count, alignment: 16)
        data.copyBytes(to: bytes)
        var status: Int32 = 0
        guard let file = op_open_memory(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), bytes.count, &status) else {
            bytes.deallocate()
            throw status == OP_ENOTFORMAT ? .notEncodedAs(.opus) : .undecodable(.opus, detail: Self.message(status))
        }
        self.file = file
        channels = Int(op_channel_count(file, -1))
    }

    deinit {
        op_free(file)
        bytes.deallocate()
    }

    public func nextChunk(maxFrames: Int) throws(PlaybackError) -> PCMBuffer? {
        let total = Int(op_pcm_total(file, -1)), done = Int(op_pcm_tell(file))
        let wanted = total > done ? min(maxFrames, total - done) : min(maxFrames, Self.maxPacketFrames)
        var samples = [Float]()
        samples.reserveCapacity(wanted * channels)
        var scratch = [Float](repeating: 0, count: Self.maxPacketFrames * channels)
        while samples.count / channels < maxFrames {
            let frames = scratch.withUnsafeMutableBufferPointer { buffer in
                op_read_float(file, buffer.baseAddress, Int32(buffer.count), nil)
            }
            if frames < 0 { throw .undecodable(.opus, detail: Self.message(frames)) }
            if frames == 0 { break }
            samples.append(contentsOf: scratch[..<(Int(frames) * channels)])
        }
        return samples.isEmpty ? nil : PCMBuffer(samples: samples, sampleRate: sampleRate, channels: channels)
    }

    /// opusfile plays a cut stream without complaint, so check the Ogg framing: the last page must be whole
    /// and flagged end-of-stream.
    static func endsWithCompleteFinalPage(_ data: Data) -> Bool {
        let bytes = [UInt8](data.suffix(65_307 + 27))
        var start = bytes.count - 27
        while start >= 0 {
            if bytes[start] == 0x4F, bytes[start + 1] == 0x67, bytes[start + 2] == 0x67, bytes[start + 3] == 0x53,
               bytes[start + 4] == 0, start + 27 <= bytes.count {
                let segments = Int(bytes[start + 26])
                let tableEnd = start + 27 + segments
                if tableEnd <= bytes.count {
                    let length = tableEnd + bytes[(start + 27)..<tableEnd].reduce(0) { $0 + Int($1) }
                    return length == bytes.count && bytes[start + 5] & 0x04 != 0
                }
                return false
            }
            start -= 1
        }
        return false
    }

    static func message(_ code: Int32) -> String {
        switch code {
        case OP_HOLE: "there is a gap in the stream"
        case OP_EREAD, OP_EFAULT: "it could not be read"
        case OP_EIMPL: "it uses a feature opusfile does not implement"
        case OP_ENOTFORMAT, OP_EBADHEADER, OP_EVERSION: "its Opus header is missing or invalid"
        case OP_EBADPACKET, OP_EBADLINK, OP_EBADTIMESTAMP: "the stream is corrupt"
        default: "opusfile error \(code)"
        }
    }
}
