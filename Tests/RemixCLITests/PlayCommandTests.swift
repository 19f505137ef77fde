import Foundation
import RemixCore
import Testing
import TestSupport

/// The built `remix play` binary without a terminal: plays and exits 0, or prints one `error:` line and fails.
@Suite struct PlayCommandTests {
    static func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let outcome = try RemixBinary.run(["play"] + arguments)
        return (outcome.status, outcome.stderrText)
    }

    /// Everything `remix play` loads before `main` delays its first sound: the synthesis libraries (and
    /// ALSA with them) are opened by the engine when it first speaks, and the binary exports no symbols.
    @Test func startsWithoutTheSynthesisLibraries() throws {
        let dynamic = String(decoding: try Tool.run("readelf", ["--dynamic", "--dyn-syms", RemixBinary.url.path]), as: UTF8.self)
        let needed = dynamic.split(separator: "\n").filter { $0.contains("(NEEDED)") }
        #expect(needed.contains { $0.contains("libpulse.so") }, "readelf sees no NEEDED libpulse: \(needed)")
        for library in ["libespeak-ng", "librubberband", "libflite", "libasound"] {
            #expect(!needed.contains { $0.contains(library) }, "\(library) is linked")
        }
        let exported = dynamic.split(separator: "\n").filter { $0.contains(" GLOBAL ") && !$0.contains(" UND ") }
        #expect(exported.count < 50, "\(exported.count) symbols exported")
    }

    @Test func playsAFileAndExitsZero() async throws {
        try MonitorCapture.requireServer()
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let wav = directory.appendingPathComponent("tone.wav"), mp3 = directory.appendingPathComponent("tone.mp3")
        try Tool.run("sox", ["-n", "-r", "22050", "-c", "1", "-b", "16", wav.path, "synth", "0.5", "sine", "440"])
        try Tool.run("lame", ["--quiet", "-b", "32", wav.path, mp3.path])
        let result = try await NullSinkLock.shared.withSink { try Self.run([mp3.path, mp3.path]) }
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
    }

    /// `remix play A B` plays A and then B, each exactly as mpg123 decodes it: nothing dropped, repeated or
    /// out of order. File names alone start the first file before the command line is parsed; with an
    /// option it starts after. Both are heard the same.
    @Test(arguments: [[], ["--format", "mp3_44100_128"]])
    func playsEachFileWholeAndInOrder(_ options: [String]) async throws {
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // Noise, not a tone: a piece out of place a whole number of periods away would still line up.
        let files = try ["a", "b"].map { name in
            let wav = directory.appendingPathComponent("\(name).wav"), mp3 = directory.appendingPathComponent("\(name).mp3")
            try Tool.run("sox", ["-n", "-r", "44100", "-c", "2", "-b", "16", wav.path, "synth", "0.5", "pinknoise", "vol", "0.3"])
            try Tool.run("lame", ["--quiet", "-b", "128", wav.path, mp3.path])
            return mp3
        }
        let captured = try await NullSinkLock.shared.withSink {
            let capture = try await MonitorCapture()
            let result = try Self.run(options + files.map(\.path))
            #expect(result.status == 0, "stderr: \(result.stderr)")
            return try await capture.stop()
        }
        var searchFrom = 0
        for file in files {
            let name = file.lastPathComponent
            let reference = try ReferenceDecoder.mp3(file).samples
            let frames = reference.count / 2
            let base = Self.placement(of: reference, in: captured, from: searchFrom)
            try #require(base != nil, "\(name) is not heard after captured frame \(searchFrom)")
            let start = base!
            let compared = max(0, searchFrom - start)..<min(frames, captured.count / 2 - start)
            let heard = compared.first { captured[2 * (start + $0)] != 0 || captured[2 * (start + $0) + 1] != 0 } ?? compared.upperBound
            #expect(heard <= Self.clippedHead, "\(name): the first \(heard) frames are missing")
            let before = captured[(2 * searchFrom)..<max(2 * searchFrom, 2 * (start + heard))]
            #expect(before.allSatisfy { $0 == 0 }, "\(name): something else is heard before it")
            #expect(compared.upperBound == frames, "\(name) is cut short at frame \(compared.upperBound) of \(frames)")
            let wrong = (heard..<compared.upperBound).first { frame in
                (0..<2).contains { abs(captured[2 * (start + frame) + $0] - reference[2 * frame + $0]) > Self.sinkRounding }
            }
            #expect(wrong == nil, "\(name) differs from mpg123's decode from frame \(wrong ?? 0) on")
            searchFrom = start + frames
        }
    }

    /// A preview the engine made in Ogg Opus (48 kHz, which the sound server resamples for its 44.1 kHz
    /// sink) is heard from its first sound to its last as opusdec decodes it: nothing cut or added.
    @Test func playsAGeneratedOpusPreviewWhole() async throws {
        try MonitorCapture.requireServer()
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let voices = try JSONSerialization.jsonObject(with: try RemixBinary.run(["voices", "--json"]).stdout) as? [String: Any]
        let voice = try #require((voices?["voices"] as? [[String: Any]])?.first?["voice_id"] as? String)
        let generated = try RemixBinary.run([
            "generate", "--voice", voice, "--prompt", "slightly deeper", "--seed", "3", "--format", "opus_48000_64",
            "--text", "The lighthouse keeper climbed the stairs each evening, counting the steps and listening to the sea below the rocks.",
            "--out", directory.path, "--json",
        ])
        #expect(generated.status == 0, "\(generated.stderrText)")
        let summary = try JSONSerialization.jsonObject(with: generated.stdout) as? [String: Any]
        let file = try #require((summary?["previews"] as? [[String: Any]])?.first?["file"] as? String)
        #expect(file.hasSuffix(".opus"))

        let captured = try await NullSinkLock.shared.withSink {
            let capture = try await MonitorCapture()
            let result = try Self.run([file])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            return try await capture.stop()
        }
        let reference = try ReferenceDecoder.decode(URL(fileURLWithPath: file), as: .opus_48000_64)
        let heard = try #require(Self.soundingSpan(captured, channels: 2, rate: MonitorCapture.rate), "nothing was heard")
        let decoded = try #require(Self.soundingSpan(reference.samples, channels: 1, rate: reference.sampleRate))
        #expect(abs(heard - decoded) <= 0.03, "heard for \(heard) s, opusdec sounds for \(decoded) s")
    }

    /// Seconds from the first to the last frame above −40 dBFS: well clear of resampling ripple and of
    /// the 16-bit sink's rounding.
    static func soundingSpan(_ samples: [Float], channels: Int, rate: Int) -> Double? {
        let loud = { (frame: Int) in abs(samples[frame * channels]) > 0.01 }
        let frames = samples.count / channels
        guard let first = (0..<frames).first(where: loud), let last = (0..<frames).last(where: loud) else { return nil }
        return Double(last - first + 1) / Double(rate)
    }

    /// The 16-bit sink and mpg123's own conversion to 16 bits may round a sample differently.
    static let sinkRounding: Float = 1.5 / 32768

    /// How much of a stream's start the monitor may not show: PulseAudio rewinds the sink to mix a new
    /// stream in at once, and what the monitor already delivered cannot be taken back (paplay loses
    /// ~5 ms there, `remix play` ~10 ms; a sound card plays it all).
    static let clippedHead = 2205

    /// The captured frame where frame 0 of `reference` (interleaved stereo) lands, found by a piece from
    /// its middle, whose place does not depend on how much of the start the monitor shows. May be
    /// before the capture's first frame.
    static func placement(of reference: [Float], in captured: [Float], from searchFrom: Int) -> Int? {
        let middle = reference.count / 4, length = 256
        let piece = reference[(2 * middle)..<(2 * (middle + length))]
        let last = captured.count / 2 - length
        guard searchFrom <= last else { return nil }
        let found = (searchFrom...last).first { frame in
            zip(captured[(2 * frame)..<(2 * (frame + length))], piece).allSatisfy { abs($0 - $1) <= sinkRounding }
        }
        return found.map { $0 - middle }
    }

    /// A pipe can be read only once, so the file started before the parse is the one the parsed command
    /// reports on: what is wrong with the bytes, as for a file, not that the pipe is empty.
    @Test func badPipeIsReportedLikeABadFile() async throws {
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("noise")
        let bytes = Self.randomBytes
        try bytes.write(to: file)
        let fromFile = try await NullSinkLock.shared.withSink { try Self.run([file.path]) }
        let fromPipe = try await NullSinkLock.shared.withSink { try RemixBinary.run(["play", "/dev/stdin"], stdin: bytes) }
        #expect(fromPipe.status != 0)
        #expect(fromPipe.stderrText == fromFile.stderr.replacingOccurrences(of: file.path, with: "/dev/stdin"))
    }

    static let randomBytes = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ $0 >> 3) })

    @Test(arguments: ["missing", "empty", "truncated", "random", "wav", "unknown-format"])
    func badInputFailsWithOneLine(_ kind: String) async throws {
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("preview.mp3")
        var extra: [String] = []
        switch kind {
        case "missing":
            break
        case "empty":
            try Data().write(to: file)
        case "truncated":
            let wav = directory.appendingPathComponent("tone.wav"), whole = directory.appendingPathComponent("whole.mp3")
            try Tool.run("sox", ["-n", "-r", "44100", "-c", "1", "-b", "16", wav.path, "synth", "2", "sine", "440"])
            try Tool.run("lame", ["--quiet", "-b", "64", wav.path, whole.path])
            try Data(contentsOf: whole).prefix(4000).write(to: file)
        case "random":
            try Self.randomBytes.write(to: file)
        case "wav":
            try Tool.run("sox", ["-n", "-r", "8000", "-c", "1", "-b", "16", "-t", "wav", file.path, "synth", "0.2", "sine", "440"])
        default:
            try Data([0, 0]).write(to: file)
            extra = ["--format", "flac_44100"]
        }
        // A truncated file plays up to where it breaks, so it too takes its turn on the sink.
        let arguments = extra + [file.path]
        let result = try await NullSinkLock.shared.withSink { try Self.run(arguments) }
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines.first?.hasPrefix("error: ") == true, "stderr: \(result.stderr)")
    }
}
