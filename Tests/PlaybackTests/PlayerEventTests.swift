import Playback
import RemixCore
import Testing
import TestSupport

/// What an event loop driving the player relies on: every subscriber gets every event, a subscriber
/// that stops leaves the others alone, and each event names its track. The audio goes to the shared
/// null sink, so these hold its lock like the tests that capture it; every wait is on events.
@Suite(.serialized) struct PlayerEventTests {
    @Test func twoSubscribersBothSeeTheEnd() async throws {
        try await NullSinkLock.shared.withSink {
            let player = PulsePlayer()
            let first = player.events(), second = player.events()
            let track = try player.load(TestAudio.positionTagged(seconds: 0.5, frequency: 440))
            try player.play()
            async let firstSeen = PulsePlayerTests.events(in: first, until: PulsePlayerTests.isFinished)
            async let secondSeen = PulsePlayerTests.events(in: second, until: PulsePlayerTests.isFinished)
            #expect(try await firstSeen.last == .finished(track: track))
            #expect(try await secondSeen.last == .finished(track: track))
        }
    }

    @Test func aSubscriberThatStopsLeavesTheOthersListening() async throws {
        try await NullSinkLock.shared.withSink {
            let player = PulsePlayer()
            let stopping = player.events(), staying = player.events()
            let consumer = Task {
                var count = 0
                for await _ in stopping { count += 1 }
                return count
            }
            let track = try player.load(TestAudio.positionTagged(seconds: 1.5, frequency: 440))
            try player.play()
            try await PulsePlayerTests.events(in: staying, until: { PulsePlayerTests.position($0) >= 0.3 })
            consumer.cancel()
            // The loop ends only because its stream ended: the cancellation reached this subscriber.
            #expect(await consumer.value > 0)

            let seen = try await PulsePlayerTests.events(in: staying, until: PulsePlayerTests.isFinished)
            #expect(seen.last == .finished(track: track))
            #expect(seen.contains { PulsePlayerTests.position($0) > 0.3 })
        }
    }

    /// Ticks queued before the switch may still be read after it, but never after the event that names
    /// the new track; a subscriber that joins once the switch has returned sees only the new track.
    @Test func afterASwitchTicksNameTheNewTrack() async throws {
        try await NullSinkLock.shared.withSink {
            let player = PulsePlayer()
            let events = player.events()
            let a = try player.load(TestAudio.positionTagged(seconds: 2, frequency: 440))
            try player.play()
            let beforeSwitch = try await PulsePlayerTests.events(in: events, until: { PulsePlayerTests.position($0) >= 0.5 })
            let b = try player.switch(to: TestAudio.positionTagged(seconds: 2, frequency: 660, sign: -1))
            let joinedAfter = player.events()
            let afterSwitch = try await PulsePlayerTests.events(in: events, until: PulsePlayerTests.isFinished)
            let joinedAfterSeen = try await PulsePlayerTests.events(in: joinedAfter, until: PulsePlayerTests.isFinished)

            #expect(a != b)
            #expect(Self.tracks(ofTicksIn: beforeSwitch).allSatisfy { $0 == a })
            let announced = try #require(afterSwitch.firstIndex(of: .phaseChanged(.playing, track: b)))
            #expect(Self.tracks(ofTicksIn: afterSwitch[..<announced]).allSatisfy { $0 == a })
            let laterTicks = Self.tracks(ofTicksIn: afterSwitch[announced...])
            #expect(!laterTicks.isEmpty && laterTicks.allSatisfy { $0 == b }, "ticks after the switch: \(laterTicks)")
            let joinedTicks = Self.tracks(ofTicksIn: joinedAfterSeen)
            #expect(!joinedTicks.isEmpty && joinedTicks.allSatisfy { $0 == b }, "ticks of a later subscriber: \(joinedTicks)")
            #expect(afterSwitch.last == .finished(track: b))
        }
    }

    @Test func phaseChangesArriveInOrder() async throws {
        try await NullSinkLock.shared.withSink {
            let player = PulsePlayer()
            let events = player.events()
            let track = try player.load(TestAudio.positionTagged(seconds: 1, frequency: 440))
            try player.play()
            var seen = try await PulsePlayerTests.events(in: events, until: { PulsePlayerTests.position($0) >= 0.2 })
            player.pause()
            player.pause()
            try player.resume()
            try player.play()
            seen += try await PulsePlayerTests.events(in: events, until: PulsePlayerTests.isFinished)

            let phases = seen.compactMap { event -> PulsePlayer.Phase? in
                guard case .phaseChanged(let phase, track: track) = event else { return nil }
                return phase
            }
            #expect(phases == [.paused, .playing, .paused, .playing, .finished])
            #expect(!seen.contains { if case .phaseChanged(_, let other) = $0 { other != track } else { false } })

            let afterTheEnd = player.events()
            player.seek(to: 0.5)
            player.stop()
            player.stop()
            let rest = try await PulsePlayerTests.events(in: afterTheEnd, until: { $0 == .phaseChanged(.stopped, track: track) })
            #expect(rest == [.phaseChanged(.paused, track: track), .phaseChanged(.stopped, track: track)])
        }
    }

    private static func tracks(ofTicksIn events: some Sequence<PlayerEvent>) -> [TrackNumber] {
        events.compactMap { if case .tick(let tick) = $0 { tick.track } else { nil } }
    }
}
