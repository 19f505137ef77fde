/// Failures a person can act on, each with a one-line message. Invalid input is a `ValidationFailure`.
public enum RemixError: Error, Sendable, Hashable, CustomStringConvertible {
    case voiceNotFound(String)
    case generatedVoiceNotFound(String)
    /// The backend cannot produce this format yet; `supported` lists the ones it can.
    case unsupportedFormat(OutputFormat, supported: [OutputFormat])
    /// A synthesizer, DSP or encoder library failed.
    case engineFailure(String)

    public var description: String {
        switch self {
        case .voiceNotFound(let id):
            "voice_id: no voice with id '\(id)' (list them with `remix voices`)"
        case .generatedVoiceNotFound(let id):
            "generated_voice_id: no preview with id '\(id)'"
        case .unsupportedFormat(let format, let supported):
            "output_format \(format.rawValue) is not supported by this backend yet; use one of \(supported.map(\.rawValue).joined(separator: ", "))"
        case .engineFailure(let what):
            "the local engine failed: \(what)"
        }
    }
}
