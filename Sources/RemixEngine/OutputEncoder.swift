import Foundation
import RemixCore

/// A preview's bytes and how long they play.
struct EncodedAudio: Sendable {
    var data: Data
    /// What a player plays: the samples for PCM and G.711; for MP3 and Opus, see their encoders.
    var durationSecs: Double
}

/// Turns finished audio (already at the format's sample rate) into the bytes of an `output_format`.
enum OutputEncoder {
    static func encode(_ buffer: PCMBuffer, as format: OutputFormat) throws -> EncodedAudio {
        switch format.codec {
        case .mp3:
            let mp3 = try MP3Encoder.encode(buffer, bitRateKbps: try bitRate(of: format))
            return EncodedAudio(data: mp3.data, durationSecs: mp3.playedDuration)
        case .pcm:
            return EncodedAudio(data: PCMEncoder.encode(buffer.samples), durationSecs: buffer.duration)
        case .ulaw:
            return EncodedAudio(data: G711Encoder.muLaw(buffer.samples), durationSecs: buffer.duration)
        case .alaw:
            return EncodedAudio(data: G711Encoder.aLaw(buffer.samples), durationSecs: buffer.duration)
        case .opus:
            let opus = try OpusEncoder.encode(buffer, bitRateKbps: try bitRate(of: format))
            return EncodedAudio(data: opus.data, durationSecs: opus.playedDuration)
        }
    }

    private static func bitRate(of format: OutputFormat) throws -> Int {
        guard let bitRate = format.bitRateKbps else {
            throw RemixError.engineFailure("\(format.rawValue) names no bit rate")
        }
        return bitRate
    }
}
