import ElevenLabsBackend
import Foundation
import RemixCore
import Testing
import TestSupport

/// A server may echo the API key in anything it answers; none of it may carry the key into a message.
@Suite struct KeyRedactionTests {
    static let key = "sk_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased() + "feedface"

    func failure(_ operation: () async throws -> Void) async -> String {
        do {
            try await operation()
            return "no failure"
        } catch {
            return ErrorMessage.oneLine(error)
        }
    }

    @Test func noAnswerCarriesTheKeyIntoAMessage() async throws {
        let server = try ScriptedHTTPServer(script: ScriptedHTTPServer.echoingTheKey)
        let backend = ElevenLabsBackend(endpoint: .custom(server.baseURL), apiKey: Self.key, maxRetries: 0)
        let request = RemixRequest(
            voiceID: "someVoice", voiceDescription: "much deeper",
            text: String(repeating: "A line of text to speak. ", count: 5))
        let messages = [
            await failure { _ = try await backend.voices() },
            await failure { _ = try await backend.voice(id: "someVoice") },
            await failure { _ = try await backend.remix(request) },
            await failure { _ = try await backend.streamPreview(generatedVoiceID: "someGenerated") },
            await failure {
                _ = try await backend.keep(KeepRequest(
                    voiceName: "Kept", voiceDescription: "a voice kept to see its error", generatedVoiceID: "someGenerated"))
            },
        ]
        #expect(server.requests.count == 5)
        #expect(server.requests.allSatisfy { $0.headers["xi-api-key"] == Self.key }, "the key was sent, so each answer echoed it")
        for message in messages {
            #expect(message.hasPrefix("the server answered"), "\(message)")
            #expect(message.contains(Redaction.placeholder), "\(message)")
            #expect(!message.contains(Self.key.prefix(12)), "not even a piece of the key: \(message)")
        }
    }

    @Test func aRedirectIsAnAnswerNotFollowedWithTheKey() async throws {
        let elsewhere = try ScriptedHTTPServer { _ in .json(200, ["voices": []]) }
        let location = elsewhere.baseURL.appendingPathComponent("v1/voices").absoluteString
        let server = try ScriptedHTTPServer { _ in .init(status: 302, headers: ["location": location], body: Data()) }
        let backend = ElevenLabsBackend(endpoint: .custom(server.baseURL), apiKey: Self.key, maxRetries: 0)
        let message = await failure { _ = try await backend.voices() }
        #expect(message.hasPrefix("the server answered 302"), "\(message)")
        #expect(elsewhere.requests.isEmpty)
    }

    @Test func ourErrorsKeepTheirTypeOthersKeepTheirMessage() {
        let service = RemixError.service(status: 401, code: "k-\(Self.key)", message: "got \(Self.key)", requestID: Self.key)
        #expect(Redaction.redact(Self.key, in: service)
            == .service(status: 401, code: "k-[redacted]", message: "got [redacted]", requestID: "[redacted]"))
        struct Foreign: Error { let said: String }
        let redacted = Redaction.redact(Self.key, in: Foreign(said: "the key is \(Self.key)"))
        #expect(redacted is RedactedError)
        #expect(!ErrorMessage.oneLine(redacted).contains(Self.key))
        #expect(Redaction.redact(Self.key, in: CancellationError()) is CancellationError, "an error without the key is left as it is")
    }

    @Test(arguments: [
        ("http://127.0.0.1:8008", false), ("http://127.9.8.7", false), ("http://localhost:1", false),
        ("http://[::1]:8008", false), ("https://api.example.com", false), ("http://192.168.1.20:8008", true),
        ("http://api.example.com", true), ("http://127.0.0.1.example.com", true), ("http://0.0.0.0:8008", true),
    ])
    func plainHTTPIsTrustedOnlyOnLoopback(url: String, offLoopback: Bool) throws {
        let endpoint = ElevenLabsEndpoint.custom(try #require(URL(string: url)))
        #expect(endpoint.isPlainHTTPOffLoopback == offLoopback)
        #expect(!ElevenLabsEndpoint.global.isPlainHTTPOffLoopback)
    }
}
