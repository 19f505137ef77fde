import Foundation
import Playback
import RemixCore
import Testing
import TestSupport

/// Bad input gives one PlaybackError, never a crash or a hang. The corpus is generated here.
@Suite struct MalformedInputTests {
    /// Deterministic noise, so a failure reproduces.
    static func noise(_ count: Int, seed: UInt64) -> Data {
        var state = seed
        return Data((0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 33)
        })
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var bytes: @Sendable (URL) throws -> Data
        var format: OutputFormat?
        var expected: PlaybackError?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty.mp3", bytes: { _ in Data() }, expected: .empty),
        Case(name: "truncated.mp3", bytes: { directory in
            let whole = try Data(contentsOf: try TestAudio.mp3(directory, rate: 44100, channels: 2, seconds: 2))
            return whole.prefix(whole.count / 2)
        }, expected: .truncated(.mp3)),
        Case(name: "random.mp3", bytes: { _ in noise(20_000, seed: 1) }, expected: .notEncodedAs(.mp3)),
        Case(name: "random-declared-mp3", bytes: { _ in noise(20_000, seed: 2) }, format: .mp3_44100_128, expected: .notEncodedAs(.mp3)),
        Case(name: "wav-named.mp3", bytes: { directory in
            try Data(contentsOf: try TestAudio.sox(directory, "tone.wav", options: ["-r", "44100", "-c", "1", "-b", "16"]))
        }, expected: .wavUnsupported),
        Case(name: "id3-then-noise.mp3", bytes: { _ in Data("ID3\u{4}\0\0\0\0\0\u{10}".utf8) + noise(5000, seed: 3) }, expected: .notEncodedAs(.mp3)),
        Case(name: "truncated.opus", bytes: { directory in
            let whole = try Data(contentsOf: try TestAudio.opus(directory))
            return whole.prefix(whole.count * 2 / 3)
        }, expected: .truncated(.opus)),
        Case(name: "oggs-then-noise.opus", bytes: { _ in Data("OggS".utf8) + noise(5000, seed: 4) }),
        Case(name: "random.opus", bytes: { _ in noise(5000, seed: 5) }, expected: .notEncodedAs(.opus)),
        Case(name: "odd-length.pcm", bytes: { _ in noise(4001, seed: 6) }, format: .pcm_16000, expected: .truncated(.pcm)),
        Case(name: "headerless.pcm", bytes: { _ in noise(4000, seed: 7) }, expected: .rawPCMNeedsFormat),
        Case(name: "random.bin", bytes: { _ in noise(4000, seed: 8) }, expected: .unrecognized),
        Case(name: "mp3-declared-as-opus", bytes: { directory in
            try Data(contentsOf: try TestAudio.mp3(directory, rate: 44100, channels: 1))
        }, format: .opus_48000_64, expected: .notEncodedAs(.opus)),
    ]

    @Test(arguments: cases)
    func givesOneError(_ input: Case) throws {
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent(input.name)
        try input.bytes(directory).write(to: file)
        let error = #expect(throws: PlaybackError.self) {
            _ = try Decoding.decoder(forFileAt: file.path, format: input.format).decodeAll()
        }
        if let expected = input.expected { #expect(error == expected) }
        #expect(error.map { !$0.description.contains("\n") } ?? false)
    }

    @Test func missingFile() throws {
        let error = #expect(throws: PlaybackError.self) {
            _ = try Decoding.decoder(forFileAt: "/nonexistent/preview.mp3")
        }
        guard case .unreadable(let path, _) = error else {
            Issue.record("expected .unreadable, got \(String(describing: error))")
            return
        }
        #expect(path == "/nonexistent/preview.mp3")
    }

    @Test func directoryIsUnreadable() throws {
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let error = #expect(throws: PlaybackError.self) { _ = try Decoding.decoder(forFileAt: directory.path) }
        #expect(error?.description == "cannot read \(directory.path): Is a directory")
    }

    /// Every decoder on every corpus file and on noise headed by each signature: errors allowed, crashes not.
    @Test func everyDecoderSurvivesNoise() {
        let heads = [Data(), Data("ID3\u{3}\0\0\0\0\0\0".utf8), Data([0xFF, 0xFB, 0x90, 0x64]), Data("OggS\0\u{2}".utf8)]
        let encodings: [AudioEncoding] = [.mp3, .opus, .pcm16(sampleRate: 22050), .ulaw, .alaw]
        for (index, head) in heads.enumerated() {
            for length in [1, 7, 418, 5000] {
                let data = head + Self.noise(length, seed: UInt64(100 * index + length))
                for encoding in encodings {
                    _ = try? Decoding.decoder(for: data, encoding: encoding).decodeAll()
                }
            }
        }
    }
}
