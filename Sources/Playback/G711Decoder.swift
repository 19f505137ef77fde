import Foundation
import RemixCore

/// G.711 µ-law and A-law at 8 kHz mono (ITU-T G.711), expanded to the same 16-bit values sox uses.
public final class G711Decoder: AudioDecoder {
    public enum Law: Sendable {
        case ulaw, alaw
    }

    public let sampleRate = 8000
    public let channels = 1
    private let data: Data
    private let table: [Float]
    private var offset = 0

    public init(data: Data, law: Law) {
        self.data = data
        table = law == .ulaw ? Self.ulawTable : Self.alawTable
    }

    public func nextChunk(maxFrames: Int) throws(PlaybackError) -> PCMBuffer? {
        let frames = min(maxFrames, data.count - offset)
        guard frames > 0 else { return nil }
        let samples = data[data.startIndex + offset ..< data.startIndex + offset + frames].map { table[Int($0)] }
        offset += frames
        return PCMBuffer(samples: samples, sampleRate: sampleRate, channels: 1)
    }

    static let ulawTable: [Float] = (0...255).map { byte in
        let u = ~UInt8(byte)
        let exponent = Int((u >> 4) & 0x07), mantissa = Int(u & 0x0F)
        let magnitude = (((mantissa << 3) + 0x84) << exponent) - 0x84
        return Float(u & 0x80 != 0 ? -magnitude : magnitude) / 32768
    }

    static let alawTable: [Float] = (0...255).map { byte in
        let a = UInt8(byte) ^ 0x55
        let exponent = Int((a >> 4) & 0x07), mantissa = Int(a & 0x0F)
        let magnitude = exponent == 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1)
        return Float(a & 0x80 != 0 ? magnitude : -magnitude) / 32768
    }
}
