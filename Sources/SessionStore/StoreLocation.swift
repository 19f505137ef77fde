import Foundation

/// Where the workbench keeps what it must never lose (the database) and what it can fetch again
/// (preview audio), following the XDG base directories.
public struct StoreLocation: Sendable, Hashable {
    public var dataDirectory: URL
    public var audioDirectory: URL

    public var databaseFile: URL { dataDirectory.appendingPathComponent("workbench.sqlite") }
    /// The leases of the processes that have the store open (see `OwnerLease`).
    var leaseDirectory: URL { dataDirectory.appendingPathComponent("workbench.sqlite.leases", isDirectory: true) }

    public init(dataDirectory: URL, audioDirectory: URL) {
        self.dataDirectory = dataDirectory
        self.audioDirectory = audioDirectory
    }

    /// `REMIX_DATA_DIR` puts everything in one folder (tests, portable setups); otherwise the
    /// database goes under `$XDG_DATA_HOME` and the audio under `$XDG_CACHE_HOME`.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> StoreLocation {
        if let override = environment["REMIX_DATA_DIR"], !override.isEmpty {
            let root = URL(fileURLWithPath: override, isDirectory: true)
            return StoreLocation(dataDirectory: root, audioDirectory: root.appendingPathComponent("previews", isDirectory: true))
        }
        let home = URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory(), isDirectory: true)
        func base(_ variable: String, _ fallback: String) -> URL {
            environment[variable].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0, isDirectory: true) : nil }
                ?? home.appendingPathComponent(fallback, isDirectory: true)
        }
        return StoreLocation(
            dataDirectory: base("XDG_DATA_HOME", ".local/share").appendingPathComponent("remix-workbench", isDirectory: true),
            audioDirectory: base("XDG_CACHE_HOME", ".cache").appendingPathComponent("remix-workbench/previews", isDirectory: true))
    }
}
