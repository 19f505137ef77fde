import Foundation

/// The real `remix` binary in a tmux pane of its own tmux server: keys in, screen text out, as a
/// person would use it. The pane runs `remix` then prints `stty -a` and its exit status, so a test can
/// check how it left the terminal (waiting for the status, it finds the settings already shown).
public final class TmuxSession: @unchecked Sendable {
    public struct Timeout: Error, CustomStringConvertible {
        public let description: String
    }

    private let socket = "remix-test-\(UUID().uuidString.prefix(8))"
    private let name = "workbench"

    /// Starts `remix` with `arguments` (or another `command`) in a `width` × `height` pane; `environment`
    /// is added to the test-run isolation of `RemixBinary` (its own store, no API key).
    public init(
        _ arguments: [String], width: Int, height: Int, environment: [String: String] = [:], command: [String]? = nil
    ) throws {
        let variables = RemixBinary.isolatedEnvironment.merging(["LANG": "C.UTF-8", "TERM": "tmux-256color"]) { $1 }
            .merging(environment) { $1 }
        let exports = variables.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quoted($0.value))" }.joined(separator: " ")
        let program = (command ?? [RemixBinary.url.path] + arguments).map(Self.quoted).joined(separator: " ")
        // The status starts a line of its own even when the program left the terminal raw (no CR on NL).
        let script = "env \(exports) \(program); status=$?; stty -a; printf '\\r\\nEXIT=%s\\r\\n' $status; sleep 600"
        // Not through `Tool.run`: the tmux server this starts would keep its output pipes open, and reading
        // them to the end would never finish. Its standard streams go to /dev/null instead.
        let arguments = ["tmux", "-u", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", name, "-x", String(width), "-y", String(height), script]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        var status: Int32 = Tool.withCleanSignals { posix_spawnp(&pid, "tmux", &actions, $0, &argv, environ) }
        if status == 0 { waitpid(pid, &status, 0) }
        guard status == 0 else { throw Tool.Failure(command: "tmux new-session", status: status, stderr: "") }
    }

    deinit {
        _ = try? tmux(["kill-server"])
    }

    /// Keys by tmux name (`C-r`, `Space`, `Tab`, `Up`, `Escape`).
    public func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", name] + keys)
    }

    /// Text typed literally, character by character.
    public func type(_ text: String) throws {
        try tmux(["send-keys", "-t", name, "-l", text])
    }

    /// A left click at a cell (from 0), as a terminal reports it in the X10 mouse protocol that
    /// tmux-256color's terminfo names: press and release, each `Esc [ M` and three bytes.
    public func click(x: Int, y: Int) throws {
        func report(_ button: Int) -> String {
            "\u{1B}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(33 + x))) + String(UnicodeScalar(UInt8(33 + y)))
        }
        try type(report(0) + report(3))
    }

    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", String(width), "-y", String(height)])
    }

    public func screen() throws -> String {
        String(decoding: try tmux(["capture-pane", "-p", "-t", name]), as: UTF8.self)
    }

    /// The process id of `remix` in the pane (the pane's shell is its parent).
    public func remixProcessID() throws -> Int32? {
        try processID(named: "remix")
    }

    public func processID(named program: String) throws -> Int32? {
        let shell = String(decoding: try tmux(["display-message", "-p", "-t", name, "#{pane_pid}"]), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try Tool.execute(URL(fileURLWithPath: "/usr/bin/env"), ["pgrep", "-P", shell, "-x", program])
        return Int32(children.stdoutText.split(separator: "\n").first ?? "")
    }

    /// Appends everything the program writes to the terminal from now on to `file`.
    public func recordOutput(to file: URL) throws {
        try tmux(["pipe-pane", "-O", "-t", name, "cat >> \(Self.quoted(file.path))"])
    }

    /// The rows of the workbench's preview list on `screen`: number, duration, language.
    public static func previewRows(_ screen: String) -> [Substring] {
        screen.split(separator: "\n").filter { $0.range(of: #"[▶⏸› ] [123]  +\d+\.\d s  "#, options: .regularExpression) != nil }
    }

    /// Waits until the screen satisfies `condition`; throws with the last screen after `seconds`.
    @discardableResult
    public func waitFor(_ what: String, seconds: Double = 20, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            usleep(100_000)
        }
        throw Timeout(description: "waited \(seconds) s for \(what); the screen was:\n\(last)")
    }

    @discardableResult
    public func waitFor(text: String, seconds: Double = 20) throws -> String {
        try waitFor("\"\(text)\"", seconds: seconds) { $0.contains(text) }
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> Data {
        try Tool.run("tmux", ["-u", "-L", socket, "-f", "/dev/null"] + arguments)
    }

    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
