import Foundation
import RemixCore

/// Decides how bytes are encoded from their first bytes, the file name and the format asked for.
/// Content wins over the name, so a WAV or an Opus file named `.mp3` is reported as what it is.
public enum AudioFormatSniffer {
    /// What the first bytes prove; headerless formats (PCM, G.711) prove nothing.
    enum Signature: Equatable {
        case id3, mpegFrame, ogg, riff, none
    }

    public static func encoding(
        of data: Data, fileExtension: String? = nil, declared: OutputFormat? = nil
    ) throws(PlaybackError) -> AudioEncoding {
        guard !data.isEmpty else { throw .empty }
        let signature = signature(of: data)
        if signature == .riff { throw .wavUnsupported }

        if let declared {
            let encoding = AudioEncoding(declared)
            switch (encoding, signature) {
            case (.mp3, .id3), (.mp3, .mpegFrame), (.opus, .ogg): return encoding
            case (.mp3, _), (.opus, _): throw .notEncodedAs(encoding.codec)
            // Any bytes are valid headerless audio, but a tagged container is certainly not.
            case (_, .id3), (_, .ogg): throw .notEncodedAs(encoding.codec)
            default: return encoding
            }
        }

        switch signature {
        case .id3, .mpegFrame: return .mp3
        case .ogg: return .opus
        case .riff, .none: break
        }
        switch fileExtension?.lowercased() {
        case "ulaw", "ul", "mulaw": return .ulaw
        case "alaw", "al": return .alaw
        case "pcm", "raw": throw .rawPCMNeedsFormat
        case "mp3": throw .notEncodedAs(.mp3)
        case "opus", "ogg": throw .notEncodedAs(.opus)
        default: throw .unrecognized
        }
    }

    static func signature(of data: Data) -> Signature {
        let head = [UInt8](data.prefix(4))
        if head.starts(with: Array("ID3".utf8)) { return .id3 }
        if head.starts(with: Array("OggS".utf8)) { return .ogg }
        if head.starts(with: Array("RIFF".utf8)) { return .riff }
        if head.count == 4, isMPEGAudioHeader(head) { return .mpegFrame }
        return .none
    }

    /// A frame header with every field in its legal range; a bare 11-bit sync alone matches too much noise.
    static func isMPEGAudioHeader(_ h: [UInt8]) -> Bool {
        let version = (h[1] >> 3) & 0b11, layer = (h[1] >> 1) & 0b11
        let bitrate = h[2] >> 4, rate = (h[2] >> 2) & 0b11
        return h[0] == 0xFF && h[1] & 0xE0 == 0xE0 && version != 0b01 && layer != 0
            && bitrate != 0 && bitrate != 0b1111 && rate != 0b11
    }
}
