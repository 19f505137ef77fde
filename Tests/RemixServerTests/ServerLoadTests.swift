import Foundation
import Testing
import TestSupport

/// `remix serve` under clients that abandon their remixes or ask for more than it takes on: work
/// nobody waits for stops, the memory it held goes back, cheap requests are still answered, and a
/// full queue says so with 429. One thing is timed, with the bound the issue gives (cheap requests
/// under load); the other figures are `remix-bench server`'s.
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

        let hungUp = ContinuousClock.now

        // The median of five, so that one stall of this shared machine does not decide it.
        var answers: [Duration] = []
        for _ in 0..<5 {
            let started = ContinuousClock.now
            #expect(try await LoopbackHTTP.send("GET", server.baseURL.appendingPathComponent("v1/voices")).status == 200)
            answers.append(started.duration(to: .now))
        }
        #expect(answers.sorted()[2] < .milliseconds(100), "\(answers)")

        // A second after the clients have gone the work has stopped: rendering for nobody would
        // spend a core's second every second, against the few milliseconds allowed here.
        try await Task.sleep(until: hungUp + .seconds(1))
        let spent = try ProcessUsage(pid: pid).cpuSeconds
        try await Task.sleep(for: .seconds(2))
        let later = try ProcessUsage(pid: pid).cpuSeconds
        #expect(later - spent < 0.1, "the server spent \(later - spent) s of CPU in the 2 s after the first second")

        let after = try ProcessUsage(pid: pid)
        #expect(
            after.residentBytes < before.residentBytes + 100 << 20,
            "resident \(before.residentBytes >> 20) MB before, \(after.residentBytes >> 20) MB after (peak \(after.peakResidentBytes >> 20) MB)")
    }

    /// With 16 long remixes in flight, `GET /v1/voices` answers within 100 ms at the 99th percentile.
    /// Of 100 requests, so that the p99 is not simply the slowest one (of 50 it would be), which a
    /// single stall of this shared machine decides.
    @Test func withSixteenLongRemixesInFlightTheVoicesAnswerWithin100ms() async throws {
        let server = try ServedRemix()
        let remixURL = try await Self.remixURL(server)
        let voices = server.baseURL.appendingPathComponent("v1/voices")
        let finished = Counter()
        let times = try await withThrowingTaskGroup(of: Void.self) { group in
            for seed in 0..<16 {
                group.addTask {
                    _ = try await LoopbackHTTP.json("POST", remixURL, Self.longRemix(seed: seed))
                    finished.increment()
                }
            }
            // Once the remixes have reached the server and its render threads are busy.
            try await Task.sleep(for: .seconds(1))
            var times: [Duration] = []
            for _ in 0..<100 {
                let started = ContinuousClock.now
                #expect(try await LoopbackHTTP.send("GET", voices).status == 200)
                times.append(started.duration(to: .now))
            }
            #expect(finished.value == 0, "every remix was still running while the voices were asked for")
            group.cancelAll()
            return times.sorted()
        }
        #expect(times[98] < .milliseconds(100), "p99 \(times[98]); the slowest five: \(times.suffix(5))")
    }

    /// What keeps those answers quick: the server's engine threads, named as such, run below the
    /// threads that answer (nice 10), so the kernel gives those a core first.
    @Test func theServerRendersBelowTheThreadsThatAnswer() async throws {
        let server = try ServedRemix()
        let remixURL = try await Self.remixURL(server)
        let remix = Task { try await LoopbackHTTP.json("POST", remixURL, Self.longRemix(seed: 7)) }
        defer { remix.cancel() }
        var niceness: [String: Int] = [:]
        for _ in 0..<600 where niceness.count < 2 {
            try await Task.sleep(for: .milliseconds(50))
            niceness = ProcessThreads.niceness(of: server.process.processIdentifier, prefixes: ["remix.synth", "remix.render"])
        }
        #expect(niceness.count == 2, "the synthesis and render threads were found: \(niceness)")
        #expect(niceness.values.allSatisfy { $0 == 10 }, "\(niceness)")
    }

    /// And what keeps them quicker still: while requests outside the queue come, the engine computes
    /// on one core fewer than the machine has, so the threads answering find an idle one; once they
    /// stop coming, it computes on every core again. Counted from /proc: engine threads running or
    /// waiting for a core (state R), before, during and after a stream of `GET /v1/voices`.
    @Test func whileCheapRequestsComeTheEngineLeavesACoreFree() async throws {
        let server = try ServedRemix()
        let pid = server.process.processIdentifier
        let engineThreads = ["remix.synth", "remix.render"]
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let remixURL = try await Self.remixURL(server)
        let remixes = (0..<8).map { seed in Task { try await LoopbackHTTP.json("POST", remixURL, Self.longRemix(seed: seed)) } }
        defer { remixes.forEach { $0.cancel() } }

        func sample(_ count: Int) async throws -> [Int] {
            var counts: [Int] = []
            for _ in 0..<count {
                counts.append(ProcessThreads.running(in: pid, prefixes: engineThreads))
                try await Task.sleep(for: .milliseconds(20))
            }
            return counts
        }
        // Synthesis, then rendering on every core: more engine threads running than cores left.
        var loaded = false
        for _ in 0..<3000 where !loaded { loaded = try await sample(1)[0] >= cores }
        try #require(loaded, "the remixes never kept \(cores) engine threads running")

        let voices = server.baseURL.appendingPathComponent("v1/voices")
        let asking = Task { while !Task.isCancelled { _ = try await LoopbackHTTP.send("GET", voices) } }
        try await Task.sleep(for: .milliseconds(300))
        let during = try await sample(50)
        asking.cancel()
        _ = await asking.result
        var after: [Int] = []
        for _ in 0..<100 where after.last.map({ $0 < cores }) ?? true { after += try await sample(1) }

        let coresLeft = cores > 1 ? cores - 1 : cores
        #expect(during.filter { $0 > coresLeft }.count <= 5, "engine threads running while requests came: \(during)")
        #expect(after.last.map { $0 >= cores } == true, "after the requests stopped: \(after)")
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

    /// A remix takes its place in the queue before its body is read: with every place held, one is
    /// refused while most of its body is still to come. Were bodies read first, the server would
    /// wait for the rest, and no answer would come.
    @Test func overTheQueueLimitTheRefusalComesBeforeTheBody() async throws {
        let server = try ServedRemix(arguments: ["--concurrent-remixes", "1", "--queued-remixes", "0"])
        let remixURL = try await Self.remixURL(server)
        // The long remix asks again if a probe below held the one place when it came.
        let running = Task {
            while try await LoopbackHTTP.json("POST", remixURL, Self.longRemix(seed: 0)).status == 429 {}
        }
        defer { running.cancel() }
        // A body the server refuses holds a place only while it is checked: probes like it find
        // out, without keeping the place, when the long remix has it.
        var probe = 0
        for _ in 0..<600 where probe != 429 {
            try await Task.sleep(for: .milliseconds(50))
            probe = try await LoopbackHTTP.json("POST", remixURL, ["voice_description": 0]).status
            #expect([422, 429].contains(probe))
        }
        try #require(probe == 429)

        let body = try JSONSerialization.data(withJSONObject: Self.longRemix(seed: 1))
        let connection = try RawHTTPConnection(port: try #require(remixURL.port))
        #expect(connection.send(RawHTTPConnection.head("POST", remixURL.path, contentLength: body.count) + body.prefix(100)))
        #expect(connection.statusLine(within: 30) == "HTTP/1.1 429 Too Many Requests")
    }

    /// Bodies outside the work queue (a keep, here) are read at most 16 at a time, so however many
    /// clients send one, the memory they hold is bounded: of 24 keeps whose bodies of 1 MiB stop
    /// short of their last byte, 16 are read (and wait for the rest), and the other 8 are refused
    /// with 429 at once. Were every body read, no answer would come before the bodies ended.
    @Test func bodiesOutsideTheQueueAreReadSixteenAtATime() async throws {
        let server = try ServedRemix()
        let port = try #require(server.baseURL.port)
        let body = Data(#"{"voice_name": ""#.utf8) + Data(repeating: UInt8(ascii: "a"), count: 1 << 20 - 20) + Data(#""}"#.utf8)
        let connections = try (0..<24).map { _ in try RawHTTPConnection(port: port) }
        for connection in connections {
            #expect(connection.send(RawHTTPConnection.head("POST", "/v1/text-to-voice", contentLength: body.count) + body.dropLast()))
        }
        var answered: [Int: String] = [:]
        for _ in 0..<100 where answered.count < 8 {
            for (index, connection) in connections.enumerated() where answered[index] == nil {
                if let status = connection.statusLine(within: 0.1) { answered[index] = status }
            }
        }
        #expect(answered.count == 8, "\(answered)")
        #expect(answered.values.allSatisfy { $0 == "HTTP/1.1 429 Too Many Requests" }, "\(answered)")

        // The 16 that were read are answered once their bodies end: a keep without a generated voice.
        for (index, connection) in connections.enumerated() where answered[index] == nil {
            #expect(connection.send(body.suffix(1)))
            #expect(connection.statusLine(within: 30) == "HTTP/1.1 422 Unprocessable Entity")
        }
    }

    /// A body that never ends holds its place only until the body's time is up: each of 16 keeps that
    /// stop sending after 10 bytes is answered 408 once `--body-timeout` has passed, and then a keep
    /// is read again rather than refused.
    @Test func aBodyThatNeverEndsIsAnswered408AndGivesItsPlaceBack() async throws {
        let server = try ServedRemix(arguments: ["--body-timeout", "2"])
        let port = try #require(server.baseURL.port)
        let connections = try (0..<16).map { _ in try RawHTTPConnection(port: port) }
        for connection in connections {
            #expect(connection.send(RawHTTPConnection.head("POST", "/v1/text-to-voice", contentLength: 1000) + Data(#"{"voice_na"#.utf8)))
        }
        for connection in connections {
            #expect(connection.statusLine(within: 30) == "HTTP/1.1 408 Request Timeout")
        }
        let keep = try await LoopbackHTTP.json("POST", server.baseURL.appendingPathComponent("v1/text-to-voice"), ["voice_name": "x"])
        #expect(keep.status == 422, "\(keep.status) \(String(decoding: keep.body, as: UTF8.self))")
        let voices = try await LoopbackHTTP.send("GET", server.baseURL.appendingPathComponent("v1/voices"))
        #expect(voices.status == 200)
    }
}
