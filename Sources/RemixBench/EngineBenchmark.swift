import Foundation
import RemixCore
import RemixEngine
import TestSupport

/// The local engine against the same work done by the reference command-line tools:
/// 3 previews of a 300-character script, MP3 at 44.1 kHz / 128 kbps.
/// Targets: engine time ≤ 0.5 × the tools' time, and ≥ 20 s of audio per wall-clock second.
func runEngineBenchmark() async throws {
    let repetitions = 5
    let text = String(benchmarkScript.prefix(300))
    let engine = try LocalEngine()
    var engineTimes: [Double] = []
    var audioSeconds = 0.0
    for repetition in 0..<repetitions {
        // A new seed each time, so no repetition reuses an earlier synthesis from the engine's cache.
        let request = RemixRequest(
            voiceID: "X9l5cEUpneAIujcEOL0Y", voiceDescription: "slightly deeper and a bit slower", text: text,
            seed: 42 + repetition, outputFormat: .mp3_44100_128)
        engineTimes.append(try await Stopwatch.time {
            audioSeconds = try await engine.remix(request).previews.map(\.durationSecs).reduce(0, +)
        })
    }

    let directory = try Tool.temporaryDirectory("remix-bench")
    defer { try? FileManager.default.removeItem(at: directory) }
    var toolTimes: [Double] = []
    for _ in 0..<repetitions {
        toolTimes.append(try await Stopwatch.time { try runReferenceTools(text: text, in: directory) })
    }

    let engineMedian = Stopwatch.median(engineTimes)
    let toolMedian = Stopwatch.median(toolTimes)
    print("engine remix, 3 previews × \(text.count) chars → mp3_44100_128 (median of \(repetitions)):")
    print(String(format: "  in-process engine      %7.3f s", engineMedian))
    print(String(format: "  flite→rubberband→lame  %7.3f s  (3 runs of each tool, one after another)", toolMedian))
    print(String(format: "  ratio engine/tools     %7.3f    (target ≤ 0.5)", engineMedian / toolMedian))
    print(String(format: "  realtime factor        %7.1f ×  (%.1f s of audio; target ≥ 20)", audioSeconds / engineMedian, audioSeconds))
}

/// What a shell pipeline would do for three previews, each with its own pitch and tempo.
private func runReferenceTools(text: String, in directory: URL) throws {
    for (index, (semitones, tempo)) in [(-1.5, 0.93), (-2.0, 0.95), (-2.5, 0.97)].enumerated() {
        let speech = directory.appendingPathComponent("speech-\(index).wav").path
        let shaped = directory.appendingPathComponent("shaped-\(index).wav").path
        let mp3 = directory.appendingPathComponent("preview-\(index).mp3").path
        try Tool.run("flite", ["-voice", "slt", "-t", text, "-o", speech])
        try Tool.run("rubberband", ["-q", "-F", "-p", String(semitones), "-T", String(tempo), speech, shaped])
        try Tool.run("lame", ["--quiet", "--resample", "44.1", "-b", "128", shaped, mp3])
    }
}
