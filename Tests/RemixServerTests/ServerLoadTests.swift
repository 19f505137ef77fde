import Foundation
import Testing
import TestSupport

/// `remix serve` under clients that abandon their remixes or ask for more than it takes on: work
/// nobody waits for stops, the memory it held goes back, cheap requests are still answered, and a
/// full queue says so with 429. Nothing here is timed; the figures are `remix-bench server`'s.
@Suite(.serialized) struct ServerLoadTests {
    /// The longest script a request may carry, so abandoned work that went on would show as seconds of CPU.
    static let longText = String(
        String(repeating: "The keeper climbed the spiral stairs every evening and lit the lamp for the boats. ", count: 13)
            .prefix(1000))

    static func remixURL(_ server: ServedRemix) async throws -> URL {
        let voices = try await LoopbackHTTP.send("GET", server.baseURL.appendingPathComponent("v1/voices"))
        let list = (voices.json as? [String: Any])?["voices"] as? [[String: Any]]
        let voiceID = try #require(list?.first?["voice_id"] as? String)
        return server.baseURL.appendingPathComponent("v1/text-to-voice/\(voiceID)/remix")
    }

    /// Different seeds, so no remix is a repeat the engine could answer from what it already made.
    static func longRemix(seed: Int) -> [String: Any] {
        ["voice_description": "much older, slower and raspier", "text": longText, "seed": seed]
    }

    @Test func fiftyClientsThatHangUpLeaveTheServerIdleAnsweringAndItsMemoryBack() async throws {
        let server = try ServedRemix()
        let pid = server.process.processIdentifier
        let remixURL = try await Self.remixURL(server)
        let before = try ProcessUsage(pid: pid)

        await withTaskGroup(of: Void.self) { group in
            for seed in 0..<50 {
                group.addTask {
                    let remix = Task { try await LoopbackHTTP.json("POST", remixURL, Self.longRemix(seed: seed)) }
                    try? await Task.sleep(for: .milliseconds(100))
                    remix.cancel()
                    _ = await remix.result
                }
            }
        }

        let voices = try await LoopbackHTTP.send("GET", server.baseURL.appendingPathComponent("v1/voices"))
        #expect(voices.status == 200)

        // Work that went on for nobody would keep the CPU time growing; half a second without
        // (almost) any says it stopped. The bound on waiting for that is generous.
        var spent = try ProcessUsage(pid: pid).cpuSeconds
        var settled = false
        for _ in 0..<60 where !settled {
            try await Task.sleep(for: .milliseconds(500))
            let now = try ProcessUsage(pid: pid).cpuSeconds
            settled = now - spent < 0.05
            spent = now
        }
        #expect(settled, "the server kept working after every client had gone")

        let after = try ProcessUsage(pid: pid)
        #expect(
            after.residentBytes < before.residentBytes + 100 << 20,
            "resident \(before.residentBytes >> 20) MB before, \(after.residentBytes >> 20) MB after (peak \(after.peakResidentBytes >> 20) MB)")
    }

    @Test func remixesOverTheQueueLimitAre429WithRetryAfterAndTheEnvelope() async throws {
        let server = try ServedRemix(arguments: ["--concurrent-remixes", "1", "--queued-remixes", "1"])
        let remixURL = try await Self.remixURL(server)

        // One runs, one waits; a long remix lasts seconds, so the other two find the queue full.
        let responses = try await withThrowingTaskGroup(of: LoopbackHTTP.Response.self) { group in
            for seed in 0..<4 {
                group.addTask { try await LoopbackHTTP.json("POST", remixURL, Self.longRemix(seed: seed)) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(responses.allSatisfy { [200, 429].contains($0.status) }, "\(responses.map(\.status))")
        let refused = responses.filter { $0.status == 429 }
        #expect(refused.count >= 2, "\(responses.map(\.status))")
        for response in refused {
            let detail = try #require((response.json as? [String: Any])?["detail"] as? [String: Any])
            #expect(detail["status"] as? String == "too_many_concurrent_requests")
            #expect(detail["code"] as? String == "concurrent_limit_exceeded")
            #expect(detail["type"] as? String == "rate_limit_error")
            #expect(detail["request_id"] as? String == response.header("request-id"))
            #expect((Int(response.header("retry-after") ?? "") ?? 0) >= 1)
        }

        let voices = try await LoopbackHTTP.send("GET", server.baseURL.appendingPathComponent("v1/voices"))
        #expect(voices.status == 200)
    }
}
