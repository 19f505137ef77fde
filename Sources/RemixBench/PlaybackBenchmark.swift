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
