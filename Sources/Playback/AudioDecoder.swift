import Foundation
import RemixCore

/// A decoder that hands out audio a chunk at a time, so playback can start before the whole
/// preview is decoded.
public protocol AudioDecoder: AnyObject {
    var sampleRate: Int { get }
    var channels: Int { get }
    /// The next chunk of about `maxFrames` frames, or nil at the end of the stream. Decoders return whole
    /// codec frames, so a chunk may run over by less than one (1152 frames for MP3, 5760 for Opus).
    func nextChunk(maxFrames: Int) throws(PlaybackError) -> PCMBuffer?
}

extension AudioDecoder {
    /// Everything that is left, as one buffer.
    public func decodeAll() throws(PlaybackError) -> PCMBuffer {
        var whole = PCMBuffer(samples: [], sampleRate: sampleRate, channels: channels)
        while let chunk = try nextChunk(maxFrames: .max) {
            if whole.samples.isEmpty {
                whole = chunk
            } else {
                whole.samples.append(contentsOf: chunk.samples)
            }
        }
        return whole
    }
}

/// Entry points from bytes or files to decoders and buffers.
public enum Decoding {
    public static func decoder(for data: Data, encoding: AudioEncoding) throws(PlaybackError) -> any AudioDecoder {
        guard !data.isEmpty else { throw .empty }
        switch encoding {
        case .mp3: return try MP3Decoder(data: data)
        case .opus: return try OpusDecoder(data: data)
        case .pcm16(let rate): return try RawPCMDecoder(data: data, sampleRate: rate)
        case .ulaw: return G711Decoder(data: data, law: .ulaw)
        case .alaw: return G711Decoder(data: data, law: .alaw)
        }
    }

    /// Decodes a preview the API returned in `format`.
    public static func decode(_ data: Data, format: OutputFormat) throws(PlaybackError) -> PCMBuffer {
        let encoding = try AudioFormatSniffer.encoding(of: data, declared: format)
        return try decoder(for: data, encoding: encoding).decodeAll()
    }

    /// A decoder for a file; its format is `format` when given, else judged from its content and name.
    /// A path rather than a URL: the first use of `URL.path` in a process costs ~0.2 ms, which
    /// `remix play` would spend before its first sound.
    public static func decoder(forFileAt path: String, format: OutputFormat? = nil) throws(PlaybackError) -> any AudioDecoder {
        let data = try contents(ofFileAt: path)
        let encoding = try AudioFormatSniffer.encoding(of: data, fileExtension: fileExtension(of: path), declared: format)
        return try decoder(for: data, encoding: encoding)
    }

    /// `mp3` of `dir/take.2.mp3`; nil without a dot in the last component, or with only a leading one.
    static func fileExtension(of path: String) -> String? {
        let name = path.split(separator: "/", omittingEmptySubsequences: true).last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        return String(name[name.index(after: dot)...])
    }

    /// The file's bytes. A regular file is mapped, not read: `remix play` starts decoding as soon as the
    /// first pages are in, instead of after a copy of the whole file (and `Data(contentsOf:)` spends
    /// another half millisecond on its way there). The mapping is gone with the decoder, which lives
    /// only while the file is decoded. Pipes and devices (`/dev/stdin`) are read to their end.
    private static func contents(ofFileAt path: String) throws(PlaybackError) -> Data {
        func failure() -> PlaybackError { .unreadable(path: path, reason: String(cString: strerror(errno))) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw failure() }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw failure() }
        let size = Int(status.st_size)
        if status.st_mode & S_IFMT == S_IFREG, size > 0 {
            guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else { throw failure() }
            return Data(bytesNoCopy: base, count: size, deallocator: .custom { base, size in munmap(base, size) })
        }
        var data = Data()
        var block = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw failure() }
            guard count > 0 else { return data }
            data.append(contentsOf: block[..<count])
        }
    }
}
