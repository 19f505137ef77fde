import Foundation

/// The real `remix` executable, built next to the test bundle by `swift build --build-tests`.
public enum RemixBinary {
    public static var url: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("remix")
    }

    /// Runs `remix` with no terminal and collects everything it said.
    public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessOutcome {
        try Tool.execute(url, arguments, environment: environment)
    }
}
