import Foundation

/// The result of running a program to completion.
public struct ProcessOutcome: Sendable {
    public let status: Int32
    public let stdout: Data
    public let stderr: Data

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
}

/// Runs reference command-line tools (mpg123, sox, flite, …) and the project's own binaries from
/// tests and benchmarks.
public enum Tool {
    public struct Failure: Error, CustomStringConvertible {
        public let command: String
        public let status: Int32
        public let stderr: String
        public var description: String { "`\(command)` exited \(status): \(stderr)" }
    }

    /// Runs `executable` to completion, feeding it `stdin` (or nothing) and collecting both outputs.
    public static func execute(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil,
        workingDirectory: URL? = nil
    ) throws -> ProcessOutcome {
        var outcome = try start(executable, arguments, environment: environment, stdin: stdin, workingDirectory: workingDirectory).wait()
        // In a working directory the child is `env -C`, so a just-copied binary still busy (see `start`)
        // is env's exec failing with 126 rather than posix_spawn's ETXTBSY; it is retried the same way.
        for _ in 0..<50 where workingDirectory != nil && outcome.status == 126 && outcome.stderrText.contains("Text file busy") {
            usleep(20_000)
            outcome = try start(executable, arguments, environment: environment, stdin: stdin, workingDirectory: workingDirectory).wait()
        }
        return outcome
    }

    /// Starts `executable` and returns at once; `wait()` collects what it said. For tests that act on a
    /// child while it runs (signal it, kill it).
    ///
    /// Spawned and reaped here rather than with Foundation's `Process`, whose wait for a child that exits
    /// within milliseconds was seen to miss the exit and hang the whole test run.
    public static func start(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:], stdin: Data? = nil,
        workingDirectory: URL? = nil
    ) throws -> RunningProcess {
        let command = (workingDirectory.map { ["/usr/bin/env", "-C", $0.path] } ?? []) + [executable.path] + arguments
        let variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }.map { "\($0.key)=\($0.value)" }
        let input = try PipeEnds(), output = try PipeEnds(), errors = try PipeEnds()
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if stdin == nil {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        } else {
            posix_spawn_file_actions_adddup2(&actions, input.read, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, output.write, 1)
        posix_spawn_file_actions_adddup2(&actions, errors.write, 2)
        var argv = command.map { strdup($0) } + [nil]
        var envp = variables.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        var spawned = withCleanSignals { posix_spawn(&pid, command[0], &actions, $0, &argv, &envp) }
        // A binary a test has just copied can be busy for a moment: another test's child, spawned while the
        // copy was open for writing, holds it until it execs.
        for _ in 0..<50 where spawned == ETXTBSY {
            usleep(20_000)
            spawned = withCleanSignals { posix_spawn(&pid, command[0], &actions, $0, &argv, &envp) }
        }
        close(input.read)
        close(output.write)
        close(errors.write)
        guard spawned == 0 else {
            close(input.write)
            close(output.read)
            close(errors.read)
            throw Failure(command: command.joined(separator: " "), status: -1, stderr: String(cString: strerror(spawned)))
        }
        return RunningProcess(pid: pid, stdin: stdin, input: input.write, output: output.read, errors: errors.read)
    }

    /// Spawn attributes that give the child every signal unblocked and at its default: the test runner
    /// blocks and ignores some, and a child would otherwise inherit that (a SIGTERM or SIGHUP ignored, a
    /// resize never seen).
    public static func withCleanSignals<T>(_ body: (UnsafePointer<posix_spawnattr_t>) -> T) -> T {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        return withUnsafePointer(to: &attributes) { body($0) }
    }

    private struct PipeEnds {
        let read: Int32
        let write: Int32

        init() throws {
            var ends: [Int32] = [0, 0]
            guard pipe(&ends) == 0 else { throw Failure(command: "pipe()", status: errno, stderr: String(cString: strerror(errno))) }
            // Close-on-exec, so a child spawned meanwhile by another test does not hold an end open.
            for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
            read = ends[0]
            write = ends[1]
        }
    }

    /// Runs `executable` (looked up on PATH) and returns its standard output; throws on a non-zero exit.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String], stdin: Data? = nil) throws -> Data {
        let outcome = try execute(URL(fileURLWithPath: "/usr/bin/env"), [executable] + arguments, stdin: stdin)
        guard outcome.status == 0 else {
            throw Failure(
                command: ([executable] + arguments).joined(separator: " "), status: outcome.status,
                stderr: outcome.stderrText)
        }
        return outcome.stdout
    }

    /// A fresh temporary directory, removed by the caller when done.
    public static func temporaryDirectory(_ prefix: String = "remix-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
