import Foundation

/// Records what the private null sink plays, from `null.monitor`, with `parec` in a child process.
public final class MonitorCapture: @unchecked Sendable {
    public static let rate = 44100
    private let process = Process()
    private let pipe = Pipe()
    // Written by the reader thread, read after it finished; `finished` orders the two.
    private var data = Data()
    private let finished = DispatchSemaphore(value: 0)

    public struct MissingSoundServer: Error, CustomStringConvertible {
        public let description =
            "PULSE_SERVER is not set: run the audio tests under scripts/with-private-pulseaudio (make test does)"
    }

    /// Fails the test when the private sound server is missing, instead of passing without hearing anything.
    public static func requireServer() throws {
        guard ProcessInfo.processInfo.environment["PULSE_SERVER"] != nil else { throw MissingSoundServer() }
    }

    /// Starts recording and leaves a lead, so the monitor stream is running before anything plays.
    public init() async throws {
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
    public func stop() async throws -> [Float] {
        try await Task.sleep(for: .seconds(1))
        // SIGKILL, because the child inherits the test runner's blocked signals and would ignore SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        finished.wait()
        return [Float](float32LittleEndian: data)
    }
}
