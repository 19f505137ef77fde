import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// Plain HTTP for tests that must see exactly what a server sends: status, headers, raw body.
/// A task cancelled while it waits for an answer closes its connection, as a client hanging up would.
public enum LoopbackHTTP {
    /// As many connections at once as tests open clients (the shared client's limit is 8, and the
    /// requests over it would wait in the client, never reaching the server).
    private static let client = HTTPClient(
        eventLoopGroup: HTTPClient.defaultEventLoopGroup,
        configuration: .init(connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)))

    public struct Response: Sendable {
        public let status: Int
        public let headers: [(name: String, value: String)]
        public let body: Data

        public func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }

        public var json: Any? { try? JSONSerialization.jsonObject(with: body) }
    }

    /// With `chunked`, the body goes without a `Content-Length`, in chunks, as a client streaming it would.
    public static func send(
        _ method: String, _ url: URL, headers: [String: String] = [:], body: Data? = nil, chunked: Bool = false
    ) async throws -> Response {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body, chunked {
            let chunks = AsyncStream<ByteBuffer> { continuation in
                for start in stride(from: 0, to: body.count, by: 64 << 10) {
                    continuation.yield(ByteBuffer(bytes: body[start..<min(start + (64 << 10), body.count)]))
                }
                continuation.finish()
            }
            request.body = .stream(chunks, length: .unknown)
        } else if let body {
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let response = try await client.execute(request, timeout: .seconds(120))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return Response(
            status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
            body: Data(buffer: bytes))
    }

    public static func json(_ method: String, _ url: URL, _ object: Any, headers: [String: String] = [:]) async throws -> Response {
        try await send(method, url, headers: headers.merging(["Content-Type": "application/json"]) { $1 },
                       body: try JSONSerialization.data(withJSONObject: object))
    }
}
