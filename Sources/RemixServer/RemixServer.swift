import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import OpenAPIHummingbird
import RemixAPI
import RemixCore

/// `remix serve`: any `RemixBackend` as an ElevenLabs-compatible HTTP server.
public struct RemixServer: Sendable {
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        /// When set, every request must carry it in `xi-api-key` (or as a Bearer token).
        public var apiKey: String?
        public var maxBodyBytes: Int
        /// How long a client has to send a request's whole body once it is read; a body sent slower
        /// (a byte at a time, or never finished) is answered 408 instead of holding its place.
        public var bodySeconds: Int
        /// Remixes (and designs) the backend works on at once; more wait in line.
        public var concurrentRemixes: Int
        /// Remixes that may wait for their turn; beyond that a request is answered 429.
        public var queuedRemixes: Int

        /// One remix per core at a time keeps the cores busy (a remix synthesises on one thread, then
        /// renders on all).
        public static let defaultConcurrentRemixes = ProcessInfo.processInfo.activeProcessorCount
        /// A megabyte over a slow link, and then some.
        public static let defaultBodySeconds = 30
        /// Waiting holds little (a suspended task and its request body), so a burst of clients gets through.
        public static let defaultQueuedRemixes = 32

        public init(
            host: String = "127.0.0.1", port: Int = 8008, apiKey: String? = nil, maxBodyBytes: Int = 1 << 20,
            bodySeconds: Int = defaultBodySeconds, concurrentRemixes: Int = defaultConcurrentRemixes, queuedRemixes: Int = defaultQueuedRemixes
        ) {
            self.host = host
            self.port = port
            self.apiKey = apiKey
            self.maxBodyBytes = maxBodyBytes
            self.bodySeconds = bodySeconds
            self.concurrentRemixes = concurrentRemixes
            self.queuedRemixes = queuedRemixes
        }
    }

    /// The largest request line and headers together; ElevenLabs' own requests need a few hundred bytes.
    static let maxHeadBytes = 64 << 10

    /// Bodies read at once for requests outside the work queue (a keep, or a body sent where none is
    /// asked for): what bounds the memory such bodies hold, whatever the number of clients. 300
    /// clients each sending 1 MiB to `POST /v1/text-to-voice` held 424 MB before this. A keep is
    /// answered in milliseconds, so a client refused here is refused for a moment.
    static let concurrentBodyReads = 16

    let backend: any RemixBackend
    let configuration: Configuration

    public init(backend: any RemixBackend, configuration: Configuration) {
        self.backend = backend
        self.configuration = configuration
    }

    /// Serves until SIGINT or SIGTERM; `onListening` receives the bound port (useful with port 0).
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        var logger = Logger(label: "remix.serve")
        logger.logLevel = .warning
        let router = Router()
        let methods = PathMethods()
        let work = WorkQueue(
            running: configuration.concurrentRemixes, waiting: configuration.queuedRemixes, holding: "remixes running or waiting")
        router.add(middleware: APIGatewayMiddleware(
            apiKey: configuration.apiKey, maxBodyBytes: configuration.maxBodyBytes,
            bodyDeadline: .seconds(configuration.bodySeconds), pathMethods: methods, work: work,
            bodyReads: WorkQueue(
                running: Self.concurrentBodyReads, waiting: 0, holding: "request bodies being read at once")))
        try RemixAPIHandler(backend: backend, work: work).registerHandlers(
            on: MethodRecordingTransport(base: PositionalPathTransport(base: router), methods: methods),
            configuration: WireJSON.openAPIConfiguration)
        let headLimit = Self.maxHeadBytes
        let http = HTTP1Channel.Configuration(
            additionalChannelHandlers: [MalformedHeadResponder(headLimitBytes: headLimit)],
            httpDecoderConfiguration: .init(maxHeaderFieldSize: headLimit, maxHeaderListSize: headLimit))
        let app = Application(
            router: router,
            server: .http1(configuration: http),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "remix"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
