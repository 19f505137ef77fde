import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Plain HTTP for tests that must see exactly what a server sends: status, headers, raw body.
public enum LoopbackHTTP {
    public struct Response: Sendable {
        public let status: Int
        public let headers: [String: String]
        public let body: Data

        public func header(_ name: String) -> String? {
            headers.first { $0.key.lowercased() == name.lowercased() }?.value
        }

        public var json: Any? { try? JSONSerialization.jsonObject(with: body) }
    }

    public static func send(
        _ method: String, _ url: URL, headers: [String: String] = [:], body: Data? = nil
    ) async throws -> Response {
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields { fields["\(name)"] = "\(value)" }
        return Response(status: http.statusCode, headers: fields, body: data)
    }

    public static func json(_ method: String, _ url: URL, _ object: Any, headers: [String: String] = [:]) async throws -> Response {
        try await send(method, url, headers: headers.merging(["Content-Type": "application/json"]) { $1 },
                       body: try JSONSerialization.data(withJSONObject: object))
    }
}
