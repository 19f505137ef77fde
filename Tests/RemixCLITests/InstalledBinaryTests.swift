import Foundation
import Testing
import TestSupport

/// `remix` copied out of the build folder, alone or in the bin/ + share/ layout `make install` makes.
@Suite struct InstalledBinaryTests {
    static let assets = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/RemixEngine/Resources")

    /// The assets are found from the binary, so the environment must not name them.
    static let unset = ["REMIX_ASSETS_DIR": ""]

    @Test func aCopyWithoutItsAssetsSaysWhereItLooked() throws {
        let folder = try Tool.temporaryDirectory("remix-alone")
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("remix")
        try RemixBinary.copy(to: copy)

        let outcome = try RemixBinary.run(["voices"], environment: Self.unset, executable: copy)
        #expect(outcome.status != 0)
        #expect(outcome.stderrText.hasPrefix("error: "))
        #expect(outcome.stderrText.filter { $0 == "\n" }.count == 1, "\(outcome.stderrText)")
        #expect(outcome.stderrText.contains("voices.json"))
        #expect(outcome.stderrText.contains(folder.appendingPathComponent("RemixWorkbench_RemixEngine.resources").path))
        #expect(!outcome.stderrText.contains("Fatal error"))
    }

    @Test func anInstalledCopyFindsItsAssetsFromAnyFolder() throws {
        let prefix = try Tool.temporaryDirectory("remix-prefix")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let bin = prefix.appendingPathComponent("bin"), share = prefix.appendingPathComponent("share/remix-workbench")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: share, withIntermediateDirectories: true)
        let copy = bin.appendingPathComponent("remix")
        try RemixBinary.copy(to: copy)
        for asset in try FileManager.default.contentsOfDirectory(at: Self.assets, includingPropertiesForKeys: nil) {
            try FileManager.default.copyItem(at: asset, to: share.appendingPathComponent(asset.lastPathComponent))
        }
        let elsewhere = try Tool.temporaryDirectory("remix-elsewhere")
        defer { try? FileManager.default.removeItem(at: elsewhere) }

        let voices = try RemixBinary.run(["voices", "--json"], environment: Self.unset, executable: copy, workingDirectory: elsewhere)
        #expect(voices.status == 0, "\(voices.stderrText)")
        let body = try JSONSerialization.jsonObject(with: voices.stdout) as? [String: Any]
        let voice = try #require((body?["voices"] as? [[String: Any]])?.first?["voice_id"] as? String)

        let generated = try RemixBinary.run(
            ["generate", "--voice", voice, "--prompt", "a bit deeper", "--seed", "4", "--format", "pcm_8000", "--out", "out", "--json"],
            environment: Self.unset, executable: copy, workingDirectory: elsewhere)
        #expect(generated.status == 0, "\(generated.stderrText)")
        let written = try FileManager.default.contentsOfDirectory(atPath: elsewhere.appendingPathComponent("out").path)
        #expect(written.filter { $0.hasSuffix(".pcm") }.count == 3)
    }
}
