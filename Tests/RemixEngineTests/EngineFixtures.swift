import Foundation
import RemixCore
import TestSupport

/// Requests, voices and decoding shared by the engine tests. Texts are short because a debug build
/// runs the DSP slowly.
enum Fixtures {
    /// Sloane, the flite slt voice of the built-in catalog.
    static let fliteVoice = "X9l5cEUpneAIujcEOL0Y"
    /// Jordan, the espeak-ng en-us voice of the built-in catalog.
    static let espeakVoice = "yNu0hlcnYPAX8mn5L08N"
    static let text = "The quick brown fox jumps over the lazy dog, and then it rests in the shade of an old oak tree until the sun goes down."

    static func request(
        _ description: String, voice: String = fliteVoice, seed: Int? = 7, format: OutputFormat = .pcm_16000,
        promptStrength: Double? = nil, guidance: Double = RemixRequest.defaultGuidanceScale,
        loudness: Double = RemixRequest.defaultLoudness
    ) -> RemixRequest {
        RemixRequest(
            voiceID: voice, voiceDescription: description, text: text, loudness: loudness, seed: seed,
            guidanceScale: guidance, promptStrength: promptStrength, outputFormat: format)
    }

    /// Raw s16le mono as the `pcm_*` formats deliver it.
    static func pcm(_ data: Data, rate: Int) -> PCMBuffer {
        let samples = stride(from: 0, to: data.count - 1, by: 2).map { index in
            Float(Int16(bitPattern: UInt16(data[data.startIndex + index]) | UInt16(data[data.startIndex + index + 1]) << 8)) / 32768
        }
        return PCMBuffer(samples: samples, sampleRate: rate, channels: 1)
    }

    /// Writes the MP3 to disk and decodes it with the mpg123 command-line tool.
    static func decodeMP3(_ data: Data, in directory: URL, name: String) throws -> PCMBuffer {
        let file = directory.appendingPathComponent("\(name).mp3")
        try data.write(to: file)
        return try ReferenceDecoder.mp3(file)
    }

    /// The median of the previews' median F0s, robust to one preview's offset or estimate.
    static func medianF0(_ buffers: [PCMBuffer]) -> Double {
        let values = buffers.compactMap(PitchEstimator.medianF0).sorted()
        return values.isEmpty ? 0 : values[values.count / 2]
    }
}
