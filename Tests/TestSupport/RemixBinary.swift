import Foundation

/// The real `remix` executable, built next to the test bundle by `swift build --build-tests`.
public enum RemixBinary {
    public static var url: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("remix")
    }

    /// Runs `remix` (or a copy of it at `executable`) with no terminal and collects everything it said.
    /// Unless the caller names one, the session store is a folder of this test run's, never the person's own.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil, executable: URL = url,
        workingDirectory: URL? = nil
    ) throws -> ProcessOutcome {
        try Tool.execute(
            executable, arguments, environment: isolatedEnvironment.merging(environment) { $1 }, stdin: stdin,
            workingDirectory: workingDirectory)
    }

    /// Copies the binary to `destination`, writing it through a close-on-exec descriptor: a child another
    /// test spawns meanwhile would otherwise inherit the descriptor open for writing and keep it for its
    /// whole life, and while it lives the copy cannot be run ("Text file busy").
    public static func copy(to destination: URL) throws {
        let bytes = try Data(contentsOf: url, options: .alwaysMapped)
        let descriptor = open(destination.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path]) }
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path]) }
                offset += written
            }
        }
    }

    /// A store of this test run's and no API key, so a test never touches the person's own.
    public static var isolatedEnvironment: [String: String] {
        [
            "REMIX_DATA_DIR": testDataDirectory.path, "ELEVENLABS_API_KEY": "",
            "REMIX_CONFIG": testDataDirectory.appendingPathComponent("config").path,
        ]
    }

    /// Beside the binary, emptied when a test run first uses it, so runs leave nothing in the temporary folder.
    static let testDataDirectory: URL = {
        let directory = url.deletingLastPathComponent().appendingPathComponent("remix-test-data")
        try? FileManager.default.removeItem(at: directory)
        return directory
    }()
}
