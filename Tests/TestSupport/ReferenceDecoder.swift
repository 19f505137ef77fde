import Foundation
import RemixCore

/// Decodes with the reference command-line tools, to check the project's audio against them.
public enum ReferenceDecoder {
    /// mpg123's own decode of an MP3 file (gapless, as mpg123 plays it).
    public static func mp3(_ file: URL) throws -> PCMBuffer {
        let wav = FileManager.default.temporaryDirectory.appendingPathComponent("ref-\(UUID().uuidString).wav")
        defer { try? FileManager.default.removeItem(at: wav) }
        try Tool.run("mpg123", ["-q", "-w", wav.path, file.path])
        return try WAV.read(Data(contentsOf: wav))
    }
}

/// Just enough RIFF/WAVE reading for the 16-bit PCM files the reference tools write.
public enum WAV {
    public struct Unreadable: Error, CustomStringConvertible {
        public let description: String
    }

    public static func read(_ data: Data) throws -> PCMBuffer {
        let bytes = [UInt8](data)
        func u32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        guard bytes.count >= 12, String(decoding: bytes[0..<4], as: UTF8.self) == "RIFF",
            String(decoding: bytes[8..<12], as: UTF8.self) == "WAVE"
        else { throw Unreadable(description: "not a RIFF/WAVE file") }
        var offset = 12
        var channels = 0, rate = 0, bits = 0
        while offset + 8 <= bytes.count {
            let id = String(decoding: bytes[offset..<offset + 4], as: UTF8.self)
            // Streaming writers put 0 or 0xFFFFFFFF as the data size; the data then runs to the end.
            var size = u32(offset + 4)
            let body = offset + 8
            if id == "fmt " {
                channels = u16(body + 2)
                rate = u32(body + 4)
                bits = u16(body + 14)
            } else if id == "data" {
                guard bits == 16, channels > 0 else { throw Unreadable(description: "only 16-bit PCM is read (got \(bits) bits)") }
                if size == 0 || body + size > bytes.count { size = bytes.count - body }
                let samples = stride(from: body, to: body + size - 1, by: 2).map { index in
                    Float(Int16(bitPattern: UInt16(bytes[index]) | UInt16(bytes[index + 1]) << 8)) / 32768
                }
                return PCMBuffer(samples: samples, sampleRate: rate, channels: channels)
            }
            offset = body + size + (size & 1)
        }
        throw Unreadable(description: "no data chunk")
    }
}
