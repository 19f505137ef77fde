import CMPG123
import Foundation
import RemixCore

/// MPEG audio (layers I–III, every MPEG-1/2/2.5 rate, mono or stereo, CBR or VBR) decoded from memory
/// by libmpg123 into float. Gapless: the encoder delay and padding a LAME/Xing header declares are cut,
/// so the length is the length that was encoded.
public final class MP3Decoder: AudioDecoder {
    public private(set) var sampleRate = 0
    public private(set) var channels = 0
    private let handle: OpaquePointer
    private let data: Data
    private var fedBytes = 0
    private var decodedFrames = 0
    /// The first MPEG frame, decoded while learning the format in `init`.
    private var primed: [Float] = []
    private var ended = false

    /// Bytes handed to libmpg123 at a time; it copies them, so a small step keeps its buffer small.
    private static let feedStep = 16 * 1024

    public init(data: Data) throws(PlaybackError) {
        var status: Int32 = 0
        guard let handle = mpg123_new(nil, &status) else {
            throw .undecodable(.mp3, detail: String(cString: mpg123_plain_strerror(status)))
        }
        self.handle = handle
        self.data = data
        let flags = MPG123_GAPLESS.rawValue | MPG123_FORCE_FLOAT.rawValue | MPG123_QUIET.rawValue
        mpg123_param2(handle, Int32(MPG123_ADD_FLAGS.rawValue), Int(flags), 0)
        // Accept every rate as float so libmpg123 never resamples: the sound server does that.
        mpg123_format_none(handle)
        var rates: UnsafePointer<Int>?
        var rateCount = 0
        mpg123_rates(&rates, &rateCount)
        for rate in UnsafeBufferPointer(start: rates, count: rateCount) {
            mpg123_format(handle, rate, Int32(MPG123_MONO.rawValue | MPG123_STEREO.rawValue), Int32(MPG123_ENC_FLOAT_32.rawValue))
        }
        guard mpg123_open_feed(handle) == MPG123_OK.rawValue else {
            throw .undecodable(.mp3, detail: String(cString: mpg123_strerror(handle)))
        }
        guard let first = try decodeFrame() else { throw .notEncodedAs(.mp3) }
        primed = Array(first)
    }

    deinit {
        mpg123_delete(handle)
    }

    public func nextChunk(maxFrames: Int) throws(PlaybackError) -> PCMBuffer? {
        var samples = primed
        primed = []
        // One MPEG frame over, since whole frames are returned.
        let wanted = maxFrames == .max ? remainingFramesEstimate : maxFrames + 1152
        samples.reserveCapacity(min(wanted, 1 << 26) * channels)
        while samples.count / channels < maxFrames, let frame = try decodeFrame() {
            samples.append(contentsOf: frame)
        }
        guard !samples.isEmpty else {
            try checkComplete()
            return nil
        }
        return PCMBuffer(samples: samples, sampleRate: sampleRate, channels: channels)
    }

    /// Frames still to come when the header declares the length; a guess for reserving memory otherwise.
    private var remainingFramesEstimate: Int {
        let total = Int(mpg123_length(handle))
        return total > decodedFrames ? total - decodedFrames + 1152 : 1 << 20
    }

    /// Decodes the next MPEG frame; the buffer is libmpg123's and valid until the next call.
    private func decodeFrame() throws(PlaybackError) -> UnsafeBufferPointer<Float>? {
        while !ended {
            var number: off_t = 0
            var audio: UnsafeMutablePointer<UInt8>?
            var bytes = 0
            let status = mpg123_decode_frame(handle, &number, &audio, &bytes)
            switch status {
            case MPG123_OK.rawValue:
                guard let audio, bytes > 0 else { continue }
                let count = bytes / MemoryLayout<Float>.size
                decodedFrames += count / channels
                return UnsafeBufferPointer(start: UnsafeRawPointer(audio).assumingMemoryBound(to: Float.self), count: count)
            case MPG123_NEW_FORMAT.rawValue:
                try readFormat()
            case MPG123_NEED_MORE.rawValue:
                if !feed() { ended = true }
            case MPG123_DONE.rawValue:
                ended = true
            default:
                throw .undecodable(.mp3, detail: String(cString: mpg123_strerror(handle)))
            }
        }
        return nil
    }

    private func feed() -> Bool {
        let step = min(Self.feedStep, data.count - fedBytes)
        guard step > 0 else { return false }
        let status = data.withUnsafeBytes { raw in
            mpg123_feed(handle, raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + fedBytes, step)
        }
        fedBytes += step
        return status == MPG123_OK.rawValue
    }

    private func readFormat() throws(PlaybackError) {
        var rate = 0
        var channelCount: Int32 = 0
        var encoding: Int32 = 0
        mpg123_getformat(handle, &rate, &channelCount, &encoding)
        if sampleRate != 0, rate != sampleRate || Int(channelCount) != channels {
            throw .undecodable(.mp3, detail: "the sample rate or channel count changes mid-stream")
        }
        guard encoding == Int32(MPG123_ENC_FLOAT_32.rawValue), rate > 0, channelCount > 0 else {
            throw .undecodable(.mp3, detail: "libmpg123 offered no float output")
        }
        sampleRate = rate
        channels = Int(channelCount)
    }

    /// A LAME/Xing header states the length; falling short of it means the file was cut.
    private func checkComplete() throws(PlaybackError) {
        let declared = Int(mpg123_length(handle))
        if declared > 0, decodedFrames < declared { throw .truncated(.mp3) }
    }
}
