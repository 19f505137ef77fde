import Foundation
import TestSupport

/// The workbench as a person feels it, each figure beside its reference from the same run: idle CPU,
/// bytes sent to the terminal per typed character, Space to first sound, Ctrl+R to three previews
/// listed, and memory with three previews decoded. Drives the release `remix` in tmux on the local
/// engine; needs the private PulseAudio of `make bench`.
func runWorkbenchBenchmark() throws {
    let data = try Tool.temporaryDirectory("remix-bench-workbench")
    defer { try? FileManager.default.removeItem(at: data) }
    let environment = ["REMIX_DATA_DIR": data.path, "PULSE_SERVER": ProcessInfo.processInfo.environment["PULSE_SERVER"] ?? ""]
    let tui = try TmuxSession(["--new"], width: 120, height: 40, environment: environment)
    try tui.waitFor(text: "Voice ─ ")
    guard let pid = try tui.remixProcessID() else { throw BenchmarkFailure("no remix process in the tmux pane") }

    // Idle CPU, beside `less` idling in a pane of the same size.
    let pager = try TmuxSession([], width: 120, height: 40, command: ["less", "/etc/services"])
    Thread.sleep(forTimeInterval: 1)
    guard let lessPID = try pager.processID(named: "less") else { throw BenchmarkFailure("no less in the tmux pane") }
    let (idle, lessIdle) = try cpuShare(of: pid, and: lessPID, over: 10)
    print(String(format: "workbench: idle CPU over 10 s %.2f %% of a core vs `less` %.2f %% (target ≤ 1 %%)", idle * 100, lessIdle * 100))

    // Terminal output per typed prompt character, beside a full redraw (Ctrl+L), with the prompt help on:
    // once typing pauses, the engine's explanation underlines the word it ignores ("wobbly").
    let output = data.appendingPathComponent("pane-output")
    try tui.recordOutput(to: output)
    let typed = "older, much deeper, a bit slower and wobbly"
    let before = fileSize(output)
    for character in typed {
        try tui.type(String(character))
        Thread.sleep(forTimeInterval: 0.03)
    }
    Thread.sleep(forTimeInterval: 0.5)
    let perCharacter = Double(fileSize(output) - before) / Double(typed.count)
    let beforeRedraw = fileSize(output)
    try tui.press("C-l")
    Thread.sleep(forTimeInterval: 0.5)
    let redraw = fileSize(output) - beforeRedraw
    print(String(format: "workbench: %.0f bytes to the terminal per typed prompt character vs %d for a full redraw (target ≤ 100)", perCharacter, redraw))

    // Ctrl+R to three previews listed, beside `remix generate` of the same request, in turns.
    try tui.press("Tab", "Tab", "Down", "Down", "Down", "Enter", "C-e", "C-w")
    try tui.type("7")
    try tui.press("Enter")
    try tui.waitFor(text: "locked, x rolls")
    let trials = 5
    var listed: [Double] = [], generated: [Double] = []
    for trial in 1...trials {
        let started = DispatchTime.now().uptimeNanoseconds
        try tui.press("C-r")
        try tui.waitFor("iteration \(trial) listed", seconds: 120) { $0.contains("Previews · iteration \(trial) of \(trial)") && TmuxSession.previewRows($0).count == 3 }
        listed.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        generated.append(try Stopwatch.time {
            try ChildProcess([RemixBinary.url.path, "generate", "--voice", "h724wBzjFfxt94n73jNP", "--prompt", typed,
                              "--auto-text", "--seed", "7", "--out", data.appendingPathComponent("generated").path]).wait()
        })
    }
    let listedMedian = Stopwatch.median(listed), generatedMedian = Stopwatch.median(generated)
    print(String(format: "workbench: Ctrl+R to three previews listed %.2f s vs `remix generate` %.2f s (median of %d, in turns) → ratio %.2f (target ≤ 1.05)",
                 listedMedian, generatedMedian, trials, listedMedian / generatedMedian))

    // Memory with the three previews of the open iteration decoded (prepared for Space).
    Thread.sleep(forTimeInterval: 2)
    let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
    func kilobytes(_ field: String) -> Double {
        status.split(separator: "\n").first { $0.hasPrefix(field + ":") }
            .flatMap { Double($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") } ?? 0
    }
    let durations = try tui.screen().matches(of: /(\d+\.\d) s  en/).compactMap { Double($0.output.1) }
    // File-backed pages (the binary, the synthesis libraries and voices of the in-process engine) are
    // shared and dropped under pressure; anonymous memory is what the workbench itself holds.
    print(String(format: "workbench: RSS %.1f MB (%.1f anonymous, %.1f file-backed) with three previews (%@ s) decoded (target ≤ 60)",
                 kilobytes("VmRSS") / 1024, kilobytes("RssAnon") / 1024, kilobytes("RssFile") / 1024,
                 durations.map { String($0) }.joined(separator: ", ")))

    // Idle again, with three takes and their shapes on screen and the prompt explained.
    let (idleWithTakes, lessIdleAgain) = try cpuShare(of: pid, and: lessPID, over: 10)
    print(String(format: "workbench: idle CPU with three takes and their shapes shown %.2f %% of a core vs `less` %.2f %% (target ≤ 1 %%)",
                 idleWithTakes * 100, lessIdleAgain * 100))

    // Key (1: the first preview from its start) to first sound, beside `mpg123 -o pulse` on its file. The
    // workbench reopens the session on a terminal of the benchmark's own, so the key costs what it costs a
    // terminal emulator: a write. Shift+Tab takes focus from the prompt to the history, where 1 is a key.
    let monitor = try MonitorListener()
    let preview = try firstPreviewFile(in: data)
    try tui.press("q")
    try tui.waitFor(text: "EXIT=0")
    let terminal = try PseudoTerminal([RemixBinary.url.path], width: 120, height: 40, environment: environment)
    defer { terminal.close() }
    Thread.sleep(forTimeInterval: 3)
    terminal.type("\u{1b}[Z")
    var workbenchStarts: [Double] = [], mpg123Starts: [Double] = []
    for _ in 0..<15 {
        workbenchStarts.append(try monitor.timeToSound { terminal.type("1") })
        terminal.type(" ")
        mpg123Starts.append(try monitor.timeToSound { try ChildProcess(["mpg123", "-q", "-o", "pulse", preview.path]) })
    }
    let workbenchStart = Stopwatch.median(workbenchStarts), mpg123Start = Stopwatch.median(mpg123Starts)
    print(String(format: "workbench: key to first sound %.1f ms vs `mpg123 -o pulse` %.1f ms (median of 15, in turns; monitor resolution ~3 ms) → ratio %.2f (target ≤ 0.5)",
                 workbenchStart * 1000, mpg123Start * 1000, workbenchStart / mpg123Start))
}

private func fileSize(_ url: URL) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0
}

/// The share of one core each process used over `seconds`, from /proc (user + system time).
private func cpuShare(of first: Int32, and second: Int32, over seconds: Double) throws -> (Double, Double) {
    func ticks(_ pid: Int32) throws -> Double {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // Fields after the command name, which is in parentheses and may contain spaces.
        let fields = stat[stat.index(after: stat.lastIndex(of: ")")!)...].split(separator: " ")
        return Double(fields[11])! + Double(fields[12])!
    }
    let hertz = Double(sysconf(Int32(_SC_CLK_TCK)))
    let (a, b) = (try ticks(first), try ticks(second))
    Thread.sleep(forTimeInterval: seconds)
    return ((try ticks(first) - a) / hertz / seconds, (try ticks(second) - b) / hertz / seconds)
}

private func firstPreviewFile(in data: URL) throws -> URL {
    let previews = data.appendingPathComponent("previews")
    guard let name = try FileManager.default.contentsOfDirectory(atPath: previews.path).first(where: { $0.hasSuffix(".mp3") }) else {
        throw BenchmarkFailure("no preview file in \(previews.path)")
    }
    return previews.appendingPathComponent(name)
}
