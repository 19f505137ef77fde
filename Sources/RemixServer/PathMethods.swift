import HTTPTypes
import OpenAPIRuntime
import Synchronization

/// The methods the document gives each path, so that a request with another method is answered
/// 405 with `Allow`, where the router alone answers 404. Filled as the generated code registers
/// its operations, so the document stays the one place that says which methods exist.
final class PathMethods: Sendable {
    private struct Route {
        let segments: [Substring]
        let method: HTTPRequest.Method
    }

    private let routes = Mutex<[Route]>([])

    fileprivate func add(_ method: HTTPRequest.Method, path: String) {
        routes.withLock { $0.append(Route(segments: path.split(separator: "/"), method: method)) }
    }

    /// The methods of the operations whose path template matches `path`; empty for an unknown path.
    func methods(forPath path: String) -> [HTTPRequest.Method] {
        let segments = path.split(separator: "/")
        return routes.withLock { routes in
            routes.filter { route in
                route.segments.count == segments.count
                    && zip(route.segments, segments).allSatisfy { template, segment in
                        (template.hasPrefix("{") && template.hasSuffix("}")) || template == segment
                    }
            }.map(\.method)
        }
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
