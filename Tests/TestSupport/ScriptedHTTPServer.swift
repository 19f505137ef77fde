import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP server on a free loopback port that answers every request as the test's script says,
/// for a client's handling of answers `remix serve` never gives (a server that echoes the API key
/// back, say). It keeps every request it got so a test can check what was sent.
public final class ScriptedHTTPServer: Sendable {
    public struct Request: Sendable {
        public let method: String
        /// Without the query.
        public let path: String
        /// Names lowercased.
        public let headers: [String: String]
        /// When the whole request had arrived, for tests of waiting between retries.
        public let arrivedAt: Date
    }

    public struct Answer: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: Data

        public init(status: Int, headers: [String: String] = ["content-type": "application/json"], body: Data) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        public static func json(_ status: Int, _ object: Any, headers: [String: String] = [:]) -> Answer {
            Answer(
                status: status, headers: headers.merging(["content-type": "application/json"]) { $1 },
                body: (try? JSONSerialization.data(withJSONObject: object)) ?? Data())
        }
    }

    public let baseURL: URL
    private let channel: any Channel
    private let seen = Seen()

    public var requests: [Request] { seen.requests.withLock { $0 } }

    public init(script: @escaping @Sendable (Request) -> Answer) throws {
        let seen = self.seen
        channel = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(Handler { request in
                        seen.requests.withLock { $0.append(request) }
                        return script(request)
                    })
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
        baseURL = URL(string: "http://127.0.0.1:\(channel.localAddress?.port ?? 0)")!
    }

    deinit { try? channel.close().wait() }

    /// Shared with the connections' handlers, which outlive no server but run on NIO's threads.
    private final class Seen: Sendable {
        let requests = Mutex<[Request]>([])
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias OutboundOut = HTTPServerResponsePart

        let answer: (Request) -> Answer
        var head: HTTPRequestHead?

        init(answer: @escaping (Request) -> Answer) { self.answer = answer }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head(let head): self.head = head
            case .body: break
            case .end:
                guard let head else { return }
                var headers: [String: String] = [:]
                for (name, value) in head.headers { headers[name.lowercased()] = value }
                let reply = answer(Request(
                    method: head.method.rawValue, path: String(head.uri.prefix { $0 != "?" }), headers: headers, arrivedAt: Date()))
                var fields = HTTPHeaders(reply.headers.map { ($0.key, $0.value) })
                fields.replaceOrAdd(name: "content-length", value: String(reply.body.count))
                let status = HTTPResponseStatus(statusCode: reply.status)
                context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: fields))), promise: nil)
                context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: reply.body)))), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
                self.head = nil
            }
        }
    }
}
