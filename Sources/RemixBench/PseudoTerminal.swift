import Foundation
import TestSupport

/// A program run on a pseudo-terminal of the benchmark's own, so a key reaches it the way a terminal
/// emulator sends one: a write to the master. Through tmux, `send-keys` costs a client process and a
/// round trip to the tmux server, which would be measured as the workbench's time.
final class PseudoTerminal: @unchecked Sendable {
    let pid: pid_t
    private let master: Int32

    init(_ arguments: [String], width: Int, height: Int, environment: [String: String]) throws {
        master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0, Self.unlockpt?(master) == 0, let slave = Self.ptsname?(master).map({ String(cString: $0) }) else {
            throw BenchmarkFailure("cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // The first terminal a session leader opens becomes its controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slave, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Self.spawnInNewSession)
        let variables = RemixBinary.isolatedEnvironment.merging(["LANG": "C.UTF-8", "TERM": "xterm-256color"]) { $1 }
            .merging(environment) { $1 }
        var argv = arguments.map { strdup($0) } + [nil]
        var envp = variables.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, &envp)
        guard status == 0 else { throw BenchmarkFailure("cannot start \(arguments[0]): \(String(cString: strerror(status)))") }
        self.pid = pid

        // Read everything it draws, or it would block once the terminal's buffer is full.
        Thread { [master] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while buffer.withUnsafeMutableBytes({ read(master, $0.baseAddress, $0.count) }) > 0 {}
        }.start()
    }

    /// `POSIX_SPAWN_SETSID` of <spawn.h>, which Swift's Glibc module leaves out.
    private static let spawnInNewSession: Int16 = 0x80
    // Looked up at run time: Swift's Glibc module leaves out the X/Open terminal functions of <stdlib.h>.
    private static let unlockpt = dlsym(nil, "unlockpt").map { unsafeBitCast($0, to: (@convention(c) (Int32) -> Int32).self) }
    private static let ptsname = dlsym(nil, "ptsname").map { unsafeBitCast($0, to: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self) }

    /// Sends `text` as typed keys: one write, as a terminal sends a key press.
    func type(_ text: String) {
        var bytes = Array(text.utf8)
        _ = write(master, &bytes, bytes.count)
    }

    /// Ends the program and waits for it.
    func close() {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        Glibc.close(master)
    }
}
