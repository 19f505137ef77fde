import Foundation
import Testing
import TestSupport

/// The official ElevenLabs Python SDK (installed by `make deps` into `.venv-sdk`) against the real
/// `remix serve`: what a developer pointing `base_url` at it would see.
@Suite struct OfficialSDKTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func theSDKRemixesStreamsKeepsAndSeesTheErrorsItExpects() throws {
        let python = Self.packageRoot.appendingPathComponent(".venv-sdk/bin/python")
        try #require(FileManager.default.isExecutableFile(atPath: python.path), "run `make deps` to install the SDK")
        let server = try ServedRemix()
        let script = Self.packageRoot.appendingPathComponent("Tests/RemixServerTests/SDK/conformance.py")
        let outcome = try Tool.execute(python, [script.path, server.baseURL.absoluteString])
        #expect(outcome.status == 0, "\(outcome.stdoutText)\(outcome.stderrText)")
        let lines = outcome.stdoutText.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("ok ") }.count == 15, "\(outcome.stdoutText)")
        #expect(lines.last == "0 failed")
    }
}
