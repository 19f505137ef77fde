import Foundation
import Testing
import TestSupport

/// A session as a tree from the command line: `--session` continues after the latest iteration,
/// `--branch-from` starts a branch at an earlier one, and `sessions show` draws what was made.
@Suite struct BranchTests {
    @Test func branchFromMakesATreeThatSessionsShowDraws() throws {
        let folder = try Tool.temporaryDirectory("branches")
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["REMIX_DATA_DIR": folder.path]
        func generate(_ prompt: String, _ extra: [String]) throws -> [String: Any] {
            let run = try RemixBinary.run(
                ["generate", "--voice", "h724wBzjFfxt94n73jNP", "--prompt", prompt, "--format", "pcm_8000",
                 "--out", folder.appendingPathComponent("out").path, "--json"] + extra,
                environment: environment)
            #expect(run.status == 0, "\(run.stderrText)")
            return try #require(try JSONSerialization.jsonObject(with: run.stdout) as? [String: Any])
        }
        let first = try generate("a bit older", [])
        let session = try #require(first["remixing_session_id"] as? String)
        let firstID = try #require(first["remixing_session_iteration_id"] as? String)
        _ = try generate("much older", ["--session", session])
        _ = try generate("a bit younger", ["--branch-from", firstID])

        let shown = try RemixBinary.run(["sessions", "show", session], environment: environment)
        let heads = shown.stdoutText.split(separator: "\n").filter { $0.contains("#") }.map(String.init)
        #expect(heads.count == 3, "\(shown.stdoutText)")
        #expect(heads.count == 3 && heads[0].hasPrefix("#1 ") && heads[1].hasPrefix("├─ #2 ") && heads[2].hasPrefix("└─ #3 "),
                "not drawn as a tree:\n\(shown.stdoutText)")

        let json = try RemixBinary.run(["sessions", "show", session, "--json"], environment: environment)
        let iterations = try #require(try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]])
        #expect(iterations.map { $0["parent_local_id"] as? Int } == [nil, iterations[0]["local_id"] as? Int, iterations[0]["local_id"] as? Int])
        #expect(iterations.last?["parent_remixing_session_iteration_id"] as? String == firstID)
    }

    @Test func anUnknownBranchPointIsOneLineAndNothingIsSent() throws {
        let folder = try Tool.temporaryDirectory("branches")
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try RemixBinary.run(
            ["generate", "--voice", "h724wBzjFfxt94n73jNP", "--prompt", "a bit older", "--branch-from", "NoSuchIteration00000"],
            environment: ["REMIX_DATA_DIR": folder.path])
        #expect(run.status != 0)
        #expect(run.stderrText.hasPrefix("error: --branch-from: no stored iteration has the id NoSuchIteration00000"))
        #expect(run.stderrText.split(separator: "\n").count == 1)
        let sessions = try RemixBinary.run(["sessions", "--json"], environment: ["REMIX_DATA_DIR": folder.path])
        #expect(sessions.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }
}
