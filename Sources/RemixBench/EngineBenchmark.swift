import Foundation
import RemixCore
import RemixEngine
import TestSupport

/// The local engine against the same work done by the reference command-line tools:
/// 3 previews of a 300-character script, MP3 at 44.1 kHz / 128 kbps, once plain and once with voice
/// effects (and the tools then run sox for comparable effects between rubberband and lame).
/// Targets: engine time ≤ 0.5 × the tools' time, and ≥ 20 s of audio per wall-clock second.
func runEngineBenchmark() async throws {
    let text = String(benchmarkScript.prefix(300))
    try await compareWithTools(
        title: "engine remix, 3 previews × \(text.count) chars → mp3_44100_128",
        engine: try LocalEngine(), voiceID: sloane, text: text, soxEffects: [])

    print()
    let (withEffects, voiceID) = try await EffectsVoice.make(
        from: sloane, text: text, effects: benchmarkEffects) { try LocalEngine(archive: $0) }
    try await compareWithTools(
        title: "the same with voice effects (breath, roughness, tilt, bass, nasal, telephone, small room)",
        engine: withEffects, voiceID: voiceID, text: text, soxEffects: soxEquivalentOfBenchmarkEffects)

    print()
    let (extreme, extremeVoiceID) = try await EffectsVoice.make(
        from: sloane, text: text, effects: extremeEffects) { try LocalEngine(archive: $0) }
    try await compareExtremesWithPlain(extreme: extreme, voiceID: extremeVoiceID, text: text)
}

/// Sloane, the flite slt voice of the built-in catalog.
private let sloane = "X9l5cEUpneAIujcEOL0Y"

/// Every stage of the effects at work: texture, equaliser, channel and room.
private var benchmarkEffects: [String: Any] {
    [
        "breathiness": 0.4, "roughness": 0.3, "tiltDBPerOctave": -1.0, "bassDB": 2.0, "nasality": 0.3,
        "channel": "telephone", "room": "small_room",
    ]
}

/// Every effect at the end of its range.
private var extremeEffects: [String: Any] {
    [
        "breathiness": 1.0, "roughness": 1.0, "tiltDBPerOctave": 6.0, "bassDB": 9.0, "nasality": 1.0,
        "channel": "megaphone", "room": "hall",
    ]
}

/// sox effects doing comparable work: a band limit, saturation, shelves, a resonance and a reverb.
/// (sox has nothing for envelope-shaped breath or per-cycle roughness; the tremolo stands in for them.)
private let soxEquivalentOfBenchmarkEffects = [
    "tremolo", "150", "30", "equalizer", "1000", "2q", "4", "bass", "+2", "treble", "-2",
    "highpass", "300", "lowpass", "3400", "overdrive", "5", "reverb", "30",
]

private func compareWithTools(
    title: String, engine: any RemixBackend, voiceID: String, text: String, soxEffects: [String]
) async throws {
    let repetitions = 5
    var engineTimes: [Double] = []
    var audioSeconds = 0.0
    for repetition in 0..<repetitions {
        // A new seed each time, so no repetition reuses an earlier synthesis from the engine's cache.
        let request = RemixRequest(
            voiceID: voiceID, voiceDescription: "slightly deeper and a bit slower", text: text,
            seed: 42 + repetition, outputFormat: .mp3_44100_128)
        engineTimes.append(try await Stopwatch.time {
            audioSeconds = try await engine.remix(request).previews.map(\.durationSecs).reduce(0, +)
        })
    }

    let directory = try Tool.temporaryDirectory("remix-bench")
    defer { try? FileManager.default.removeItem(at: directory) }
    var toolTimes: [Double] = []
    for _ in 0..<repetitions {
        toolTimes.append(try Stopwatch.time { try runReferenceTools(text: text, soxEffects: soxEffects, in: directory) })
    }

    let engineMedian = Stopwatch.median(engineTimes)
    let toolMedian = Stopwatch.median(toolTimes)
    let tools = soxEffects.isEmpty ? "flite→rubberband→lame    " : "flite→rubberband→sox→lame"
    print("\(title) (median of \(repetitions)):")
    print(String(format: "  in-process engine          %7.3f s", engineMedian))
    print(String(format: "  \(tools)  %7.3f s  (3 runs of each tool, one after another)", toolMedian))
    print(String(format: "  ratio engine/tools         %7.3f    (target ≤ 0.5)", engineMedian / toolMedian))
    print(String(format: "  realtime factor            %7.1f ×  (%.1f s of audio; target ≥ 20)", audioSeconds / engineMedian, audioSeconds))
}

/// The bad input: guidance 100, full prompt strength, a 1000-character prompt of
/// superlatives and every effect at its end must take at most 3 × the time of a plain request.
private func compareExtremesWithPlain(extreme: any RemixBackend, voiceID: String, text: String) async throws {
    let repetitions = 5
    let plain = try LocalEngine()
    let superlatives = String(repeating: "extremely old, much deeper, very slow, extremely breathy, very raspy, ", count: 15)
    var plainTimes: [Double] = [], extremeTimes: [Double] = []
    for repetition in 0..<repetitions {
        let plainRequest = RemixRequest(
            voiceID: sloane, voiceDescription: "slightly deeper and a bit slower", text: text,
            seed: 42 + repetition, outputFormat: .mp3_44100_128)
        let extremeRequest = RemixRequest(
            voiceID: voiceID, voiceDescription: String(superlatives.prefix(RemixRequest.descriptionLength.upperBound)),
            text: text, loudness: 1, seed: 42 + repetition, guidanceScale: 100, promptStrength: 1,
            outputFormat: .mp3_44100_128)
        plainTimes.append(try await Stopwatch.time { _ = try await plain.remix(plainRequest) })
        extremeTimes.append(try await Stopwatch.time { _ = try await extreme.remix(extremeRequest) })
    }
    let (plainMedian, extremeMedian) = (Stopwatch.median(plainTimes), Stopwatch.median(extremeTimes))
    print("extremes (guidance 100, strength 1, 1000-character prompt, every effect at its end) (median of \(repetitions)):")
    print(String(format: "  plain request              %7.3f s", plainMedian))
    print(String(format: "  extreme request            %7.3f s", extremeMedian))
    print(String(format: "  ratio extreme/plain        %7.3f    (target ≤ 3)", extremeMedian / plainMedian))
}

/// What a shell pipeline would do for three previews, each with its own pitch and tempo (and the
/// effects, when there are any).
private func runReferenceTools(text: String, soxEffects: [String], in directory: URL) throws {
    for (index, (semitones, tempo)) in [(-1.5, 0.93), (-2.0, 0.95), (-2.5, 0.97)].enumerated() {
        let speech = directory.appendingPathComponent("speech-\(index).wav").path
        let shaped = directory.appendingPathComponent("shaped-\(index).wav").path
        let coloured = directory.appendingPathComponent("coloured-\(index).wav").path
        let mp3 = directory.appendingPathComponent("preview-\(index).mp3").path
        try Tool.run("flite", ["-voice", "slt", "-t", text, "-o", speech])
        try Tool.run("rubberband", ["-q", "-F", "-p", String(semitones), "-T", String(tempo), speech, shaped])
        if !soxEffects.isEmpty {
            try Tool.run("sox", [shaped, coloured] + soxEffects)
        }
        try Tool.run("lame", ["--quiet", "--resample", "44.1", "-b", "128", soxEffects.isEmpty ? shaped : coloured, mp3])
    }
}
