import Foundation
import Testing
import TestSupport

/// The real `remix` binary on the local engine, run again and again on one store, killed as a person
/// or a crash would: every take it printed is kept and playable, nothing is left pending or orphaned.
/// The store is read with the sqlite3 tool, as anyone could read it.
@Suite struct StoreSurvivesKillsTests {
    let folder: URL
    let environment: [String: String]

    init() throws {
        folder = try Tool.temporaryDirectory("store-kills")
        environment = ["REMIX_DATA_DIR": folder.path]
    }

    var database: String { folder.appendingPathComponent("workbench.sqlite").path }
    var previews: URL { folder.appendingPathComponent("previews") }

    static let script =
        "The lighthouse keeper climbed the stairs each evening, counting the steps and listening to the sea below the rocks."

    func sql(_ query: String) throws -> [String] {
        let output = try Tool.run("sqlite3", ["-cmd", ".timeout 10000", database, query])
        return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    func firstVoice() throws -> String {
        let listed = try RemixBinary.run(["voices", "--json"], environment: environment)
        let voices = (try JSONSerialization.jsonObject(with: listed.stdout) as? [String: Any])?["voices"] as? [[String: Any]]
        return try #require(voices?.first?["voice_id"] as? String)
    }

    func generate(_ voice: String, seed: Int, session: String? = nil, backend: String? = nil) -> [String] {
        ["generate", "--voice", voice, "--prompt", "slightly deeper and slower", "--text", Self.script, "--seed", String(seed),
         "--out", folder.appendingPathComponent("out").path, "--json"]
            + (session.map { ["--session", $0] } ?? []) + (backend.map { ["--backend", $0] } ?? [])
    }

    /// The `remixing_session_id` and `remixing_session_iteration_id` a finished run printed, if it printed them.
    func printed(_ outcome: ProcessOutcome) -> (session: String, iteration: String)? {
        guard let summary = try? JSONSerialization.jsonObject(with: outcome.stdout) as? [String: Any],
            let session = summary["remixing_session_id"] as? String, let iteration = summary["remixing_session_iteration_id"] as? String
        else { return nil }
        return (session, iteration)
    }

    /// The stored audio of the iteration the backend named `iteration`, in order.
    func audio(ofIteration iteration: String) throws -> [String] {
        try sql("SELECT p.audio_file FROM preview p JOIN iteration i ON i.local_id = p.iteration_local_id WHERE i.id = '\(iteration)' ORDER BY p.position")
    }

    func expectPlayable(_ files: [String], _ comment: Comment) throws {
        #expect(files.count == 3, comment)
        for file in files {
            #expect(FileManager.default.fileExists(atPath: file), comment)
            let decoded = try ReferenceDecoder.mp3(URL(fileURLWithPath: file))
            #expect(decoded.duration > 1, comment)
        }
    }

    /// Waits until the store holds `count` pending iterations (each a process waiting on its backend).
    func waitForPending(_ count: Int) throws {
        for _ in 0..<3000 {
            if FileManager.default.fileExists(atPath: database),
                try sql("SELECT count(*) FROM iteration WHERE status = 'pending'") == [String(count)] { return }
            usleep(20_000)
        }
        Issue.record("never saw \(count) pending iterations")
    }

    @Test func theSameRequestAndSeedInOneSessionAndInTwoKeepsEveryTake() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let voice = try firstVoice()
        func run(session: String?) throws -> (session: String, iteration: String) {
            let outcome = try RemixBinary.run(generate(voice, seed: 3, session: session), environment: environment)
            #expect(outcome.status == 0, "\(outcome.stderrText)")
            return try #require(printed(outcome))
        }
        let first = try run(session: nil)
        let runs = [first, try run(session: first.session), try run(session: nil)]
        #expect(runs[1].session == first.session && runs[2].session != first.session)

        let ids = try runs.map { try sql("SELECT p.generated_voice_id FROM preview p JOIN iteration i ON i.local_id = p.iteration_local_id WHERE i.id = '\($0.iteration)' ORDER BY p.position") }
        #expect(ids[0].count == 3 && ids[1] == ids[0] && ids[2] == ids[0], "the same request and seed give the same generated ids")
        for run in runs { try expectPlayable(try audio(ofIteration: run.iteration), "iteration \(run.iteration)") }
    }

    @Test func aRunKilledWhileWaitingIsInterruptedAndShownWhileARunningOneIsLeftAlone() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let backend = try SilentServer()
        let voice = try firstVoice()
        let killed = try Tool.start(RemixBinary.url, generate(voice, seed: 1, backend: backend.url),
                                    environment: RemixBinary.isolatedEnvironment.merging(environment) { $1 })
        try waitForPending(1)
        let running = try Tool.start(RemixBinary.url, generate(voice, seed: 2, backend: backend.url),
                                     environment: RemixBinary.isolatedEnvironment.merging(environment) { $1 })
        try waitForPending(2)
        killed.kill(SIGKILL)
        #expect(killed.wait().status == 128 + SIGKILL)

        let listed = try RemixBinary.run(["sessions", "--json"], environment: environment)
        #expect(listed.status == 0, "\(listed.stderrText)")
        #expect(try sql("SELECT status FROM iteration ORDER BY local_id") == ["interrupted", "pending"],
                "the killed run is interrupted, the running one untouched")
        let sessions = try #require(try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: Any]])
        let session = try #require(sessions.first?["remixing_session_id"] as? String)
        let shown = try RemixBinary.run(["sessions", "show", session], environment: environment)
        #expect(shown.status == 0, "\(shown.stderrText)")
        #expect(shown.stdoutText.contains("  interrupted  "))
        #expect(shown.stdoutText.contains("interrupted: the process that sent it ended before the answer was stored (found "))

        running.kill(SIGKILL)
        _ = running.wait()
        _ = try RemixBinary.run(["sessions"], environment: environment)
        #expect(try sql("SELECT status FROM iteration ORDER BY local_id") == ["interrupted", "interrupted"])
        let leases = folder.appendingPathComponent("workbench.sqlite.leases").path
        #expect(try FileManager.default.contentsOfDirectory(atPath: leases).isEmpty, "killed runs' leases are cleared")
    }

    /// kill -9 at random moments of 20 runs (the same seed throughout, half of them in one session).
    @Test func killedAtRandomMomentsEveryPrintedTakeIsDoneAndNothingIsLeft() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let voice = try firstVoice()
        let started = Date()
        let whole = try RemixBinary.run(generate(voice, seed: 4), environment: environment)
        let runTime = Date().timeIntervalSince(started)
        let first = try #require(printed(whole), "\(whole.stderrText)")

        var finished: [String] = []
        for run in 0..<20 {
            let process = try Tool.start(
                RemixBinary.url, generate(voice, seed: 4, session: run.isMultiple(of: 2) ? first.session : nil),
                environment: RemixBinary.isolatedEnvironment.merging(environment) { $1 })
            Thread.sleep(forTimeInterval: runTime * Double.random(in: 0...1.2))
            process.kill(SIGKILL)
            if let done = printed(process.wait()) { finished.append(done.iteration) }
        }
        print("20 runs killed at random within 1.2 × \(String(format: "%.2f s", runTime)): \(finished.count) printed their result")

        // The next start settles what the killed runs left.
        #expect(try RemixBinary.run(["sessions"], environment: environment).status == 0)
        #expect(try sql("PRAGMA integrity_check") == ["ok"])
        #expect(try sql("SELECT count(*) FROM iteration WHERE status NOT IN ('done', 'interrupted', 'failed')") == ["0"])
        // A run killed after storing its take but before printing it is done too: the take is kept.
        #expect(try Int(sql("SELECT count(*) FROM iteration WHERE status = 'done'").first ?? "") ?? 0 >= finished.count + 1)
        for iteration in finished + [first.iteration] {
            #expect(try sql("SELECT status FROM iteration WHERE id = '\(iteration)'") == ["done"])
        }
        for localID in try sql("SELECT local_id FROM iteration WHERE status = 'done'") {
            let files = try sql("SELECT audio_file FROM preview WHERE iteration_local_id = \(localID) ORDER BY position")
            try expectPlayable(files, "iteration \(localID)")
        }
        let named = Set(try sql("SELECT audio_file FROM preview").map { URL(fileURLWithPath: $0).lastPathComponent })
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: previews.path)).subtracting([".store"])
        #expect(present == named, "no orphan audio or temporary file is left")
        let leases = folder.appendingPathComponent("workbench.sqlite.leases").path
        #expect(try FileManager.default.contentsOfDirectory(atPath: leases).isEmpty)
    }
}
