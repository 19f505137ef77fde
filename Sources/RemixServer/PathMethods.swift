import HTTPTypes
import OpenAPIRuntime
import Synchronization

/// The document's operations by method and path, filled as the generated code registers them, so
/// the document stays the one place that says which exist: which methods a path has (a request
/// with another method is answered 405 with `Allow`, where the router alone answers 404), and which
/// operation a request is for before the router has taken it.
final class PathMethods: Sendable {
    private struct Route {
        let path: String
        let method: HTTPRequest.Method

        func matches(_ segments: [Substring]) -> Bool {
            let template = path.split(separator: "/")
            return template.count == segments.count
                && zip(template, segments).allSatisfy { template, segment in
                    (template.hasPrefix("{") && template.hasSuffix("}")) || template == segment
                }
        }
    }

    private let routes = Mutex<[Route]>([])

    fileprivate func add(_ method: HTTPRequest.Method, path: String) {
        routes.withLock { $0.append(Route(path: path, method: method)) }
    }

    /// The methods of the operations whose path template matches `path`; empty for an unknown path.
    func methods(forPath path: String) -> [HTTPRequest.Method] {
        routes(matching: path).map(\.method)
    }

    /// The document's path of the operation a `method` request to `path` reaches, such as
    /// `/v1/text-to-voice/{voice_id}/remix`; nil when it reaches none.
    func operationPath(_ method: HTTPRequest.Method, forPath path: String) -> String? {
        routes(matching: path).first { $0.method == method }?.path
    }

    private func routes(matching path: String) -> [Route] {
        let segments = path.split(separator: "/")
        return routes.withLock { routes in routes.filter { $0.matches(segments) } }
    }
}

/// Passes each operation on to `base`, noting its method and path in `methods` on the way.
struct MethodRecordingTransport: ServerTransport {
    let base: any ServerTransport
    let methods: PathMethods

    func register(
        _ handler: @Sendable @escaping (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?),
        method: HTTPRequest.Method,
        path: String
    ) throws {
        methods.add(method, path: path)
        try base.register(handler, method: method, path: path)
    }
}
