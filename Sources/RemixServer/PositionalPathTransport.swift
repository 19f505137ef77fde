import HTTPTypes
import OpenAPIRuntime

/// Registers the generated operations with their path parameters named by position.
///
/// ElevenLabs names the same path position `{voice_id}` in `/v1/text-to-voice/{voice_id}/remix`
/// and `{generated_voice_id}` in `/v1/text-to-voice/{generated_voice_id}/stream`; Hummingbird's
/// route tree refuses two names for one position. The names never reach the wire, so each route is
/// registered with `{segmentN}` and the handler gets its parameters back under the document's names.
struct PositionalPathTransport: ServerTransport {
    let base: any ServerTransport

    func register(
        _ handler: @Sendable @escaping (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?),
        method: HTTPRequest.Method,
        path: String
    ) throws {
        var names: [String: String] = [:]
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).enumerated().map { index, segment in
            guard segment.hasPrefix("{"), segment.hasSuffix("}") else { return String(segment) }
            let positional = "segment\(index)"
            names[positional] = String(segment.dropFirst().dropLast())
            return "{\(positional)}"
        }
        let documentNames = names
        try base.register(
            { request, body, metadata in
                var renamed = ServerRequestMetadata()
                for (positional, value) in metadata.pathParameters {
                    renamed.pathParameters[documentNames[positional] ?? positional] = value
                }
                return try await handler(request, body, renamed)
            },
            method: method, path: segments.joined(separator: "/"))
    }
}
