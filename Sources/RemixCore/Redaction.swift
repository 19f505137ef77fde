/// Takes a secret (the API key) out of text that came from elsewhere — a server's error body, a
/// library's description of a failure — before it is shown, logged or stored. A server may echo
/// whatever it was sent, so nothing it answers is trusted to leave the key out.
public enum Redaction {
    /// What stands where the secret was, so a reader sees that something was taken out.
    public static let placeholder = "[redacted]"

    /// `text` with every occurrence of `secret` replaced by the placeholder.
    public static func redact(_ secret: String, in text: String) -> String {
        guard !secret.isEmpty else { return text }
        return text.replacingOccurrences(of: secret, with: placeholder)
    }

    /// `error` with `secret` taken out of everything its message is made of. Our own errors keep their
    /// type (callers match on them); any other error whose message holds the secret becomes a
    /// `RedactedError` with the message redacted, since its fields cannot be rewritten.
    public static func redact(_ secret: String, in error: any Error) -> any Error {
        if let error = error as? RemixError { return redact(secret, in: error) }
        let message = ErrorMessage.oneLine(error)
        return message.contains(secret) && !secret.isEmpty ? RedactedError(description: redact(secret, in: message)) : error
    }

    public static func redact(_ secret: String, in error: RemixError) -> RemixError {
        let clean = { (text: String) in redact(secret, in: text) }
        return switch error {
        case .voiceNotFound(let id): .voiceNotFound(clean(id))
        case .generatedVoiceNotFound(let id): .generatedVoiceNotFound(clean(id))
        case .engineFailure(let what): .engineFailure(clean(what))
        case .service(let status, let code, let message, let requestID):
            .service(status: status, code: code.map(clean), message: clean(message), requestID: requestID.map(clean))
        case .unreachable(let backend, let reason): .unreachable(backend: clean(backend), reason: clean(reason))
        }
    }
}

/// A failure whose original message held a secret: the message with the secret taken out.
public struct RedactedError: UserFacingError, Sendable {
    public let description: String
}
