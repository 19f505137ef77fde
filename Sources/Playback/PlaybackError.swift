import RemixCore

/// Why audio could not be decoded or played, each as one line a person can act on.
public enum PlaybackError: UserFacingError, Sendable, Hashable {
    case empty
    case unreadable(path: String, reason: String)
    /// The bytes match no format this player decodes.
    case unrecognized
    /// WAV is left out on purpose: the API never returns it, so a WAV here is a misnamed file.
    case wavUnsupported
    /// The bytes are not in the codec the name or the requested format says.
    case notEncodedAs(OutputFormat.Codec)
    case truncated(OutputFormat.Codec)
    case undecodable(OutputFormat.Codec, detail: String)
    /// Raw PCM carries no header, so its rate must come from the request.
    case rawPCMNeedsFormat
    case audioServerUnavailable(String)
    case audioServerLost(String)
    case streamFailed(String)

    public var description: String {
        switch self {
        case .empty:
            "the audio is empty (0 bytes)"
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .unrecognized:
            "the data is not audio in a supported format (MP3, Ogg Opus; raw PCM, µ-law and A-law need --format)"
        case .wavUnsupported:
            "WAV is not supported; convert it (e.g. `sox in.wav out.mp3`) or play the preview in the format it was requested in"
        case .notEncodedAs(let codec):
            "the data is not \(Self.name(codec)) audio; check the file or pass the right --format"
        case .truncated(let codec):
            "the \(Self.name(codec)) audio is truncated: it ends before the end of its stream"
        case .undecodable(let codec, let detail):
            "the \(Self.name(codec)) audio cannot be decoded: \(detail)"
        case .rawPCMNeedsFormat:
            "raw PCM has no header; give its rate with --format (pcm_8000 … pcm_48000)"
        case .audioServerUnavailable(let reason):
            "cannot connect to PulseAudio (\(reason)); start it or set PULSE_SERVER"
        case .audioServerLost(let reason):
            "the PulseAudio server went away (\(reason)); playing again reconnects"
        case .streamFailed(let reason):
            "PulseAudio refused the playback stream: \(reason)"
        }
    }

    static func name(_ codec: OutputFormat.Codec) -> String {
        switch codec {
        case .mp3: "MP3"
        case .pcm: "raw PCM"
        case .ulaw: "µ-law"
        case .alaw: "A-law"
        case .opus: "Ogg Opus"
        }
    }
}
