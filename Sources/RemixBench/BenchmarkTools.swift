import Foundation
import Synchronization

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A child with standard input and output on /dev/null, spawned directly (no Foundation run loop in the way).
struct ChildProcess {
    let pid: pid_t

    init(_ arguments: [String]) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, arguments[0], &actions, nil, &argv, environ)
        guard status == 0 else { throw BenchmarkFailure("cannot start \(arguments[0]): \(String(cString: strerror(status)))") }
        self.pid = pid
    }

    func wait() {
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    /// Ends the child (SIGKILL: no cleanup to wait for) and returns its peak resident set size in KiB.
    /// Read from /proc (VmHWM), not from wait4's rusage: posix_spawn execs from a vfork that shares
    /// this process's memory, and the kernel counts that memory into the child's maxrss.
    func kill() -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
            .flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") } ?? 0
        Glibc.kill(pid, SIGKILL)
        wait()
        return peak
    }
}

/// Listens to `null.monitor` through parec at low latency and timestamps the first sound after a start.
final class MonitorListener: @unchecked Sendable {
    private let parec: Process
    // `armed` and `heardAt` are shared with the reader thread under `lock`.
    private let lock = NSCondition()
    private var armed = false
    private var heardAt: UInt64?

    init() throws {
        parec = Process()
        parec.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        parec.arguments = ["parec", "-d", "null.monitor", "--format=float32le", "--rate=44100", "--channels=2", "--raw", "--latency-msec=5"]
        let pipe = Pipe()
        parec.standardOutput = pipe
        // It is killed when the benchmark ends, mid-write: its complaint about that is not a result.
        parec.standardError = FileHandle.nullDevice
        try parec.run()
        let handle = pipe.fileHandleForReading
        Thread { [self] in
            let descriptor = handle.fileDescriptor
            // Small reads: the arrival time of a read dates its samples to within 128 frames (2.9 ms).
            var buffer = [Float](repeating: 0, count: 256)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                let now = DispatchTime.now().uptimeNanoseconds
                let samples = count / 4
                guard let first = buffer[..<samples].firstIndex(where: { abs($0) > 1e-3 }) else { continue }
                // The sample arrived with the rest of this read; those after it were captured later.
                let later = UInt64(Double((samples - first) / 2) / 44100 * 1e9)
                lock.lock()
                if armed, heardAt == nil {
                    heardAt = now - later
                    lock.signal()
                }
                lock.unlock()
            }
        }.start()
        // The idle null sink renders in 2 s blocks; a running low-latency record stream shortens them.
        Thread.sleep(forTimeInterval: 2.5)
    }

    deinit {
        kill(parec.processIdentifier, SIGKILL)
    }

    /// Seconds from `start` to the first sound on the monitor; the sink is let fall silent first.
    func timeToSound<T>(_ start: () throws -> T) throws -> Double {
        Thread.sleep(forTimeInterval: 0.5)
        lock.lock()
        armed = true
        heardAt = nil
        lock.unlock()
        let began = DispatchTime.now().uptimeNanoseconds
        let started = try start()
        lock.lock()
        while heardAt == nil {
            guard lock.wait(until: Date(timeIntervalSinceNow: 10)) else { break }
        }
        let heard = heardAt
        armed = false
        lock.unlock()
        if let child = started as? ChildProcess { _ = child.kill() }
        guard let heard else { throw BenchmarkFailure("nothing heard on null.monitor within 10 s") }
        // A sound dated before the start is one that came within the dating resolution: count it as zero.
        return Double(heard > began ? heard - began : 0) / 1e9
    }
}

/// One thread per core spinning at a given nice level until `stop`: every core kept busy by work that
/// does nothing else, to tell what the machine's scheduler costs a request from what a server adds.
final class CoreSpinners: Sendable {
    private let running = Atomic(true)

    init(nice: Int32) {
        for _ in 0..<ProcessInfo.processInfo.activeProcessorCount {
            Thread { [self] in
                // On Linux, PRIO_PROCESS with 0 names the calling thread alone.
                setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
                var x = 1.0
                while running.load(ordering: .relaxed) {
                    for _ in 0..<100_000 { x = x * 1.000_000_1 + 1e-9 }
                }
                if x.isNaN { print(x) }  // keeps the loop from being optimised away
            }.start()
        }
    }

    func stop() { running.store(false, ordering: .relaxed) }
}
