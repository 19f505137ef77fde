import ElevenLabsBackend
import Foundation
import Hummingbird
import Logging
import RemixCore
import Synchronization
import Testing

/// A tiny server that answers `GET /v1/voices` with the given statuses in turn, to drive retries.
private final class ScriptedServer: Sendable {
    let answers: [(status: HTTPResponse.Status, retryAfter: String?)]
    let arrivals = Mutex<[Date]>([])

    init(_ answers: [(status: HTTPResponse.Status, retryAfter: String?)]) {
        self.answers = answers
    }

    /// Runs the server for the duration of `body`.
    func serving<T: Sendable>(_ body: @escaping @Sendable (URL) async throws -> T) async throws -> T {
        let router = Router()
        router.get("v1/voices") { _, _ -> Response in
            let index = self.arrivals.withLock { arrivals in
                arrivals.append(Date())
                return arrivals.count - 1
            }
            let answer = self.answers[min(index, self.answers.count - 1)]
            var headers: HTTPFields = [.contentType: "application/json"]
            if let retryAfter = answer.retryAfter { headers[.retryAfter] = retryAfter }
            let body = switch answer.status {
            case .ok:
                #"{"voices":[{"voice_id":"v1","name":"Only","category":"premade","labels":{},"available_for_tiers":[],"high_quality_base_model_ids":[]}]}"#
            case .unprocessableContent:
                #"{"detail":[{"loc":["query","show_legacy"],"msg":"Input should be a valid boolean","type":"bool_parsing"}]}"#
            default:
                #"{"detail":{"type":"rate_limit_error","code":"rate_limit_exceeded","status":"too_many_concurrent_requests","message":"slow down","request_id":"abc"}}"#
            }
            return Response(status: answer.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        let port = Mutex<Int?>(nil)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in port.withLock { $0 = channel.localAddress?.port } },
            logger: Logger(label: "scripted-server", factory: { _ in SwiftLogNoOpLogHandler() }))
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await app.runService(); return nil }
            while port.withLock({ $0 }) == nil { try await Task.sleep(for: .milliseconds(10)) }
            let url = URL(string: "http://127.0.0.1:\(port.withLock { $0 }!)")!
            let result = try await body(url)
            group.cancelAll()
            return result
        }
    }
}

@Suite struct RetryTests {
    @Test func a429WithRetryAfterIsRetriedAfterTheWaitAsked() async throws {
        let server = ScriptedServer([(.tooManyRequests, "1"), (.ok, nil)])
        let voices = try await server.serving { url in
            try await ElevenLabsBackend(endpoint: .custom(url), apiKey: "k").voices()
        }
        #expect(voices.map(\.voiceID) == ["v1"])
        let arrivals = server.arrivals.withLock { $0 }
        #expect(arrivals.count == 2)
        #expect(arrivals[1].timeIntervalSince(arrivals[0]) >= 0.95, "waited for Retry-After: 1")
    }

    /// What `voices()` fails with against `server`, nil when it succeeds.
    private static func voicesFailure(from server: ScriptedServer) async throws -> RemixError? {
        try await server.serving { url in
            do {
                _ = try await ElevenLabsBackend(endpoint: .custom(url), apiKey: "k").voices()
                return nil
            } catch {
                return error as? RemixError
            }
        }
    }

    @Test func retriesStopAfterTwoAndTheLastErrorIsReported() async throws {
        let server = ScriptedServer([(.tooManyRequests, "0")])
        let error = try await Self.voicesFailure(from: server)
        #expect(server.arrivals.withLock { $0.count } == 3, "one try and two retries")
        #expect(error == .service(status: 429, code: "too_many_concurrent_requests", message: "slow down", requestID: "abc"))
    }

    @Test func serverErrorsAreRetriedWithBackoff() async throws {
        let server = ScriptedServer([(.serviceUnavailable, nil), (.ok, nil)])
        let voices = try await server.serving { url in
            try await ElevenLabsBackend(endpoint: .custom(url), apiKey: nil).voices()
        }
        #expect(voices.count == 1)
        #expect(server.arrivals.withLock { $0.count } == 2)
    }

    /// The client checks every field `remix serve` checks before sending, so a 422 comes only from a server
    /// stricter than it (ElevenLabs): not retried, and reported naming the field FastAPI's `loc` names.
    @Test func a422IsNotRetriedAndNamesTheField() async throws {
        let server = ScriptedServer([(.unprocessableContent, nil)])
        let error = try await Self.voicesFailure(from: server)
        #expect(server.arrivals.withLock { $0.count } == 1)
        #expect(error?.description == "the server answered 422 validation_error: show_legacy: Input should be a valid boolean")
    }
}
