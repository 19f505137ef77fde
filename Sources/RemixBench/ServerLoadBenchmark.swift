import Foundation
import RemixEngine
import TestSupport

/// `remix serve` under load: how long a cheap request waits while remixes run (`GET /v1/voices`
/// p99 with 16 long remixes in flight, as a ratio to its p99 on the idle server; target ≤ 3), and
/// the peak resident memory of a server 50 clients hung up on 0.1 s into their remixes (target ≤ 150 MB).
///
/// The p99s are of 400 requests, so a single scheduler hiccup on this shared machine is not the
/// figure; idle and busy take turns three times, each busy turn with 16 fresh remixes, and the
/// figures are the medians of the turns. The idle p99 a ratio is taken against is at least
/// `latencyFloor`.
///
/// A third measure in each turn is what busy cores cost a request on this machine: the idle server
/// while one loop per core spins at the render threads' nice level. With every core busy, some
/// wake-ups of the threads that answer wait milliseconds for a core whatever the busy work is; the
/// server avoids that by setting a core aside from rendering while such requests come (`CoreShare`),
/// so its busy p99 can be below this one.
func runServerLoadBenchmark() async throws {
    let longText = String(String(repeating: benchmarkScript + " ", count: 3).prefix(1000))
    func remixBody(seed: Int) -> [String: Any] {
        ["voice_description": "much older, slower and raspier", "text": longText, "seed": seed]
    }

    let server = try ServedRemix()
    defer { server.stop() }
    let voices = server.baseURL.appendingPathComponent("v1/voices")
    let remixURL = try await firstRemixURL(server)
    var idle: [Double] = [], spinning: [Double] = [], busy: [Double] = [], inFlight: [Int] = []
    for turn in 0..<3 {
        idle.append(try await voicesP99(voices))
        let spinners = CoreSpinners(nice: LocalEngine.serverRenderNiceness)
        spinning.append(try await voicesP99(voices))
        spinners.stop()
        let (p99, running) = try await withThrowingTaskGroup(of: Void.self, returning: (Double, Int).self) { group in
            let finished = Counter()
            for seed in 0..<16 {
                group.addTask {
                    _ = try await LoopbackHTTP.json("POST", remixURL, remixBody(seed: 100 * turn + seed))
                    finished.increment()
                }
            }
            // Once the remixes have reached the server and its render threads are busy.
            try await Task.sleep(for: .seconds(1))
            let p99 = try await voicesP99(voices)
            let running = 16 - finished.value
            group.cancelAll()
            return (p99, running)
        }
        busy.append(p99)
        inFlight.append(running)
        // The cancelled remixes stop within a second or so; the next idle turn should find them gone.
        try await Task.sleep(for: .seconds(3))
    }
    let idleP99 = Stopwatch.median(idle), spinningP99 = Stopwatch.median(spinning), busyP99 = Stopwatch.median(busy)
    print("GET /v1/voices p99 over 400 requests, idle and with 16 remixes of 1000 characters in flight, 3 turns each:")
    print("  idle                  \(milliseconds(idle))   median \(milliseconds([idleP99]))")
    print("  16 remixes running    \(milliseconds(busy))   median \(milliseconds([busyP99]))   (remixes still running at the end: \(inFlight))")
    print(String(format: "  ratio                 %7.2f     (target ≤ 3; the idle p99 taken as at least %.1f ms)",
                 busyP99 / max(idleP99, latencyFloor), latencyFloor * 1000))
    print("  idle, every core spinning at nice \(LocalEngine.serverRenderNiceness): \(milliseconds(spinning))   median \(milliseconds([spinningP99]))")
    print(String(format: "  ratio to that          %7.2f     (below 1: the core set aside spares requests the cost of busy cores)",
                 busyP99 / max(spinningP99, latencyFloor)))

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

/// Below this, a p99 measures the scheduler rather than the server: an idle request takes a few
/// tenths of a millisecond, while a time slice the kernel gives another thread first lasts up to
/// 3 ms, so one late wake-up in 100 requests decides a sub-millisecond p99.
private let latencyFloor = 0.001

/// The 99th percentile of 400 sequential `GET`s, in seconds, after one that opens the connection.
private func voicesP99(_ url: URL) async throws -> Double {
    _ = try await LoopbackHTTP.send("GET", url)
    var times: [Double] = []
    for _ in 0..<400 {
        times.append(try await Stopwatch.time { _ = try await LoopbackHTTP.send("GET", url) })
    }
    return times.sorted()[Int((Double(times.count) * 0.99).rounded(.up)) - 1]
}

private func milliseconds(_ seconds: [Double]) -> String {
    seconds.map { String(format: "%6.2f", $0 * 1000) }.joined(separator: " ") + " ms"
}
