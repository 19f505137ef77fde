import Foundation
import RemixCore

/// Turns finished audio (already at the format's sample rate) into the bytes of an `output_format`.
enum OutputEncoder {
    /// Every MP3, PCM and G.711 format. Opus is not encoded yet.
    static let supportedFormats: [OutputFormat] = OutputFormat.allCases.filter { $0.codec != .opus }

    static func encode(_ buffer: PCMBuffer, as format: OutputFormat) throws -> Data {
        switch format.codec {
        case .mp3:
            guard let bitRate = format.bitRateKbps else {
                throw RemixError.engineFailure("\(format.rawValue) names no bit rate")
            }
            return try MP3Encoder.encode(buffer, bitRateKbps: bitRate)
        case .pcm:
            return PCMEncoder.encode(buffer.samples)
        case .ulaw:
            return G711Encoder.muLaw(buffer.samples)
        case .alaw:
            return G711Encoder.aLaw(buffer.samples)
        case .opus:
            throw RemixError.unsupportedFormat(format, supported: supportedFormats)
        }
    }
}
