import Foundation
import TestSupport

/// `remix serve` under load: how long a cheap request waits while remixes run (`GET /v1/voices`
/// p99 with 16 long remixes in flight, as a ratio to its p99 on the idle server; target ≤ 3), and
/// the peak resident memory of a server 50 clients hung up on 0.1 s into their remixes (target ≤ 150 MB).
func runServerLoadBenchmark() async throws {
    let longText = String(String(repeating: benchmarkScript + " ", count: 3).prefix(1000))
    func remixBody(seed: Int) -> [String: Any] {
        ["voice_description": "much older, slower and raspier", "text": longText, "seed": seed]
    }

    let server = try ServedRemix()
    defer { server.stop() }
    let voices = server.baseURL.appendingPathComponent("v1/voices")
    let remixURL = try await firstRemixURL(server)
    let idle = try await voicesP99(voices)
    let busy = try await withThrowingTaskGroup(of: Void.self, returning: Double.self) { group in
        for seed in 0..<16 {
            group.addTask { _ = try await LoopbackHTTP.json("POST", remixURL, remixBody(seed: seed)) }
        }
        // Once the remixes have reached the server and its render threads are busy.
        try await Task.sleep(for: .seconds(1))
        let p99 = try await voicesP99(voices)
        group.cancelAll()
        return p99
    }
    print("GET /v1/voices p99 over 50 requests, idle and with 16 remixes of 1000 characters in flight:")
    print(String(format: "  idle                  %7.1f ms", idle * 1000))
    print(String(format: "  16 remixes running    %7.1f ms", busy * 1000))
    print(String(format: "  ratio                 %7.2f     (target ≤ 3)", busy / idle))

    let stormed = try ServedRemix()
    defer { stormed.stop() }
    let stormURL = try await firstRemixURL(stormed)
    let before = try ProcessUsage(pid: stormed.process.processIdentifier)
    await withTaskGroup(of: Void.self) { group in
        for seed in 0..<50 {
            group.addTask {
                let remix = Task { try await LoopbackHTTP.json("POST", stormURL, remixBody(seed: seed)) }
                try? await Task.sleep(for: .milliseconds(100))
                remix.cancel()
                _ = await remix.result
            }
        }
    }
    let hungUp = ContinuousClock.now
    var spent = try ProcessUsage(pid: stormed.process.processIdentifier).cpuSeconds
    var settledAfter: Double?
    while settledAfter == nil, Stopwatch.seconds(since: hungUp) < 60 {
        try await Task.sleep(for: .milliseconds(100))
        let now = try ProcessUsage(pid: stormed.process.processIdentifier).cpuSeconds
        if now - spent < 0.005 { settledAfter = Stopwatch.seconds(since: hungUp) }
        spent = now
    }
    let after = try ProcessUsage(pid: stormed.process.processIdentifier)
    print("remix serve after 50 clients hung up 0.1 s into remixes of 1000 characters:")
    print(String(format: "  CPU idle again after  %7.2f s", settledAfter ?? .infinity))
    print("  resident              \(before.residentBytes >> 20) MB before, \(after.residentBytes >> 20) MB after")
    print("  peak resident         \(after.peakResidentBytes >> 20) MB   (target ≤ 150 MB)")
}

private func firstRemixURL(_ server: ServedRemix) async throws -> URL {
    let response = try await LoopbackHTTP.send("GET", server.baseURL.appendingPathComponent("v1/voices"))
    let list = (response.json as? [String: Any])?["voices"] as? [[String: Any]]
    guard let voiceID = list?.first?["voice_id"] as? String else { throw BenchmarkFailure("the server lists no voice") }
    return server.baseURL.appendingPathComponent("v1/text-to-voice/\(voiceID)/remix")
}

/// The 99th percentile of 50 sequential `GET`s, in seconds, after one that opens the connection.
private func voicesP99(_ url: URL) async throws -> Double {
    _ = try await LoopbackHTTP.send("GET", url)
    var times: [Double] = []
    for _ in 0..<50 {
        times.append(try await Stopwatch.time { _ = try await LoopbackHTTP.send("GET", url) })
    }
    return times.sorted()[Int((Double(times.count) * 0.99).rounded(.up)) - 1]
}
