import Foundation

extension ScriptedHTTPServer {
    /// A server's answers that quote the `xi-api-key` it was sent, in each shape an error can take: the
    /// API's 401 envelope and `request-id` header, a 422 list, and plain text with the key across the
    /// point (200 bytes) where a long body is cut short for a message. Anything else is a 403 quoting it.
    public static func echoingTheKey(_ request: Request) -> Answer {
        let sent = request.headers["xi-api-key"] ?? "(none)"
        switch (request.method, request.path) {
        case ("GET", "/v1/voices"):
            return .json(
                401, ["detail": ["status": "invalid_api_key", "message": "Invalid API key: \(sent)", "request_id": sent]],
                headers: ["request-id": sent])
        case ("POST", let path) where path.hasSuffix("/remix"):
            return .json(422, ["detail": [["loc": ["body", "voice_description"], "msg": "rejected for key \(sent)", "type": "value_error"]]])
        case ("POST", "/v1/text-to-voice"):
            let text = String(repeating: "x", count: 170) + "xi-api-key: \(sent)\n"
            return .init(status: 400, headers: ["content-type": "text/plain"], body: Data(text.utf8))
        default:
            return .json(403, ["detail": sent])
        }
    }
}
