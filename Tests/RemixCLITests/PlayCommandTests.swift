import Foundation
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
        try #require(
            ProcessInfo.processInfo.environment["PULSE_SERVER"] != nil,
            "PULSE_SERVER is not set: run under scripts/with-private-pulseaudio (make test does)")
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let wav = directory.appendingPathComponent("tone.wav"), mp3 = directory.appendingPathComponent("tone.mp3")
        try Tool.run("sox", ["-n", "-r", "22050", "-c", "1", "-b", "16", wav.path, "synth", "0.5", "sine", "440"])
        try Tool.run("lame", ["--quiet", "-b", "32", wav.path, mp3.path])
        let result = try await NullSinkLock.shared.withSink { try Self.run([mp3.path, mp3.path]) }
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty)
    }

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
            try Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ $0 >> 3) }).write(to: file)
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
