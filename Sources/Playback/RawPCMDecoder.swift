import Foundation
import RemixCore

/// Signed 16-bit little-endian mono, the API's headerless `pcm_*` formats.
public final class RawPCMDecoder: AudioDecoder {
    public let sampleRate: Int
    public let channels = 1
    private let data: Data
    private var offset = 0

    public init(data: Data, sampleRate: Int) throws(PlaybackError) {
        guard !data.isEmpty else { throw .empty }
        guard data.count.isMultiple(of: 2) else { throw .truncated(.pcm) }
        self.data = data
        self.sampleRate = sampleRate
    }

    public func nextChunk(maxFrames: Int) throws(PlaybackError) -> PCMBuffer? {
        let frames = min(maxFrames, (data.count - offset) / 2)
        guard frames > 0 else { return nil }
        let samples = data.withUnsafeBytes { raw in
            [Float](unsafeUninitializedCapacity: frames) { out, count in
                for i in 0..<frames {
                    let bits = raw.loadUnaligned(fromByteOffset: offset + 2 * i, as: UInt16.self)
                    out[i] = Float(Int16(bitPattern: UInt16(littleEndian: bits))) / 32768
                }
                count = frames
            }
        }
        offset += frames * 2
        return PCMBuffer(samples: samples, sampleRate: sampleRate, channels: 1)
    }
}
