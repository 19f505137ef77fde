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
    public static func decoder(forFileAt url: URL, format: OutputFormat? = nil) throws(PlaybackError) -> any AudioDecoder {
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? error.localizedDescription
            throw .unreadable(path: url.path, reason: reason)
        }
        let encoding = try AudioFormatSniffer.encoding(of: data, fileExtension: url.pathExtension, declared: format)
        return try decoder(for: data, encoding: encoding)
    }
}
