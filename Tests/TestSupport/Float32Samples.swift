import Foundation

extension Array where Element == Float {
    /// Samples from little-endian float32 bytes, as `parec`, `sox -t f32` and `mpg123 -e f32` write them.
    public init(float32LittleEndian data: Data) {
        self = data.withUnsafeBytes { raw in
            (0..<(raw.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
    }
}
