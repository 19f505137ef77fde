import Foundation
import RemixCore

/// Decodes with the reference command-line tools, to check the project's audio against them.
public enum ReferenceDecoder {
    /// mpg123's own decode of an MP3 file (gapless, as mpg123 plays it).
    public static func mp3(_ file: URL) throws -> PCMBuffer {
        try decode(file, as: .mp3_44100_128)
    }

    /// A file in `format` as its reference tool decodes it: mpg123 for MP3, opusdec for Ogg Opus (which
    /// honours pre-skip and the end granule), sox for the headerless PCM and G.711 formats.
    public static func decode(_ file: URL, as format: OutputFormat) throws -> PCMBuffer {
        let wav = FileManager.default.temporaryDirectory.appendingPathComponent("ref-\(UUID().uuidString).wav")
        defer { try? FileManager.default.removeItem(at: wav) }
        switch format.codec {
        case .mp3:
            try Tool.run("mpg123", ["-q", "-w", wav.path, file.path])
        case .opus:
            try Tool.run("opusdec", ["--quiet", "--rate", "48000", file.path, wav.path])
        case .pcm, .ulaw, .alaw:
            let encoding = switch format.codec {
            case .ulaw: ["-e", "u-law", "-b", "8"]
            case .alaw: ["-e", "a-law", "-b", "8"]
            default: ["-e", "signed-integer", "-b", "16", "-L"]
            }
            try Tool.run("sox", ["-t", "raw", "-r", String(format.sampleRate), "-c", "1"] + encoding
                + [file.path, "-e", "signed-integer", "-b", "16", wav.path])
        }
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
