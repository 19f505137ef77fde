import Foundation

/// Runs reference command-line tools (mpg123, sox, flite, …) from tests and benchmarks.
public enum Tool {
    public struct Failure: Error, CustomStringConvertible {
        public let command: String
        public let status: Int32
        public let stderr: String
        public var description: String { "`\(command)` exited \(status): \(stderr)" }
    }

    /// Runs `executable` (looked up on PATH) and returns its standard output; throws on a non-zero exit.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], stdin: Data? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = stdin == nil ? FileHandle.nullDevice : input
        try process.run()
        if let stdin {
            try input.fileHandleForWriting.write(contentsOf: stdin)
            try input.fileHandleForWriting.close()
        }
        // Read both pipes concurrently so a chatty tool cannot fill one and stall.
        nonisolated(unsafe) var errData = Data()
        let errReader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        errReader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errReader.isFinished { usleep(1000) }
        guard process.terminationStatus == 0 else {
            throw Failure(
                command: ([executable] + arguments).joined(separator: " "), status: process.terminationStatus,
                stderr: String(decoding: errData, as: UTF8.self))
        }
        return outData
    }

    /// A fresh temporary directory, removed by the caller when done.
    public static func temporaryDirectory(_ prefix: String = "remix-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
