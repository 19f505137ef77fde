import Foundation
import RemixCore
import RemixEngine
import Testing
import TestSupport

/// Every `output_format`, as the reference tools decode what the engine makes of it.
@Suite struct EncodedFormatTests {
    /// `duration_secs` is what a player plays: decoders differ on how they trim (MP3 tags, Opus pre-skip
    /// and end granule), so each format is decoded by its own reference tool, and the audio must still
    /// be the speech at the requested loudness, not a silence of the right length.
    @Test(arguments: OutputFormat.allCases)
    func decodesToItsDurationAtItsRate(format: OutputFormat) async throws {
        let engine = try LocalEngine()
        let result = try await engine.remix(Fixtures.request("slightly deeper", voice: Fixtures.espeakVoice, format: format))
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }

        #expect(result.previews.count == 3)
        for (index, preview) in result.previews.enumerated() {
            #expect(preview.mediaType == format.mediaType)
            let file = directory.appendingPathComponent("\(index).\(format.fileExtension)")
            try preview.audio.write(to: file)
            let decoded = try ReferenceDecoder.decode(file, as: format)
            #expect(decoded.sampleRate == format.sampleRate && decoded.channels == 1)
            #expect(abs(decoded.duration - preview.durationSecs) <= 0.03, "decoded \(decoded.duration) s, reported \(preview.durationSecs) s")
            let loudness = try LoudnessMeter.integratedLUFS(decoded)
            #expect(abs(loudness - Self.defaultLoudnessLUFS) <= 1.5, "\(loudness) LUFS")
        }
    }

    /// −24 + 8 × the default loudness 0.5.
    static let defaultLoudnessLUFS = -20.0

    /// Constant bit rate: the bytes per second played are the named rate, give or take the Ogg pages and
    /// the headers.
    @Test(arguments: OutputFormat.allCases.filter { $0.codec == .opus })
    func opusHasTheNamedBitRate(format: OutputFormat) async throws {
        let engine = try LocalEngine()
        let result = try await engine.remix(Fixtures.request("slightly higher", format: format))
        let named = Double(try #require(format.bitRateKbps))
        for preview in result.previews {
            let kbps = Double(preview.audio.count * 8) / preview.durationSecs / 1000
            #expect(abs(kbps - named) <= 0.05 * named, "\(kbps) kbps for \(format.rawValue)")
        }
    }

    /// libopusenc picks the Ogg serial number with `rand()` unless told one; a drawn one would differ
    /// between the two requests.
    @Test func opusRepeatsByteForByte() async throws {
        let request = Fixtures.request("a bit older", format: .opus_48000_32)
        let first = try await LocalEngine().remix(request)
        let again = try await LocalEngine().remix(request)
        #expect(again.previews == first.previews)
    }
}
