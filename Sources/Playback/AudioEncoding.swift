import RemixCore

/// How a preview's bytes are encoded: what a decoder needs to know beyond the bytes themselves.
public enum AudioEncoding: Sendable, Hashable {
    case mp3
    case opus
    /// Signed 16-bit little-endian mono, as the API's `pcm_*` formats.
    case pcm16(sampleRate: Int)
    case ulaw
    case alaw

    public init(_ format: OutputFormat) {
        switch format.codec {
        case .mp3: self = .mp3
        case .opus: self = .opus
        case .pcm: self = .pcm16(sampleRate: format.sampleRate)
        case .ulaw: self = .ulaw
        case .alaw: self = .alaw
        }
    }

    public var codec: OutputFormat.Codec {
        switch self {
        case .mp3: .mp3
        case .opus: .opus
        case .pcm16: .pcm
        case .ulaw: .ulaw
        case .alaw: .alaw
        }
    }
}
