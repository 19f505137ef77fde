import Foundation
import Playback
import RemixCore
import Testing
import TestSupport

/// The player heard through the private null sink: what reaches `null.monitor` is compared with what
/// was loaded. Serialized, because every test listens to the same sink. Waits follow the player's own
/// position ticks, never the wall clock, and the assertions are on audio, not on timing.
@Suite(.serialized) struct PulsePlayerTests {
    static let rate = MonitorCapture.rate
    /// The null sink drops the first milliseconds of a stream when it starts or is uncorked (10–40 ms
    /// seen; pacat loses about 10 ms at its start the same way), so a run may begin late by up to this
    /// much; it never begins early, which would mean audio played twice.
    static let startLoss = rate * 60 / 1000
    /// How far a run may start before where it should, which only the 16-bit sink's rounding of the
    /// position tag explains (one step ≈ 5 frames of a 3 s buffer).
    static let tagRounding = 12
    static let lateStart = -tagRounding..<startLoss

    @Test func toneFromMP3PlaysAt440HzForItsLength() async throws {
        try await NullSinkLock.shared.withSink {
            let directory = try Tool.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let tone = try Decoding.decoder(forFileAt: try TestAudio.mp3(
                directory, rate: 44100, channels: 2, seconds: 2, lameOptions: ["-b", "128"]).path).decodeAll()

            let capture = try await MonitorCapture()
            let player = PulsePlayer()
            try player.load(tone)
            try player.play()
            let events = try await Self.events(of: player, until: Self.isFinished)
            let captured = try await capture.stop()

            let sounding = try #require(Signal.soundingFrames(captured))
            #expect(abs(sounding.count - tone.frameCount) < Self.startLoss, "heard frames \(sounding) of \(tone.frameCount)")
            let frequency = Signal.frequency(Signal.left(captured, frames: sounding), rate: Self.rate)
            #expect(abs(frequency - 440) < 1, "heard \(frequency) Hz")

            let ticks = events.compactMap { if case .tick(let tick) = $0 { tick } else { nil } }
            #expect(ticks.count > 10)
            #expect(ticks.contains { $0.rms > 0.25 && $0.peak > 0.4 })
            #expect(zip(ticks, ticks.dropFirst()).allSatisfy { $0.position <= $1.position })
            #expect(player.phase == .finished)
        }
    }

    /// The stream runs at the track's rate and channel count; the server converts to the 44.1 kHz stereo sink.
    @Test(arguments: [OutputFormat.pcm_24000, .ulaw_8000])
    func otherRatesAreResampledByTheServer(format: OutputFormat) async throws {
        try await NullSinkLock.shared.withSink {
            let directory = try Tool.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = try TestAudio.sox(directory, "tone.\(format.fileExtension)", options: format.codec == .pcm
                ? ["-t", "raw", "-r", "\(format.sampleRate)", "-e", "signed", "-b", "16", "-c", "1"]
                : ["-t", "ul", "-r", "8000", "-c", "1"])
            let tone = try Decoding.decode(try Data(contentsOf: file), format: format)

            let capture = try await MonitorCapture()
            let player = PulsePlayer()
            try player.load(tone)
            try player.play()
            try await Self.events(of: player, until: Self.isFinished)
            let captured = try await capture.stop()

            let sounding = try #require(Signal.soundingFrames(captured))
            #expect(abs(sounding.count - Self.rate) < Self.startLoss, "heard frames \(sounding) of 1 s")
            let frequency = Signal.frequency(Signal.left(captured, frames: sounding), rate: Self.rate)
            #expect(abs(frequency - 440) < 1, "heard \(frequency) Hz")
        }
    }

    @Test func pauseIsSilentAndResumeContinuesWhereItStopped() async throws {
        try await NullSinkLock.shared.withSink {
            let buffer = TestAudio.positionTagged(seconds: 3, frequency: 440)
            let capture = try await MonitorCapture()
            let player = PulsePlayer()
            try player.load(buffer)
            try player.play()
            try await Self.events(of: player, until: { Self.position($0) >= 1 })
            player.pause()
            try await Task.sleep(for: .seconds(1))
            try player.resume()
            try await Self.events(of: player, until: Self.isFinished)
            let heard = HeardRuns(try await capture.stop(), sourceFrames: buffer.frameCount).runs

            try #require(heard.count == 2, "expected two runs of sound around the pause, heard \(heard.count)")
            #expect(heard[0].first < Self.startLoss)
            #expect(Self.lateStart.contains(heard[1].first - (heard[0].last + 1)), "stopped at \(heard[0].last), resumed at \(heard[1].first)")
            #expect(heard[1].last > buffer.frameCount - 20)
            #expect(heard[1].capturedStart - heard[0].capturedEnd > Self.rate / 2, "the pause was not silent")
        }
    }

    @Test func seekJumpsToTheRequestedPosition() async throws {
        try await NullSinkLock.shared.withSink {
            let buffer = TestAudio.positionTagged(seconds: 4, frequency: 440)
            let capture = try await MonitorCapture()
            let player = PulsePlayer()
            try player.load(buffer)
            try player.play()
            try await Self.events(of: player, until: { Self.position($0) >= 0.5 })
            player.seek(to: 3)
            try await Self.events(of: player, until: Self.isFinished)
            let heard = HeardRuns(try await capture.stop(), sourceFrames: buffer.frameCount).runs

            try #require(heard.count == 2, "expected the run before and after the seek, heard \(heard.count)")
            #expect(heard[0].first < Self.startLoss)
            #expect(heard[0].last < 2 * Self.rate)
            #expect(Self.lateStart.contains(heard[1].first - 3 * Self.rate), "seek to 3 s landed at frame \(heard[1].first)")
            #expect(heard[1].last > buffer.frameCount - 20)
        }
    }

    /// The switch takes the position from the stream latency, so it may be off by a few milliseconds
    /// of buffer; 60 ms is well below what an ear comparing two previews notices.
    @Test func switchKeepsThePosition() async throws {
        try await NullSinkLock.shared.withSink {
            let a = TestAudio.positionTagged(seconds: 3, frequency: 440, sign: 1)
            let b = TestAudio.positionTagged(seconds: 3, frequency: 660, sign: -1)
            let capture = try await MonitorCapture()
            let player = PulsePlayer()
            try player.load(a)
            try player.play()
            try await Self.events(of: player, until: { Self.position($0) >= 1 })
            try player.switch(to: b)
            try await Self.events(of: player, until: Self.isFinished)
            let captured = try await capture.stop()
            let heard = HeardRuns(captured, sourceFrames: a.frameCount).runs

            try #require(heard.count == 2, "expected A then B, heard \(heard.count) runs")
            #expect(heard[0].sign == 1 && heard[1].sign == -1)
            #expect(abs(heard[1].first - heard[0].last) < Self.rate * 6 / 100, "A stopped at \(heard[0].last), B started at \(heard[1].first)")
            #expect(heard[1].last > b.frameCount - 20)
            let before = Signal.frequency(Signal.left(captured, frames: heard[0].capturedStart..<heard[0].capturedEnd), rate: Self.rate)
            let after = Signal.frequency(Signal.left(captured, frames: heard[1].capturedStart..<heard[1].capturedEnd), rate: Self.rate)
            #expect(abs(before - 440) < 2 && abs(after - 660) < 2, "heard \(before) Hz then \(after) Hz")
        }
    }

    @Test func progressiveLoadPlaysEveryFrameOnce() async throws {
        try await NullSinkLock.shared.withSink {
            let buffer = TestAudio.positionTagged(seconds: 2, frequency: 440)
            let capture = try await MonitorCapture()
            let player = PulsePlayer()
            let chunk = 4410 * 2
            try player.load(PCMBuffer(samples: Array(buffer.samples[..<chunk]), sampleRate: 44100, channels: 2), isComplete: false)
            try player.play()
            for start in stride(from: chunk, to: buffer.samples.count, by: chunk) {
                let end = min(start + chunk, buffer.samples.count)
                player.append(PCMBuffer(samples: Array(buffer.samples[start..<end]), sampleRate: 44100, channels: 2))
            }
            player.finishLoading()
            try await Self.events(of: player, until: Self.isFinished)
            let heard = HeardRuns(try await capture.stop(), sourceFrames: buffer.frameCount).runs

            try #require(heard.count == 1, "expected one unbroken run, heard \(heard.count)")
            #expect(heard[0].first < Self.startLoss && heard[0].last > buffer.frameCount - 20)
            #expect(abs(heard[0].capturedEnd - heard[0].capturedStart - (buffer.frameCount - heard[0].first)) < 20)
        }
    }

    /// `remix play` starts connecting before it has read its arguments; the first load waits for that
    /// connect instead of starting another, and plays from the first frame.
    @Test func loadWaitsForAConnectBegunEarlier() async throws {
        try await NullSinkLock.shared.withSink {
            let buffer = TestAudio.positionTagged(seconds: 1, frequency: 440)
            let capture = try await MonitorCapture()
            let player = PulsePlayer()
            player.beginConnecting()
            player.beginConnecting()
            try player.load(buffer)
            try player.play()
            try await Self.events(of: player, until: Self.isFinished)
            let heard = HeardRuns(try await capture.stop(), sourceFrames: buffer.frameCount).runs

            try #require(heard.count == 1, "expected one unbroken run, heard \(heard.count)")
            #expect(Self.lateStart.contains(heard[0].first) && heard[0].last > buffer.frameCount - 20)
        }
    }

    /// The server dies mid-play: one `failed` event, the player waits paused where it was heard, and the
    /// next `play()` reconnects and goes on from there. No hang, no crash.
    @Test func lostServerIsAnEventAndPlayReconnects() async throws {
        let server = try ScratchPulseServer()
        let player = PulsePlayer(server: server.serverString)
        let playing = player.events()
        try player.load(TestAudio.positionTagged(seconds: 10, frequency: 440))
        try player.play()
        try await Self.events(in: playing, until: { if case .tick(let tick) = $0 { tick.position > 0.3 } else { false } })

        server.kill()
        let failure = try await Self.failure(in: playing)
        switch failure {
        case .audioServerLost, .streamFailed: break
        default: Issue.record("expected the server's loss, got \(failure)")
        }
        #expect(failure.description.split(separator: "\n").count == 1)
        #expect(player.phase == .paused)
        let heard = player.position
        #expect(heard > 0.3 && heard < 10)

        try server.start()
        let resumed = player.events()
        try player.play()
        let events = try await Self.events(in: resumed, until: { if case .tick(let tick) = $0 { tick.position > heard + 0.3 } else { false } })
        let positions = events.compactMap { if case .tick(let tick) = $0 { tick.position } else { nil } }
        #expect(positions.allSatisfy { $0 >= heard - 0.1 }, "went back before \(heard): \(positions)")
        player.stop()
    }

    @Test func missingServerIsAnErrorNotACrash() throws {
        let player = PulsePlayer(server: "unix:/nonexistent/pulse/native")
        // A connect begun early fails quietly; the load after it tries again and says why.
        player.beginConnecting()
        let error = #expect(throws: PlaybackError.self) {
            try player.load(TestAudio.positionTagged(seconds: 0.1, frequency: 440))
        }
        guard case .audioServerUnavailable = error else {
            Issue.record("expected .audioServerUnavailable, got \(String(describing: error))")
            return
        }
        // Still unavailable, still no crash: play tries to connect again.
        #expect(throws: PlaybackError.self) { try player.connect() }
    }

    static func position(_ event: PlayerEvent) -> Double {
        if case .tick(let tick) = event { tick.position } else { 0 }
    }

    static func isFinished(_ event: PlayerEvent) -> Bool {
        if case .finished = event { true } else { false }
    }

    /// The player's events from now up to and including the first that matches; a `failed` event fails
    /// the test, and so does waiting longer than `timeout` rather than hang.
    @discardableResult
    static func events(
        of player: PulsePlayer, until match: @escaping @Sendable (PlayerEvent) -> Bool, timeout: Duration = .seconds(30)
    ) async throws -> [PlayerEvent] {
        try await events(in: player.events(), until: match, timeout: timeout)
    }

    /// As `events(of:until:)`, from a subscription taken earlier, so nothing sent since is missed.
    @discardableResult
    static func events(
        in events: AsyncStream<PlayerEvent>, until match: @escaping @Sendable (PlayerEvent) -> Bool,
        timeout: Duration = .seconds(30)
    ) async throws -> [PlayerEvent] {
        try await first(in: events, timeout: timeout) { event, seen in
            if case .failed(let error) = event { throw error }
            return match(event) ? seen : nil
        }
    }

    /// The error of the first `failed` event.
    static func failure(in events: AsyncStream<PlayerEvent>, timeout: Duration = .seconds(30)) async throws -> PlaybackError {
        try await first(in: events, timeout: timeout) { event, _ in
            if case .failed(let error) = event { error } else { nil }
        }
    }

    /// What `pick` makes of the first event it accepts (given the events so far), within `timeout`.
    private static func first<Found: Sendable>(
        in events: AsyncStream<PlayerEvent>, timeout: Duration,
        _ pick: @escaping @Sendable (PlayerEvent, [PlayerEvent]) throws -> Found?
    ) async throws -> Found {
        try await withThrowingTaskGroup(of: Found?.self) { group in
            group.addTask {
                var seen: [PlayerEvent] = []
                for await event in events {
                    seen.append(event)
                    if let found = try pick(event, seen) { return found }
                }
                return nil
            }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            let first = try await group.next()!
            group.cancelAll()
            return try #require(first, "no matching player event within \(timeout)")
        }
    }
}
