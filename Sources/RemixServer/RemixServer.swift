import Foundation
import Hummingbird
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

        public init(host: String = "127.0.0.1", port: Int = 8008, apiKey: String? = nil, maxBodyBytes: Int = 1 << 20) {
            self.host = host
            self.port = port
            self.apiKey = apiKey
            self.maxBodyBytes = maxBodyBytes
        }
    }

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
        router.add(middleware: APIGatewayMiddleware(apiKey: configuration.apiKey, maxBodyBytes: configuration.maxBodyBytes))
        try RemixAPIHandler(backend: backend).registerHandlers(
            on: PositionalPathTransport(base: router), configuration: WireJSON.openAPIConfiguration)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "remix"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
