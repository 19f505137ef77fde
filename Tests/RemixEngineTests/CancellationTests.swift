import Foundation
import RemixCore
@testable import RemixEngine
import Testing

/// Esc in the workbench and a client leaving `remix serve` cancel the remix's task: the engine stops
/// working on it and keeps nothing of it. The cancellations come from inside the work (a progress
/// callback, a blocked queue), never after a sleep, so a slow machine changes nothing.
@Suite struct CancellationTests {
    /// The longest script a request may carry, so an ignored cancellation shows as seconds of rendering.
    static let longText = String(String(repeating: Fixtures.text + " ", count: 9).prefix(RemixRequest.textLength.upperBound))

    @Test func aRemixCancelledAsItStartsSpeakingStopsAndKeepsNothing() async throws {
        var request = Fixtures.request("much older and slower", format: .pcm_16000)
        request.text = Self.longText
        let engine = try LocalEngine()
        let (reported, report) = AsyncStream.makeStream(of: RemixProgress.self)
        let remix = Task {
            try await engine.remix(request) { progress in
                report.yield(progress)
                // Progress is reported from the remix's own task, so this is the remix being cancelled.
                if progress == .synthesizing { withUnsafeCurrentTask { $0?.cancel() } }
            }
        }
        await #expect(throws: CancellationError.self) { _ = try await remix.value }
        report.finish()
        let progress = await reported.reduce(into: [RemixProgress]()) { $0.append($1) }
        #expect(progress.first == .synthesizing)
        #expect(progress.filter { if case .previewFinished = $0 { true } else { false } }.count < 3, "\(progress)")

        // Same seed and inputs give the same ids: another engine that completes the request names them.
        let ids = try await LocalEngine().remix(request).previews.map(\.generatedVoiceID)
        #expect(ids.count == 3)
        for id in ids {
            await #expect(throws: RemixError.generatedVoiceNotFound(id)) {
                _ = try await engine.streamPreview(generatedVoiceID: id)
            }
        }
    }

    /// Work waits its turn on the engine's threads; a request cancelled while waiting never runs.
    @Test func workCancelledWhileWaitingInThePoolIsSkipped() async throws {
        let pool = WorkerPool(label: "remix.test.cancellation", threadCount: 1)
        let gate = DispatchSemaphore(value: 0)
        let (started, start) = AsyncStream.makeStream(of: Void.self)
        let blocking = Task {
            try await pool.run { _ in
                start.yield()
                gate.wait()
            }
        }
        for await _ in started { break }

        let waiting = Task { try await pool.run { _ in "ran" } }
        waiting.cancel()
        gate.signal()
        await #expect(throws: CancellationError.self) { _ = try await waiting.value }
        try await blocking.value
    }

    /// A running job sees its task's cancellation through the `Cancellation` it was given.
    @Test func aRunningJobSeesItsTaskCancelled() async throws {
        let pool = WorkerPool(label: "remix.test.running", threadCount: 1)
        let (started, start) = AsyncStream.makeStream(of: Void.self)
        let running = Task {
            try await pool.run { cancellation in
                start.yield()
                while !cancellation.isRaised { sched_yield() }
                try cancellation.check()
            }
        }
        for await _ in started { break }
        running.cancel()
        await #expect(throws: CancellationError.self) { try await running.value }
    }

    static let unchanged = VoiceProfile(
        synthesizer: .flite, synthesizerVoice: "slt", language: "en", pitchSemitones: 0, formantRatio: 1, tempo: 1)

    @Test func aPreviewRenderWhoseCancellationIsRaisedStops() throws {
        let speech = PCMBuffer(samples: [Float](repeating: 0.1, count: 16000), sampleRate: 16000, channels: 1)
        let cancellation = Cancellation()
        cancellation.raise()
        #expect(throws: CancellationError.self) {
            try PreviewRenderer.render(
                speech: speech, profile: Self.unchanged, noiseSeed: 0, loudness: 0, format: .pcm_16000, cancellation: cancellation)
        }
    }
}
