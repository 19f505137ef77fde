import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime
import RemixAPI
import RemixCore
import Synchronization

/// ElevenLabs, or any server that speaks its API (`remix serve` among them), through the client
/// generated from openapi.yaml.
public struct ElevenLabsBackend: RemixBackend {
    public struct Timeouts: Sendable {
        public var connect: Duration
        /// The longest a whole request may take; remixes of long scripts take a while.
        public var request: Duration

        public init(connect: Duration = .seconds(10), request: Duration = .seconds(180)) {
            self.connect = connect
            self.request = request
        }
    }

    public let name: String
    private let client: Client
    /// Kept to take it out of whatever comes back; sent only by `APIKeyMiddleware`.
    private let apiKey: String?

    /// - Parameter apiKey: sent as `xi-api-key`; nil sends no key (a local server without one).
    public init(endpoint: ElevenLabsEndpoint, apiKey: String?, timeouts: Timeouts = .init(), maxRetries: Int = 2) {
        name = switch endpoint {
        case .custom(let url): url.absoluteString
        default: ElevenLabsEndpoint.names.first { $0.value == endpoint }?.key ?? endpoint.url.absoluteString
        }
        self.apiKey = apiKey
        var middlewares: [any ClientMiddleware] = [RetryMiddleware(maxRetries: maxRetries)]
        if let apiKey { middlewares.append(APIKeyMiddleware(apiKey: apiKey)) }
        let transport = AsyncHTTPClientTransport(configuration: .init(
            client: Self.httpClient(connectTimeout: timeouts.connect),
            timeout: .nanoseconds(Self.nanoseconds(timeouts.request))))
        client = Client(
            serverURL: endpoint.url, configuration: WireJSON.openAPIConfiguration, transport: transport, middlewares: middlewares)
    }

    public func voices() async throws -> [Voice] {
        try await call {
            switch try await client.getVoices() {
            case .ok(let ok): return try ok.body.json.voices.map(Voice.init)
            case .unauthorized(let e): throw Self.error(e, status: 401)
            case .tooManyRequests(let e): throw Self.error(e, status: 429)
            case .unprocessableContent(let e): throw Self.error(e)
            case .undocumented(let status, let payload): throw await undocumented(status: status, payload)
            }
        }
    }

    public func voice(id: String) async throws -> Voice {
        try await call {
            switch try await client.getVoice(path: .init(voiceId: id)) {
            case .ok(let ok): return Voice(try ok.body.json)
            case .notFound: throw RemixError.voiceNotFound(id)
            case .unauthorized(let e): throw Self.error(e, status: 401)
            case .tooManyRequests(let e): throw Self.error(e, status: 429)
            case .unprocessableContent(let e): throw Self.error(e)
            case .undocumented(let status, let payload): throw await undocumented(status: status, payload)
            }
        }
    }

    public func searchVoices(_ query: VoiceQuery) async throws -> VoicePage {
        try query.validate()
        return try await call {
            switch try await client.searchVoices(query: WireVoiceSearch(query)) {
            case .ok(let ok): return VoicePage(try ok.body.json)
            case .unauthorized(let e): throw Self.error(e, status: 401)
            case .tooManyRequests(let e): throw Self.error(e, status: 429)
            case .unprocessableContent(let e): throw Self.error(e)
            case .undocumented(let status, let payload): throw await undocumented(status: status, payload)
            }
        }
    }

    public func remix(_ request: RemixRequest, progress: @escaping @Sendable (RemixProgress) -> Void) async throws -> RemixResult {
        try request.validate()
        progress(.synthesizing)
        return try await call {
            let output = try await client.remix(
                path: .init(voiceId: request.voiceID),
                query: .init(outputFormat: .init(rawValue: request.outputFormat.rawValue)),
                body: .json(WireRemixRequest(request)))
            switch output {
            case .ok(let ok):
                let body = try ok.body.json
                let previews = try body.previews.map { try Preview($0) }
                for (index, preview) in previews.enumerated() {
                    progress(.previewFinished(index: index, count: previews.count, generatedVoiceID: preview.generatedVoiceID))
                }
                // ElevenLabs does not say which session an answer belongs to; `remix serve` does, in
                // headers (with what it made of the prompt). Without them the ids are kept
                // client-side so iterations still group.
                return RemixResult(
                    previews: previews, text: body.text,
                    remixingSessionID: ok.headers.xRemixingSessionId ?? request.remixingSessionID ?? Identifier.random(),
                    remixingSessionIterationID: ok.headers.xRemixingSessionIterationId ?? request.remixingSessionIterationID ?? Identifier.random(),
                    interpretation: ok.headers.xRemixInterpretation.map(Interpretation.init))
            case .notFound: throw RemixError.voiceNotFound(request.voiceID)
            case .unauthorized(let e): throw Self.error(e, status: 401)
            case .tooManyRequests(let e): throw Self.error(e, status: 429)
            case .unprocessableContent(let e): throw Self.error(e)
            case .undocumented(let status, let payload): throw await undocumented(status: status, payload)
            }
        }
    }

    public func streamPreview(generatedVoiceID: String) async throws -> Data {
        try await call {
            switch try await client.streamPreview(path: .init(generatedVoiceId: generatedVoiceID)) {
            case .ok(let ok):
                return try await Data(collecting: try ok.body.audioMpeg, upTo: Self.maxAudioBytes)
            case .notFound: throw RemixError.generatedVoiceNotFound(generatedVoiceID)
            case .unauthorized(let e): throw Self.error(e, status: 401)
            case .tooManyRequests(let e): throw Self.error(e, status: 429)
            case .unprocessableContent(let e): throw Self.error(e)
            case .undocumented(let status, let payload): throw await undocumented(status: status, payload)
            }
        }
    }

    public func keep(_ request: KeepRequest) async throws -> Voice {
        try request.validate()
        let body = Components.Schemas.BodyCreateANewVoiceFromVoicePreviewV1TextToVoicePost(
            voiceName: request.voiceName, voiceDescription: request.voiceDescription,
            generatedVoiceId: request.generatedVoiceID,
            labels: request.labels.map { .init(additionalProperties: $0) },
            playedNotSelectedVoiceIds: request.playedNotSelectedVoiceIDs)
        return try await call {
            switch try await client.createVoice(body: .json(body)) {
            case .ok(let ok): return Voice(try ok.body.json)
            case .notFound: throw RemixError.generatedVoiceNotFound(request.generatedVoiceID)
            case .unauthorized(let e): throw Self.error(e, status: 401)
            case .tooManyRequests(let e): throw Self.error(e, status: 429)
            case .unprocessableContent(let e): throw Self.error(e)
            case .undocumented(let status, let payload): throw await undocumented(status: status, payload)
            }
        }
    }

    // MARK: - Failures

    /// Previews are seconds of speech; anything near this is not a preview.
    static let maxAudioBytes = 64 << 20

    /// Every failure of a request leaves through here: a transport failure becomes one line that names
    /// the backend and never the request (whose headers carry the key), and the key is taken out of
    /// whatever the server answered, since a server may echo it.
    private func call<Output>(_ operation: () async throws -> Output) async throws -> Output {
        do {
            return try await operation()
        } catch let error as ClientError {
            throw redacted(RemixError.unreachable(backend: name, reason: Self.reason(error.underlyingError)))
        } catch {
            throw redacted(error)
        }
    }

    private func redacted(_ error: any Error) -> any Error {
        apiKey.map { Redaction.redact($0, in: error) } ?? error
    }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case let error as HTTPClientError where error == .connectTimeout: "no connection within the connect timeout"
        case let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout: "no answer within the request timeout"
        case let error as DecodingError: "the answer did not match the API (\(error.localizedDescription))"
        case let error as IOError where error.errnoCode == ECONNREFUSED: "connection refused"
        default: String(describing: error)
        }
    }

    private static func error(_ response: Components.Responses._Error, status: Int) -> RemixError {
        guard case .json(let envelope) = response.body else { return .service(status: status, code: nil, message: "no message", requestID: response.headers.requestId) }
        return ServiceErrorBody.error(status: status, envelope: envelope, requestID: response.headers.requestId)
    }

    private static func error(_ response: Components.Responses.ValidationError) -> RemixError {
        guard case .json(let body) = response.body else { return .service(status: 422, code: "validation_error", message: "no detail", requestID: response.headers.requestId) }
        return ServiceErrorBody.error(status: 422, validation: body, requestID: response.headers.requestId)
    }

    /// An answer the API document does not list. The key is taken out of the whole body before any of
    /// it is read, so cutting the body short cannot leave a piece of the key behind.
    private func undocumented(status: Int, _ payload: UndocumentedPayload) async -> RemixError {
        var body = Data()
        if let stream = payload.body, let collected = try? await Data(collecting: stream, upTo: 1 << 20) {
            body = collected
        }
        if let apiKey { body = Data(Redaction.redact(apiKey, in: String(decoding: body, as: UTF8.self)).utf8) }
        let requestID = payload.headerFields[.requestID]
        return ServiceErrorBody.error(status: status, body: body, requestID: requestID)
    }

    /// One client per connect timeout for the whole process, as AsyncHTTPClient recommends: it
    /// pools connections and is never shut down, like `HTTPClient.shared`.
    private static func httpClient(connectTimeout: Duration) -> HTTPClient {
        clients.withLock { clients in
            if let client = clients[connectTimeout] { return client }
            var configuration = HTTPClient.Configuration()
            configuration.timeout.connect = .nanoseconds(nanoseconds(connectTimeout))
            // A refused connection is an answer: say so at once instead of retrying until the timeout.
            configuration.connectionPool.retryConnectionEstablishment = false
            // The API never redirects, and a redirect followed would carry the key wherever it points,
            // plain HTTP included: it is an answer like any other.
            configuration.redirectConfiguration = .disallow
            let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
            clients[connectTimeout] = client
            return client
        }
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }

    private static let clients = Mutex<[Duration: HTTPClient]>([:])
}
