import Foundation
import RemixCore

/// Raw signed 16-bit little-endian mono, the `pcm_*` formats.
enum PCMEncoder {
    /// Rounds to the nearest step and saturates, since the peak limiter allows rounding up to full scale.
    static func int16Samples(_ samples: [Float]) -> [Int16] {
        samples.map { Int16((max(-1, min(1, $0)) * 32767).rounded()) }
    }

    static func encode(_ samples: [Float]) -> Data {
        var data = Data(capacity: samples.count * 2)
        for sample in int16Samples(samples) {
            withUnsafeBytes(of: sample.littleEndian) { data.append(contentsOf: $0) }
        }
        return data
    }
}

extension PCMEncoder {
    /// The inverse of `encode`, for audio the engine archived as 16-bit PCM.
    static func decode(_ data: Data, sampleRate: Int) -> PCMBuffer {
        let samples = data.withUnsafeBytes { raw in
            raw.bindMemory(to: Int16.self).map { Float(Int16(littleEndian: $0)) / 32767 }
        }
        return PCMBuffer(samples: samples, sampleRate: sampleRate, channels: 1)
    }
}
