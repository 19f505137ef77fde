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

    /// The workbench on `data`'s store with `prompt` remixed: the tmux session and the screen with the
    /// three previews listed.
    static func remixed(
        _ prompt: String, in data: URL, width: Int = 100, height: Int = 30,
        pulse: String? = ProcessInfo.processInfo.environment["PULSE_SERVER"]
    ) throws -> (tui: TmuxSession, screen: String) {
        let tui = try TmuxSession([], width: width, height: height, environment: environment(data, pulse: pulse))
        try tui.waitFor(text: "Voice ─ ")
        try tui.type(prompt)
        try tui.press("C-r")
        return (tui, try tui.waitFor("three previews", seconds: 60) { TmuxSession.previewRows($0).count == 3 })
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
            (try JSONSerialization.jsonObject(with: sessions.stdout) as? [[String: Any]])?.first?["remixing_session_id"] as? String,
            "the store has no session: \(sessions.stdoutText) \(sessions.stderrText)")
        #expect(listed.contains("session \(sessionID)"), "the status line does not show the session id")
        // Each take's shape, measured from its audio once it is decoded.
        let shapes = try tui.waitFor("three shapes") { $0.components(separatedBy: " LUFS  peak ").count == 4 }
        #expect(shapes.contains(" dBFS"))

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

    /// The prompt help on the local engine: an ignored word is reported while typing, before any remix,
    /// and a phrase from the palette goes into the prompt and into the remix.
    @Test func thePromptIsExplainedWhileTypingAndThePaletteInserts() throws {
        let data = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let tui = try TmuxSession([], width: 100, height: 30, environment: Self.environment(data))
        try tui.waitFor(text: "Voice ─ ")
        try tui.type("older and wobbly")
        try tui.waitFor("the explanation") { $0.contains("next: older") && $0.contains("ignored: wobbly") }
        try tui.press("C-p")
        try tui.waitFor(text: "Prompt palette")
        try tui.type("breathy")
        try tui.press("Enter")
        try tui.waitFor(text: "older and wobbly, breathy")
        try tui.press("C-r")
        try tui.waitFor("three previews", seconds: 60) { TmuxSession.previewRows($0).count == 3 }
        let sessions = try RemixBinary.run(["sessions", "list", "--json"], environment: Self.environment(data))
        let sessionID = try #require(
            (try JSONSerialization.jsonObject(with: sessions.stdout) as? [[String: Any]])?.first?["remixing_session_id"] as? String)
        let shown = try RemixBinary.run(["sessions", "show", sessionID, "--json"], environment: Self.environment(data))
        let iterations = try JSONSerialization.jsonObject(with: shown.stdout) as? [[String: Any]]
        let interpretation = try #require(iterations?.first?["interpretation"] as? String, "no interpretation stored: \(shown.stdoutText)")
        #expect(interpretation.contains("breathy") && interpretation.contains("wobbly"), "\(interpretation)")
        try tui.press("C-c")
        try tui.waitFor(text: "EXIT=0")
    }

    @Test func aKilledWorkbenchLosesNoIteration() throws {
        let data = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let first = try Self.remixed("a bit older", in: data).tui
        try first.press("C-r")
        try first.waitFor(text: "(0/3)")
        let pid = try #require(try first.remixProcessID())
        kill(pid, SIGKILL)
        try first.waitFor(text: "EXIT=137")

        let second = try TmuxSession([], width: 100, height: 30, environment: Self.environment(data))
        // Waited for whole: a capture can fall between the lines of one redraw on a busy machine.
        let reopened = try second.waitFor("the first iteration and its three previews") {
            $0.contains("a bit older") && $0.contains("Previews · iteration 1 of") && TmuxSession.previewRows($0).count == 3
        }
        #expect(reopened.contains("✗ a bit older"), "the killed iteration is listed as not done:\n\(reopened)")
        // Focus starts in the prompt, where q is a letter: Ctrl+C quits from anywhere.
        try second.press("C-c")
        try second.waitFor(text: "EXIT=0")
    }

    @Test func withoutASoundServerEverythingButPlayingWorks() throws {
        let data = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let missing = data.appendingPathComponent("no-such-server").path
        let tui = try Self.remixed("slightly deeper", in: data, pulse: "unix:\(missing)").tui
        try tui.press("Space")
        try tui.waitFor(text: "PulseAudio")
        try tui.press("q")
        try tui.waitFor(text: "EXIT=0")
    }

    /// The mouse: a double click on the second preview plays it, and it is heard.
    @Test func aDoubleClickOnAPreviewPlaysIt() async throws {
        try MonitorCapture.requireServer()
        try await NullSinkLock.shared.withSink {
            let data = try Tool.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: data) }
            let (tui, listed) = try Self.remixed("a bit brighter", in: data, width: 120, height: 40)
            let lines = listed.split(separator: "\n", omittingEmptySubsequences: false)
            let second = try #require(lines.firstIndex { $0.contains("  2  ") && $0.contains(" s  ") }, "no second preview row:\n\(listed)")
            let column = try #require(lines[second].range(of: "2  ")).lowerBound.utf16Offset(in: lines[second])
            let heard = try await {
                let capture = try await MonitorCapture()
                try tui.click(x: column, y: second)
                try tui.click(x: column, y: second)
                try tui.waitFor(text: "▶ 2")
                try tui.waitFor("position 00:01") { $0.contains("00:01 / 00:") || $0.contains("00:02 / 00:") }
                try tui.press("Space")
                return try await capture.stop()
            }()
            let peak = heard.map(abs).max() ?? 0
            #expect(peak > 0.05, "nothing was heard from the sink (peak \(peak))")
            try tui.press("q")
            try tui.waitFor(text: "EXIT=0")
        }
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
            let sessionID = try #require((try JSONSerialization.jsonObject(with: sessions.stdout) as? [[String: Any]])?.first?["remixing_session_id"] as? String)
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

    /// Remix twice, reopen the first, remix again: the third hangs beside the second under the first,
    /// in the history and in `remix sessions show`.
    @Test func aRemixFromAnEarlierIterationBranches() throws {
        let data = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let tui = try TmuxSession([], width: 120, height: 40, environment: Self.environment(data))
        try tui.waitFor(text: "Voice ─ ")
        try tui.type("a bit older")
        try tui.press("C-r")
        try tui.waitFor(text: "Previews · iteration 1 of 1", seconds: 60)
        try tui.press("C-r")
        try tui.waitFor(text: "Previews · iteration 2 of 2", seconds: 60)
        try tui.press("Tab", "Up", "Enter")
        try tui.waitFor(text: "Previews · iteration 1 of 2")
        try tui.press("C-r")
        let branched = try tui.waitFor(text: "Previews · iteration 3 of 3", seconds: 60)
        let history = branched.split(separator: "\n").filter { $0.contains("├─ ") || $0.contains("└─ ") }
        #expect(history.count == 2 && history[0].contains(" 2 ") && history[1].contains(" 3 "), "no branch in the history:\n\(branched)")

        let sessions = try RemixBinary.run(["sessions", "list", "--json"], environment: Self.environment(data))
        let sessionID = try #require(
            (try JSONSerialization.jsonObject(with: sessions.stdout) as? [[String: Any]])?.first?["remixing_session_id"] as? String)
        let shown = try RemixBinary.run(["sessions", "show", sessionID], environment: Self.environment(data))
        let heads = shown.stdoutText.split(separator: "\n").filter { $0.contains("#") }
        #expect(heads.count == 3 && heads[1].hasPrefix("├─ #2 ") && heads[2].hasPrefix("└─ #3 "), "not a tree:\n\(shown.stdoutText)")

        // Rate the first take of the branch twice up; the store has it.
        try tui.type("++")
        try tui.waitFor(text: "rated +2")
        // The store is written off the UI thread, just after the screen says so.
        var ratings: [Int?]?
        for _ in 0..<50 where ratings != [2, 0, 0] {
            let rated = try RemixBinary.run(["sessions", "show", sessionID, "--json"], environment: Self.environment(data))
            let iterations = try JSONSerialization.jsonObject(with: rated.stdout) as? [[String: Any]]
            ratings = (iterations?.last?["previews"] as? [[String: Any]])?.map { $0["rating"] as? Int }
            if ratings != [2, 0, 0] { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(ratings == [2, 0, 0])
        try tui.press("q")
        try tui.waitFor(text: "EXIT=0")
    }

    /// Find a base voice by a label in the picker, pick it, and remix it.
    @Test func aVoiceFoundByItsLabelInThePickerIsRemixed() throws {
        let data = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let tui = try TmuxSession([], width: 100, height: 30, environment: Self.environment(data))
        try tui.waitFor(text: "Voice ─ ")
        try tui.type("a bit older")
        try tui.press("Tab", "Tab", "v")
        try tui.waitFor(text: "Base voice · type to search")
        try tui.type("scottish")
        let found = try tui.waitFor("the three Scottish voices") { $0.contains("/ scottish") && $0.contains("3 of 3") }
        let rows = found.split(separator: "\n").filter { $0.contains("premade") }
        #expect(rows.count == 3 && rows[0].contains("Alasdair") && rows[1].contains("Declan") && rows[2].contains("Morag"),
                "not the Scottish voices by name:\n\(found)")
        try tui.press("Down", "Down", "Enter")
        try tui.waitFor(text: "Voice ─ Morag · scottish · female")
        try tui.press("C-r")
        try tui.waitFor("three previews", seconds: 60) { TmuxSession.previewRows($0).count == 3 }

        let morag = try RemixBinary.run(["voices", "--search", "morag", "--json"], environment: Self.environment(data))
        let voiceID = try #require(((try JSONSerialization.jsonObject(with: morag.stdout) as? [String: Any])?["voices"] as? [[String: Any]])?.first?["voice_id"] as? String)
        let sessions = try RemixBinary.run(["sessions", "list", "--json"], environment: Self.environment(data))
        let remixed = (try JSONSerialization.jsonObject(with: sessions.stdout) as? [[String: Any]])?.first?["voice_id"] as? String
        #expect(remixed == voiceID, "the remix was not of the picked voice: \(sessions.stdoutText)")
        try tui.press("q")
        try tui.waitFor(text: "EXIT=0")
    }

    /// The sound server goes away and comes back while the workbench stays open: Space says what is
    /// wrong, and plays once the server is there again, without a restart.
    @Test func playingWorksOnceTheSoundServerAppears() throws {
        let data = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: data) }
        let server = try ScratchPulseServer()
        server.kill()
        let tui = try Self.remixed("slightly deeper", in: data, pulse: server.serverString).tui
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
            (try JSONSerialization.jsonObject(with: shown.stdout) as? [[String: Any]])?.first?["remixing_session_id"] as? String,
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
