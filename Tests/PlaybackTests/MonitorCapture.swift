import Foundation
import Testing

/// Records what the private null sink plays, from `null.monitor`, with `parec` in a child process.
final class MonitorCapture: @unchecked Sendable {
    static let rate = 44100
    private let process = Process()
    private let pipe = Pipe()
    // Written by the reader thread, read after it finished; `finished` orders the two.
    private var data = Data()
    private let finished = DispatchSemaphore(value: 0)

    /// Fails the test when the private sound server is missing, instead of passing without hearing anything.
    static func requireServer() throws {
        try #require(
            ProcessInfo.processInfo.environment["PULSE_SERVER"] != nil,
            "PULSE_SERVER is not set: run the audio tests under scripts/with-private-pulseaudio (make test does)")
    }

    /// Starts recording and leaves a lead, so the monitor stream is running before anything plays.
    init() async throws {
        try Self.requireServer()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "parec", "-d", "null.monitor", "--format=float32le", "--rate=\(Self.rate)", "--channels=2", "--raw",
            "--latency-msec=20",
        ]
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let reader = Thread { [self] in
            data = pipe.fileHandleForReading.readDataToEndOfFile()
            finished.signal()
        }
        reader.start()
        try await Task.sleep(for: .seconds(1))
    }

    /// Leaves a tail, stops recording and returns interleaved stereo frames.
    func stop() async throws -> [Float] {
        try await Task.sleep(for: .seconds(1))
        // SIGKILL, because the child inherits the test runner's blocked signals and would ignore SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        finished.wait()
        return TestAudio.floats(data)
    }
}

/// What a capture of `TestAudio.positionTagged` shows: the runs of consecutive source frames heard.
struct HeardRuns {
    struct Run {
        var sign: Float
        /// Source frames, from the right channel's tag.
        var first: Int
        var last: Int
        /// Captured frames, where the run lies in the recording.
        var capturedStart: Int
        var capturedEnd: Int
    }

    var runs: [Run] = []

    /// `tolerance` allows for the 16-bit sink rounding the tag (one step ≈ 5 frames of a 3 s buffer).
    init(_ captured: [Float], sourceFrames: Int, tolerance: Int = 12) {
        for frame in 0..<(captured.count / 2) {
            let tag = captured[2 * frame + 1]
            guard abs(tag) > 0.05 else { continue }
            let position = Int(((abs(tag) - 0.1) / 0.8 * Float(sourceFrames)).rounded())
            let sign: Float = tag < 0 ? -1 : 1
            if var run = runs.last, run.sign == sign, run.capturedEnd == frame,
               abs(position - (run.last + 1)) <= tolerance {
                run.last = position
                run.capturedEnd = frame + 1
                runs[runs.count - 1] = run
            } else {
                runs.append(Run(sign: sign, first: position, last: position, capturedStart: frame, capturedEnd: frame + 1))
            }
        }
    }
}

enum Signal {
    /// The captured frames where the left channel is not silent, as one range (first to last sound).
    static func soundingFrames(_ stereo: [Float], threshold: Float = 1e-3) -> Range<Int>? {
        let frames = stereo.count / 2
        guard let first = (0..<frames).first(where: { abs(stereo[2 * $0]) > threshold }),
              let last = (0..<frames).last(where: { abs(stereo[2 * $0]) > threshold }) else { return nil }
        return first..<(last + 1)
    }

    /// Frequency of a pure tone from its rising zero crossings, interpolated between samples.
    static func frequency(_ samples: [Float], rate: Int) -> Double {
        var crossings: [Double] = []
        for i in 1..<samples.count where samples[i - 1] < 0 && samples[i] >= 0 {
            let fraction = Double(-samples[i - 1] / (samples[i] - samples[i - 1]))
            crossings.append(Double(i - 1) + fraction)
        }
        guard crossings.count > 1 else { return 0 }
        return Double(crossings.count - 1) * Double(rate) / (crossings.last! - crossings.first!)
    }

    static func left(_ stereo: [Float], frames: Range<Int>) -> [Float] {
        frames.map { stereo[2 * $0] }
    }
}
