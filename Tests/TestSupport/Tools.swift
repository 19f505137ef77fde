import Foundation

/// The result of running a program to completion.
public struct ProcessOutcome: Sendable {
    public let status: Int32
    public let stdout: Data
    public let stderr: Data

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs reference command-line tools (mpg123, sox, flite, …) and the project's own binaries from
/// tests and benchmarks.
public enum Tool {
    public struct Failure: Error, CustomStringConvertible {
        public let command: String
        public let status: Int32
        public let stderr: String
        public var description: String { "`\(command)` exited \(status): \(stderr)" }
    }

    /// Runs `executable` to completion, feeding it `stdin` (or nothing) and collecting both outputs.
    public static func execute(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil,
        workingDirectory: URL? = nil
    ) throws -> ProcessOutcome {
        let process = Process()
        process.executableURL = executable
        process.currentDirectoryURL = workingDirectory
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        // Feed and drain on other threads so a chatty tool can never fill a pipe and stall.
        let feeder = stdin.map { data in
            Thread {
                try? input.fileHandleForWriting.write(contentsOf: data)
                try? input.fileHandleForWriting.close()
            }
        }
        feeder?.start()
        nonisolated(unsafe) var errData = Data()
        let errReader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        errReader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errReader.isFinished || !(feeder?.isFinished ?? true) { usleep(1000) }
        return ProcessOutcome(status: process.terminationStatus, stdout: outData, stderr: errData)
    }

    /// Runs `executable` (looked up on PATH) and returns its standard output; throws on a non-zero exit.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], stdin: Data? = nil) throws -> Data {
        let outcome = try execute(URL(fileURLWithPath: "/usr/bin/env"), [executable] + arguments, stdin: stdin)
        guard outcome.status == 0 else {
            throw Failure(
                command: ([executable] + arguments).joined(separator: " "), status: outcome.status,
                stderr: outcome.stderrText)
        }
        return outcome.stdout
    }

    /// A fresh temporary directory, removed by the caller when done.
    public static func temporaryDirectory(_ prefix: String = "remix-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
