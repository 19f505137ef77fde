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
