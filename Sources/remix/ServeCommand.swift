import ArgumentParser
import Foundation
import RemixEngine
import RemixServer
import SessionStore

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the backend (the local engine by default) as an ElevenLabs-compatible HTTP API.",
        discussion: """
            Binds loopback unless --host says otherwise. Remix answers carry the extension headers \
            x-remixing-session-id, x-remixing-session-iteration-id and x-remix-interpretation. \
            A key to require comes from --api-key-file, REMIX_SERVE_API_KEY or --api-key; the first \
            two keep it out of the process list. Stops cleanly on SIGINT or SIGTERM.
            """)

    @OptionGroup var backendOptions: BackendOptions

    @Option(help: "Address to bind.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port = 8008

    @Option(help: "Require this key in xi-api-key on every request (other users can see it in the process list).")
    var apiKey: String?

    @Option(help: "Require the key in this file (mode 600) in xi-api-key on every request.")
    var apiKeyFile: String?

    @Option(help: "Remixes worked on at once (default: one per core).")
    var concurrentRemixes = RemixServer.Configuration.defaultConcurrentRemixes

    @Option(help: "Remixes that may wait for their turn; more are answered 429 with Retry-After.")
    var queuedRemixes = RemixServer.Configuration.defaultQueuedRemixes

    @Option(help: "Seconds a client has to send a request's body; slower ones are answered 408.")
    var bodyTimeout = RemixServer.Configuration.defaultBodySeconds

    func run() async throws {
        guard (0...65535).contains(port) else { throw UsageError("--port must be between 0 and 65535 (got \(port))") }
        let requiredKey = try requiredKey()
        LocalEngine.renderBelowRequests()
        let backend = try backendOptions.makeBackend(store: try SessionStore())
        guard concurrentRemixes >= 1, queuedRemixes >= 0 else {
            throw UsageError("--concurrent-remixes must be at least 1 and --queued-remixes at least 0")
        }
        guard (1...3600).contains(bodyTimeout) else { throw UsageError("--body-timeout must be between 1 and 3600 seconds (got \(bodyTimeout))") }
        let server = RemixServer(backend: backend, configuration: .init(
            host: host, port: port, apiKey: requiredKey, bodySeconds: bodyTimeout, concurrentRemixes: concurrentRemixes,
            queuedRemixes: queuedRemixes))
        let host = self.host
        try await server.run { port in
            // The one line scripts and tests wait for; written unbuffered since stdout may be a pipe.
            FileHandle.standardOutput.write(Data("listening on http://\(host):\(port) (backend: \(backend.name))\n".utf8))
        }
    }

    /// The key clients must send: a flag names it, else `REMIX_SERVE_API_KEY`; nil serves without one.
    private func requiredKey() throws -> String? {
        if apiKey != nil, apiKeyFile != nil {
            throw UsageError("--api-key and --api-key-file exclude each other: give the key one way")
        }
        if let apiKey {
            guard !apiKey.isEmpty else { throw UsageError("--api-key is empty; leave it out to serve without a key") }
            return apiKey
        }
        if let apiKeyFile {
            let file = URL(fileURLWithPath: apiKeyFile)
            guard let text = try PrivateFile.read(file, holding: "server's API key") else {
                throw UsageError("--api-key-file: no file at \(file.path)")
            }
            let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard lines.count == 1 else {
                throw UsageError("--api-key-file \(file.path) must hold the key alone on one line (it has \(lines.count) lines of text)")
            }
            return lines[0]
        }
        let fromEnvironment = ProcessInfo.processInfo.environment["REMIX_SERVE_API_KEY"]
        return fromEnvironment?.isEmpty == false ? fromEnvironment : nil
    }
}
