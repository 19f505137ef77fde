import Foundation
import Playback
import RemixCore
import Testing
import TestSupport

/// Each decoder against a reference decode of the same file by the command-line tools.
@Suite struct DecoderTests {
    static let mpegRates = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000]

    /// libmpg123 inside mpg123 decodes the same frames, so the output matches exactly.
    @Test(arguments: mpegRates, [1, 2])
    func mp3MatchesMpg123(rate: Int, channels: Int) throws {
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // lame picks a lower rate for a low bit rate unless told to keep it.
        let keepRate = ["-b", "64", "--resample", String(Double(rate) / 1000)]
        let file = try TestAudio.mp3(directory, rate: rate, channels: channels, lameOptions: keepRate)
        try expectMatchesMpg123(file, rate: rate, channels: channels, frames: rate)
    }

    @Test(arguments: [["-V", "2"], ["-b", "128", "--add-id3v2", "--tt", "Preview", "--ta", "Remix"]])
    func mp3VariableBitRateAndID3(lameOptions: [String]) throws {
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try TestAudio.mp3(directory, rate: 44100, channels: 2, seconds: 2, lameOptions: lameOptions)
        try expectMatchesMpg123(file, rate: 44100, channels: 2, frames: 88200)
    }

    private func expectMatchesMpg123(_ file: URL, rate: Int, channels: Int, frames: Int) throws {
        let decoded = try Decoding.decoder(forFileAt: file.path).decodeAll()
        let reference = [Float](float32LittleEndian: try Tool.run("mpg123", ["-q", "-e", "f32", "-s", file.path]))
        #expect(decoded.sampleRate == rate)
        #expect(decoded.channels == channels)
        // Gapless: the encoder's delay and padding are cut, leaving exactly what was encoded.
        #expect(decoded.frameCount == frames)
        #expect(decoded.samples == reference)
    }

    /// Files are mapped; a pipe cannot be, so it is read to its end (`cat x.mp3 | remix play /dev/stdin`).
    @Test func pipeDecodesLikeTheFile() throws {
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = try TestAudio.mp3(directory, rate: 44100, channels: 2, seconds: 2, lameOptions: ["-b", "128"])
        let pipe = directory.appendingPathComponent("preview-pipe")
        try #require(mkfifo(pipe.path, 0o600) == 0)
        let bytes = try Data(contentsOf: file)
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: pipe.path) else { return }
            handle.write(bytes)
            try? handle.close()
        }
        writer.start()
        let piped = try Decoding.decoder(forFileAt: pipe.path).decodeAll()
        let mapped = try Decoding.decoder(forFileAt: file.path).decodeAll()
        #expect(piped.frameCount == mapped.frameCount && piped.samples == mapped.samples)
    }

    @Test func mp3FromAPIBytesProgressively() throws {
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = try Data(contentsOf: try TestAudio.mp3(directory, rate: 44100, channels: 1, seconds: 2))
        let whole = try Decoding.decode(data, format: .mp3_44100_64)
        let decoder = try Decoding.decoder(for: data, encoding: .mp3)
        var pieces: [Float] = []
        var chunks = 0
        while let chunk = try decoder.nextChunk(maxFrames: 4410) {
            #expect(chunk.frameCount < 4410 + 1152)
            pieces += chunk.samples
            chunks += 1
        }
        #expect(chunks > 10)
        #expect(pieces == whole.samples)
    }

    /// opusdec also decodes with opusfile's float path; allow for its own rounding.
    @Test func opusMatchesOpusdec() throws {
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = try Data(contentsOf: try TestAudio.opus(directory))
        let decoded = try Decoding.decode(data, format: .opus_48000_64)
        let reference = [Float](float32LittleEndian: try Tool.run("opusdec", ["--quiet", "--float", directory.appendingPathComponent("tone.opus").path, "-"]))
        #expect(decoded.sampleRate == 48000)
        #expect(decoded.channels == 2)
        #expect(decoded.frameCount == 48000)
        #expect(decoded.samples.count == reference.count)
        let worst = zip(decoded.samples, reference).map { abs($0 - $1) }.max() ?? .infinity
        #expect(worst <= 1e-6)
    }

    @Test(arguments: [
        (OutputFormat.pcm_24000, ["-t", "raw", "-r", "24000", "-e", "signed", "-b", "16", "-c", "1"]),
        (OutputFormat.pcm_8000, ["-t", "raw", "-r", "8000", "-e", "signed", "-b", "16", "-c", "1"]),
        (OutputFormat.ulaw_8000, ["-t", "ul", "-r", "8000", "-c", "1"]),
        (OutputFormat.alaw_8000, ["-t", "al", "-r", "8000", "-c", "1"]),
    ])
    func headerlessMatchesSox(format: OutputFormat, soxType: [String]) throws {
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("tone.\(format.fileExtension)")
        try Tool.run("sox", ["-n"] + soxType + [file.path, "synth", "1", "sine", "440", "vol", "0.5"])
        let decoded = try Decoding.decode(try Data(contentsOf: file), format: format)
        let reference = [Float](float32LittleEndian: try Tool.run("sox", soxType + [file.path, "-t", "f32", "-"]))
        #expect(decoded.sampleRate == format.sampleRate)
        #expect(decoded.channels == 1)
        #expect(decoded.frameCount == format.sampleRate)
        #expect(decoded.samples == reference)
    }

    /// Headerless audio is known by its file's extension: the last dot of the last component only.
    @Test func fileExtensionIsTheLastComponents() throws {
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let named = directory.appendingPathComponent("take.2.ulaw")
        let folder = directory.appendingPathComponent("takes.ulaw")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let unnamed = folder.appendingPathComponent("take")
        for file in [named, unnamed] {
            try Tool.run("sox", ["-n", "-t", "ul", "-r", "8000", "-c", "1", file.path, "synth", "0.1", "sine", "440"])
        }
        #expect(try Decoding.decoder(forFileAt: named.path).sampleRate == 8000)
        #expect(throws: PlaybackError.self) { _ = try Decoding.decoder(forFileAt: unnamed.path) }
    }

    @Test func sniffsByContentBeforeName() throws {
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let opus = try Data(contentsOf: try TestAudio.opus(directory))
        let mp3 = try Data(contentsOf: try TestAudio.mp3(directory, rate: 22050, channels: 1))
        #expect(try AudioFormatSniffer.encoding(of: opus, fileExtension: "mp3") == .opus)
        #expect(try AudioFormatSniffer.encoding(of: mp3, fileExtension: "opus") == .mp3)
        #expect(try AudioFormatSniffer.encoding(of: Data([1, 2, 3]), fileExtension: "ulaw") == .ulaw)
        #expect(try AudioFormatSniffer.encoding(of: Data([1, 2]), declared: .pcm_16000) == .pcm16(sampleRate: 16000))
    }
}
