import Foundation
import RemixCore

/// A preview's bytes and how long they play.
struct EncodedAudio: Sendable {
    var data: Data
    /// What a player plays: the samples for PCM and G.711; for MP3, see `MP3Encoder`.
    var durationSecs: Double
}

/// Turns finished audio (already at the format's sample rate) into the bytes of an `output_format`.
enum OutputEncoder {
    /// Every MP3, PCM and G.711 format. Opus is not encoded yet.
    static let supportedFormats: [OutputFormat] = OutputFormat.allCases.filter { $0.codec != .opus }

    static func encode(_ buffer: PCMBuffer, as format: OutputFormat) throws -> EncodedAudio {
        switch format.codec {
        case .mp3:
            guard let bitRate = format.bitRateKbps else {
                throw RemixError.engineFailure("\(format.rawValue) names no bit rate")
            }
            let mp3 = try MP3Encoder.encode(buffer, bitRateKbps: bitRate)
            return EncodedAudio(data: mp3.data, durationSecs: mp3.playedDuration)
        case .pcm:
            return EncodedAudio(data: PCMEncoder.encode(buffer.samples), durationSecs: buffer.duration)
        case .ulaw:
            return EncodedAudio(data: G711Encoder.muLaw(buffer.samples), durationSecs: buffer.duration)
        case .alaw:
            return EncodedAudio(data: G711Encoder.aLaw(buffer.samples), durationSecs: buffer.duration)
        case .opus:
            throw RemixError.unsupportedFormat(format, supported: supportedFormats)
        }
    }
}
