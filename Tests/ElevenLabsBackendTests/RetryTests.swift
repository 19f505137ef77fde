import ElevenLabsBackend
import Foundation
import RemixCore
import Synchronization
import Testing
import TestSupport

/// The client's retries, against a server that answers `GET /v1/voices` with the given statuses in turn.
@Suite struct RetryTests {
    static let voices = ScriptedHTTPServer.Answer.json(200, ["voices": [[
        "voice_id": "v1", "name": "Only", "category": "premade", "labels": [String: String](),
        "available_for_tiers": [String](), "high_quality_base_model_ids": [String](),
    ]]])

    static func failure(_ status: Int, headers: [String: String] = [:]) -> ScriptedHTTPServer.Answer {
        .json(status, ["detail": [
            "type": "rate_limit_error", "code": "rate_limit_exceeded", "status": "too_many_concurrent_requests",
            "message": "slow down", "request_id": "abc",
        ]], headers: headers)
    }

    static let invalidQuery = ScriptedHTTPServer.Answer.json(422, ["detail": [[
        "loc": ["query", "show_legacy"], "msg": "Input should be a valid boolean", "type": "bool_parsing",
    ]]])

    /// Answers the n-th request with `answers[n]`, and every later one with the last.
    static func server(answering answers: [ScriptedHTTPServer.Answer]) throws -> ScriptedHTTPServer {
        let answered = Mutex(0)
        return try ScriptedHTTPServer { _ in
            answers[answered.withLock { count in
                defer { count += 1 }
                return min(count, answers.count - 1)
            }]
        }
    }

    @Test func a429WithRetryAfterIsRetriedAfterTheWaitAsked() async throws {
        let server = try Self.server(answering: [Self.failure(429, headers: ["retry-after": "1"]), Self.voices])
        let voices = try await ElevenLabsBackend(endpoint: .custom(server.baseURL), apiKey: "k").voices()
        #expect(voices.map(\.voiceID) == ["v1"])
        let arrivals = server.requests.map(\.arrivedAt)
        #expect(arrivals.count == 2)
        #expect(arrivals[1].timeIntervalSince(arrivals[0]) >= 0.95, "waited for Retry-After: 1")
    }

    /// What `voices()` fails with against `server`, nil when it succeeds.
    private static func voicesFailure(from server: ScriptedHTTPServer) async -> RemixError? {
        do {
            _ = try await ElevenLabsBackend(endpoint: .custom(server.baseURL), apiKey: "k").voices()
            return nil
        } catch {
            return error as? RemixError
        }
    }

    @Test func retriesStopAfterTwoAndTheLastErrorIsReported() async throws {
        let server = try Self.server(answering: [Self.failure(429, headers: ["retry-after": "0"])])
        let error = await Self.voicesFailure(from: server)
        #expect(server.requests.count == 3, "one try and two retries")
        #expect(error == .service(status: 429, code: "too_many_concurrent_requests", message: "slow down", requestID: "abc"))
    }

    @Test func serverErrorsAreRetriedWithBackoff() async throws {
        let server = try Self.server(answering: [Self.failure(503), Self.voices])
        let voices = try await ElevenLabsBackend(endpoint: .custom(server.baseURL), apiKey: nil).voices()
        #expect(voices.count == 1)
        #expect(server.requests.count == 2)
    }

    /// The client checks every field `remix serve` checks before sending, so a 422 comes only from a server
    /// stricter than it (ElevenLabs): not retried, and reported naming the field FastAPI's `loc` names.
    @Test func a422IsNotRetriedAndNamesTheField() async throws {
        let server = try Self.server(answering: [Self.invalidQuery])
        let error = await Self.voicesFailure(from: server)
        #expect(server.requests.count == 1)
        #expect(error?.description == "the server answered 422 validation_error: show_legacy: Input should be a valid boolean")
    }
}
