import Foundation
import Testing
import TestSupport

/// Ctrl+C during `remix generate` cancels the remix instead of killing the process mid-write: the
/// command ends saying so, and the store holds the iteration as cancelled rather than pending.
@Suite struct GenerateInterruptTests {
    /// The longest script, so the remix is still running when the interrupt comes.
    static let longText = String(
        String(repeating: "The keeper climbed the spiral stairs every evening and lit the lamp for the boats. ", count: 13)
            .prefix(1000))

    @Test func ctrlCCancelsTheRemixAndTheStoreSaysSo() throws {
        let data = try Tool.temporaryDirectory()
        let environment = RemixBinary.isolatedEnvironment.merging(["REMIX_DATA_DIR": data.path]) { $1 }
        let listed = try RemixBinary.run(["voices", "--json"], environment: environment)
        let voices = (try JSONSerialization.jsonObject(with: listed.stdout) as? [String: Any])?["voices"] as? [[String: Any]]
        let voice = try #require(voices?.first?["voice_id"] as? String)

        // A shell sends the SIGINT a terminal would send on Ctrl+C, once the remix is under way.
        let script = #""$0" generate --voice "$1" --prompt "much older and slower" --text "$2" --out "$3" & pid=$!; sleep 2; kill -INT $pid; wait $pid"#
        let outcome = try Tool.execute(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", script, RemixBinary.url.path, voice, Self.longText, data.appendingPathComponent("out").path],
            environment: environment)
        #expect(outcome.status == 1)
        #expect(outcome.stderrText == "error: cancelled\n")

        let sessions = try RemixBinary.run(["sessions", "list"], environment: environment)
        let sessionID = try #require(sessions.stdoutText.split(separator: "\n").dropFirst().first?.split(separator: " ").first)
        let shown = try RemixBinary.run(["sessions", "show", String(sessionID)], environment: environment)
        #expect(shown.stdoutText.contains("failed: cancelled"), "\(shown.stdoutText)")
        #expect(!shown.stdoutText.contains("pending"))
    }
}
