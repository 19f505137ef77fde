import Foundation
import Playback
import RemixCore
import TestSupport

/// Decode speed, time to first sound and memory of playback, each next to mpg123 measured in the same
/// run on the same file. Needs the private PulseAudio of `make bench` (`null.monitor` is listened to).
func runPlaybackBenchmark() throws {
    let directory = try Tool.temporaryDirectory("remix-bench-playback")
    defer { try? FileManager.default.removeItem(at: directory) }
    let wav = directory.appendingPathComponent("preview60.wav"), mp3 = directory.appendingPathComponent("preview60.mp3")
    // Pink noise under a slow sweep: dense like speech or music, so the decoder does full work on every frame.
    try Tool.run("sox", ["-n", "-r", "44100", "-c", "2", "-b", "16", wav.path, "synth", "60", "pinknoise", "vol", "0.3",
                         "synth", "60", "sine", "mix", "100-8000"])
    try Tool.run("lame", ["--quiet", "-b", "128", wav.path, mp3.path])
    let data = try Data(contentsOf: mp3)

    // Decode throughput. mpg123's figure includes its process start, as a person running it would see.
    let repetitions = 20
    let inProcess = try Stopwatch.median(of: repetitions) {
        try Stopwatch.time { _ = try Decoding.decoder(for: data, encoding: .mp3).decodeAll() }
    }
    let cli = try Stopwatch.median(of: repetitions) {
        try Stopwatch.time { try ChildProcess(["mpg123", "-q", "-s", mp3.path]).wait() }
    }
    print(String(format: "playback: decode 60 s MP3 128k to float: %.1f ms in-process vs %.1f ms `mpg123 -s` (median of %d) → speed ratio %.2f (target ≥ 1.0)",
                 inProcess * 1000, cli * 1000, repetitions, cli / inProcess))

    // Time to first sound, heard on the sink monitor. Both commands are measured the same way, so the
    // monitor's own latency (~5 ms) is in both figures, and in turns, so a change in the machine's
    // load between them lands on both.
    let monitor = try MonitorListener()
    let remix = RemixBinary.url.path
    let trials = 31
    var remixStarts: [Double] = [], mpg123Starts: [Double] = []
    for _ in 0..<trials {
        remixStarts.append(try monitor.timeToSound { try ChildProcess([remix, "play", mp3.path]) })
        mpg123Starts.append(try monitor.timeToSound { try ChildProcess(["mpg123", "-q", "-o", "pulse", mp3.path]) })
    }
    let remixStart = Stopwatch.median(remixStarts), mpg123Start = Stopwatch.median(mpg123Starts)
    print(String(format: "playback: `remix play` start to first sound %.1f ms vs `mpg123 -o pulse` %.1f ms (median of %d, in turns) → ratio %.2f (target ≤ 1.0)",
                 remixStart * 1000, mpg123Start * 1000, trials, remixStart / mpg123Start))
    print("playback:   monitor resolution ~3 ms; both include the monitor's latency")

    let player = PulsePlayer(applicationName: "remix-bench")
    try player.load(try Decoding.decoder(for: data, encoding: .mp3).decodeAll())
    let openStart = try Stopwatch.median(of: trials) {
        defer { player.stop() }
        return try monitor.timeToSound { try player.play() }
    }
    print(String(format: "playback: play() on an open player to first sound %.1f ms (median of %d; 0 = within the monitor's ~3 ms resolution) → ratio %.2f to mpg123's start (target ≤ 0.5)",
                 openStart * 1000, trials, openStart / mpg123Start))

    // The whole preview is decoded within the first tenth of a second, so three seconds of playing cover the peak.
    let mono = directory.appendingPathComponent("preview60-mono.mp3")
    try Tool.run("lame", ["--quiet", "-b", "128", "-m", "m", wav.path, mono.path])
    for (name, file) in [("stereo", mp3), ("mono", mono)] {
        let playing = try ChildProcess([remix, "play", file.path])
        Thread.sleep(forTimeInterval: 3)
        let peak = playing.kill()
        print(String(format: "playback: `remix play` of a 60 s %@ preview: peak RSS %.1f MB (target ≤ 40)", name, Double(peak) / 1024))
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A child with standard input and output on /dev/null, spawned directly (no Foundation run loop in the way).
private struct ChildProcess {
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
private final class MonitorListener: @unchecked Sendable {
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
