/// Failures a person can act on, each with a one-line message. Invalid input is a `ValidationFailure`.
public enum RemixError: UserFacingError, Sendable, Hashable {
    case voiceNotFound(String)
    case generatedVoiceNotFound(String)
    /// A synthesizer, DSP or encoder library failed.
    case engineFailure(String)
    /// A remote backend answered with an error; `code` is its machine-readable status when it sent one.
    case service(status: Int, code: String?, message: String, requestID: String?)
    /// A remote backend could not be reached or did not answer in time.
    case unreachable(backend: String, reason: String)

    public var description: String {
        switch self {
        case .voiceNotFound(let id):
            "voice_id: no voice with id '\(id)' (list them with `remix voices`)"
        case .generatedVoiceNotFound(let id):
            "generated_voice_id: no preview with id '\(id)'"
        case .engineFailure(let what):
            "the local engine failed: \(what)"
        case .service(let status, let code, let message, let requestID):
            "the server answered \(status)\(code.map { " \($0)" } ?? ""): \(message)\(requestID.map { " (request \($0))" } ?? "")"
        case .unreachable(let backend, let reason):
            "could not reach \(backend): \(reason)"
        }
    }
}
