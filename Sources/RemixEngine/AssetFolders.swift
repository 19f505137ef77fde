import Foundation

/// Where the engine's JSON assets are looked for, in order. `Bundle.module` is not used: it traps
/// when its bundle is not where the build left it, so a copied or installed `remix` would crash
/// instead of saying what is missing.
enum AssetFolders {
    static let searched: [URL] = searched(environment: ProcessInfo.processInfo.environment, executable: executable)

    static func searched(environment: [String: String], executable: URL?) -> [URL] {
        // A folder named on purpose is the only one: silently falling back would hide a wrong setting.
        if let named = environment["REMIX_ASSETS_DIR"], !named.isEmpty {
            return [URL(fileURLWithPath: named, isDirectory: true)]
        }
        guard let directory = executable?.deletingLastPathComponent() else { return [] }
        return [
            // SwiftPM's resource bundle, beside the binary in the build folder.
            directory.appendingPathComponent("RemixWorkbench_RemixEngine.resources/Resources", isDirectory: true),
            // Where `make install` puts them: PREFIX/bin/remix and PREFIX/share/remix-workbench.
            directory.deletingLastPathComponent().appendingPathComponent("share/remix-workbench", isDirectory: true)
                .standardizedFileURL,
        ]
    }

    /// The running binary with symlinks resolved, so a `remix` linked into a folder on PATH finds the
    /// assets beside the real file.
    private static var executable: URL? {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return URL(fileURLWithPath: path)
        }
        return Bundle.main.executableURL?.resolvingSymlinksInPath()
    }
}
