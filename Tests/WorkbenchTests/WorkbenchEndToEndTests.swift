import Foundation
import Testing
import TestSupport

/// The real `remix` binary in tmux on the local engine, playing into the private null sink: what a
/// person does in the workbench, checked on the screen, in the sound captured and in the store.
@Suite(.serialized) struct WorkbenchEndToEndTests {
    /// A store of the test's own, so "reopen the last session" starts from nothing.
    static func environment(_ data: URL, pulse: String? = ProcessInfo.processInfo.environment["PULSE_SERVER"]) -> [String: String] {
        var environment = ["REMIX_DATA_DIR": data.path]
        if let pulse { environment["PULSE_SERVER"] = pulse }
        return environment
    }

    // The whole test holds the sink: the workbench plays more than the part captured, and other suites'
    // captures must not hear it.
    @Test func theWholeLoopAt120x40() async throws {
        try MonitorCapture.requireServer()
        try await NullSinkLock.shared.withSink { try await Self.wholeLoop() }
    }

    static func wholeLoop() async throws {
        let data = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let tui = try TmuxSession([], width: 120, height: 40, environment: environment(data))
        try tui.waitFor(text: "Voice ─ ")

        try tui.type("older, much deeper and a bit slower")
        try tui.waitFor(text: "35/1000")
        try tui.press("Tab", "Tab", "Right")
        try tui.waitFor("guidance 2.5") { $0.contains("guidance") && $0.contains("2.5") }
        try tui.press("Down", "Left")
        try tui.waitFor(text: "0.45")
        try tui.press("Down", "Right")
        try tui.waitFor(text: "Medium")

        try tui.press("C-r")
        let listed = try tui.waitFor("three previews", seconds: 60) { TmuxSession.previewRows($0).count == 3 }
        #expect(listed.contains("Previews · iteration 1 of 1"))
        let sessions = try RemixBinary.run(["sessions", "list", "--json"], environment: environment(data))
        let sessionID = try #require(
            (try JSONSerialization.jsonObject(with: sessions.stdout) as? [[String: Any]])?.first?["id"] as? String,
            "the store has no session: \(sessions.stdoutText) \(sessions.stderrText)")
        #expect(listed.contains("session \(sessionID)"), "the status line does not show the session id")

        // Play the first preview and hear it.
        let heard = try await {
            let capture = try await MonitorCapture()
            try tui.press("Space")
            try tui.waitFor(text: "▶ 1")
            try tui.waitFor("position 00:01") { $0.contains("00:01 / 00:") || $0.contains("00:02 / 00:") }
            // A/B: the second preview goes on from where the first was.
            try tui.press("a")
            let switched = try tui.waitFor(text: "▶ 2")
            let row = switched.split(separator: "\n").first { $0.contains("▶ 2") } ?? ""
            let position = try #require(row.firstMatch(of: /(\d\d):(\d\d) \//), "no position on the playing row:\n\(switched)")
            #expect(Int(position.output.1)! * 60 + Int(position.output.2)! >= 1, "the switch started from the beginning:\n\(switched)")
            try tui.press("Space")
            return try await capture.stop()
        }()
        let peak = heard.map(abs).max() ?? 0
        #expect(peak > 0.05, "nothing was heard from the sink (peak \(peak))")

        // Keep the selected preview and find it in `remix voices`.
        try tui.press("s")
        try tui.waitFor(text: "Keep ")
        try tui.press("Enter")
        try tui.waitFor(text: "kept as")
        let voices = try RemixBinary.run(["voices", "--json"], environment: environment(data))
        #expect(voices.stdoutText.contains("\"category\":\"generated\""), "the kept voice is not listed: \(voices.stdoutText)")

        // Remix the kept voice.
        try tui.press("u")
        try tui.waitFor(text: "the next remix starts from")
        try tui.press("C-r")
        try tui.waitFor(text: "Previews · iteration 2 of 2", seconds: 60)

        // Reopen the first iteration and play it from the stored audio.
        try tui.press("Tab", "Up", "Enter")
        try tui.waitFor(text: "Previews · iteration 1 of 2")
        try tui.press("Space")
        try tui.waitFor(text: "▶ ")

        // Too small, then back.
        try tui.resize(width: 60, height: 20)
        try tui.waitFor(text: "remix needs at least 80 × 24")
        try tui.resize(width: 120, height: 40)
        try tui.waitFor(text: "Previews · iteration 1 of 2")

        try tui.press("q")
        let after = try tui.waitFor(text: "EXIT=0")
        let settings = after.split(separator: "\n").joined(separator: " ")
        #expect(settings.contains(" icanon") && !settings.contains("-icanon"), "the terminal was left without icanon")
        #expect(settings.contains(" echo") && !settings.contains("-echo "), "the terminal was left without echo")
    }

    @Test func theLoopFitsIn80x24() throws {
        let data = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let tui = try TmuxSession([], width: 80, height: 24, environment: Self.environment(data))
        try tui.waitFor(text: "Voice ─ ")
        try tui.type("much higher, faster")
        try tui.press("Tab", "Tab", "S-Right")
        try tui.waitFor(text: "5.0")
        try tui.press("C-r")
        let screen = try tui.waitFor("three previews", seconds: 60) { TmuxSession.previewRows($0).count == 3 }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count >= 24)
        #expect(lines.prefix(24).allSatisfy { $0.count <= 80 })
        #expect(screen.contains("guidance") && screen.contains("loudness") && screen.contains("prompt strength"))
        #expect(screen.contains("session ") && !screen.contains("session –"))
        try tui.press("q")
        try tui.waitFor(text: "EXIT=0")
    }

    @Test func aKilledWorkbenchLosesNoIteration() throws {
        let data = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let first = try TmuxSession([], width: 100, height: 30, environment: Self.environment(data))
        try first.waitFor(text: "Voice ─ ")
        try first.type("a bit older")
        try first.press("C-r")
        try first.waitFor(text: "Previews · iteration 1 of 1", seconds: 60)
        try first.press("C-r")
        try first.waitFor(text: "(0/3)")
        let pid = try #require(try first.remixProcessID())
        kill(pid, SIGKILL)
        try first.waitFor(text: "EXIT=137")

        let second = try TmuxSession([], width: 100, height: 30, environment: Self.environment(data))
        let reopened = try second.waitFor(text: "a bit older")
        #expect(reopened.contains("Previews · iteration 1 of"), "the first iteration did not come back:\n\(reopened)")
        #expect(TmuxSession.previewRows(reopened).count == 3)
        // Focus starts in the prompt, where q is a letter: Ctrl+C quits from anywhere.
        try second.press("C-c")
        try second.waitFor(text: "EXIT=0")
    }

    @Test func withoutASoundServerEverythingButPlayingWorks() throws {
        let data = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let missing = data.appendingPathComponent("no-such-server").path
        let tui = try TmuxSession([], width: 100, height: 30, environment: Self.environment(data, pulse: "unix:\(missing)"))
        try tui.waitFor(text: "Voice ─ ")
        try tui.type("slightly deeper")
        try tui.press("C-r")
        try tui.waitFor("three previews", seconds: 60) { TmuxSession.previewRows($0).count == 3 }
        try tui.press("Space")
        try tui.waitFor(text: "PulseAudio")
        try tui.press("q")
        try tui.waitFor(text: "EXIT=0")
    }

    /// Previews made in Ogg Opus (48 kHz, decoded by opusfile) play like the MP3 ones: the play head
    /// moves and the sink hears them.
    @Test func opusPreviewsPlay() async throws {
        try MonitorCapture.requireServer()
        try await NullSinkLock.shared.withSink {
            let data = try Tool.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: data) }
            let tui = try TmuxSession([], width: 120, height: 40, environment: Self.environment(data))
            try tui.waitFor(text: "Voice ─ ")
            try tui.type("slightly deeper")
            // The format row, one coarse step back from the default mp3_44100_192: round to the last format.
            try tui.press("Tab", "Tab", "Down", "Down", "Down", "Down", "H")
            try tui.waitFor(text: "opus_48000_192")
            try tui.press("C-r")
            try tui.waitFor("three previews", seconds: 60) { TmuxSession.previewRows($0).count == 3 }
            let sessions = try RemixBinary.run(["sessions", "list", "--json"], environment: Self.environment(data))
            let sessionID = try #require((try JSONSerialization.jsonObject(with: sessions.stdout) as? [[String: Any]])?.first?["id"] as? String)
            let stored = try RemixBinary.run(["sessions", "show", sessionID], environment: Self.environment(data)).stdoutText
            #expect(stored.contains("format opus_48000_192") && stored.contains(".opus"), "the previews are not Opus:\n\(stored)")
            let capture = try await MonitorCapture()
            try tui.press("Space")
            try tui.waitFor(text: "▶ 1")
            try tui.waitFor("position 00:01") { $0.contains("00:01 / 00:") || $0.contains("00:02 / 00:") }
            try tui.press("Space")
            let heard = try await capture.stop()
            let peak = heard.map(abs).max() ?? 0
            #expect(peak > 0.05, "nothing was heard from the sink (peak \(peak))")
            try tui.press("q")
            try tui.waitFor(text: "EXIT=0")
        }
    }

    /// The sound server goes away and comes back while the workbench stays open: Space says what is
    /// wrong, and plays once the server is there again, without a restart.
    @Test func playingWorksOnceTheSoundServerAppears() throws {
        let data = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let server = try ScratchPulseServer()
        server.kill()
        let tui = try TmuxSession([], width: 100, height: 30, environment: Self.environment(data, pulse: server.serverString))
        try tui.waitFor(text: "Voice ─ ")
        try tui.type("slightly deeper")
        try tui.press("C-r")
        try tui.waitFor("three previews", seconds: 60) { TmuxSession.previewRows($0).count == 3 }
        try tui.press("Space")
        try tui.waitFor(text: "PulseAudio")

        try server.start()
        try tui.press("Space")
        try tui.waitFor(text: "▶ 1")
        try tui.waitFor("position 00:01") { $0.contains("00:01 / 00:") || $0.contains("00:02 / 00:") }
        try tui.press("Space", "q")
        try tui.waitFor(text: "EXIT=0")
    }

    /// Esc stops the remix in flight: the screen says so at once, the iteration is kept in the session
    /// as cancelled rather than left pending, and the next Ctrl+R works.
    @Test func escCancelsTheRemixInFlight() throws {
        let data = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let tui = try TmuxSession([], width: 100, height: 30, environment: Self.environment(data))
        try tui.waitFor(text: "Voice ─ ")
        try tui.type("much older and a bit slower")
        try tui.press("C-r")
        try tui.waitFor(text: "(0/3)")
        try tui.press("Escape")
        let cancelled = try tui.waitFor(text: "cancelled", seconds: 30)
        #expect(TmuxSession.previewRows(cancelled).isEmpty, "previews listed after a cancel:\n\(cancelled)")

        let shown = try RemixBinary.run(["sessions", "list", "--json"], environment: Self.environment(data))
        let sessionID = try #require(
            (try JSONSerialization.jsonObject(with: shown.stdout) as? [[String: Any]])?.first?["id"] as? String,
            "the cancelled remix has no session: \(shown.stdoutText) \(shown.stderrText)")
        let session = try RemixBinary.run(["sessions", "show", sessionID], environment: Self.environment(data))
        #expect(session.stdoutText.contains("failed") && session.stdoutText.contains("cancelled"), "the store does not say cancelled:\n\(session.stdoutText)")

        try tui.press("C-r")
        try tui.waitFor("three previews after the cancel", seconds: 60) { TmuxSession.previewRows($0).count == 3 }
        try tui.press("C-c")
        try tui.waitFor(text: "EXIT=0")
    }

    /// A monochrome terminal without colour still gets the whole workbench; SIGTERM quits it with the
    /// terminal given back.
    @Test func aMonochromeTerminalWorksAndSIGTERMRestoresIt() throws {
        let data = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        var environment = Self.environment(data)
        environment["TERM"] = "vt100"
        environment["NO_COLOR"] = "1"
        let tui = try TmuxSession([], width: 80, height: 24, environment: environment)
        try tui.waitFor(text: "Voice ─ ")
        try tui.type("a bit younger")
        try tui.waitFor(text: "13/1000")
        let pid = try #require(try tui.remixProcessID())
        kill(pid, SIGTERM)
        let after = try tui.waitFor(text: "EXIT=143")
        let settings = after.split(separator: "\n").joined(separator: " ")
        #expect(settings.contains(" icanon") && !settings.contains("-icanon"), "the terminal was left without icanon")
        #expect(settings.contains(" echo") && !settings.contains("-echo "), "the terminal was left without echo")
    }

    @Test func withoutATerminalItSaysSoAndFails() throws {
        let outcome = try RemixBinary.run([])
        #expect(outcome.status != 0)
        #expect(outcome.stderrText.hasPrefix("error: the workbench needs a terminal"))
        #expect(outcome.stderrText.split(separator: "\n").count == 1)
    }
}
