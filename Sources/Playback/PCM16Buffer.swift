import RemixCore

/// Audio as the player holds it: 16-bit samples, as sound servers and `mpg123` play them, at half the
/// memory of the decoders' floats (a minute of stereo is 10.6 MB instead of 21.2) with nothing audible
/// lost. A caller that keeps decoded audio waiting to be played keeps it in this form: handing it to
/// the player then shares the samples rather than converting or copying them.
public struct PCM16Buffer: Sendable {
    public typealias Sample = Int16

    public let samples: [Sample]
    public let sampleRate: Int
    public let channels: Int

    /// Converts `buffer`; minutes of audio take milliseconds, so the player does it before taking its locks.
    public init(_ buffer: PCMBuffer) {
        samples = Self.quantized(buffer.samples)
        sampleRate = buffer.sampleRate
        channels = buffer.channels
    }

    public var duration: Double { Double(samples.count / channels) / Double(sampleRate) }

    static func quantized(_ samples: [Float]) -> [Sample] {
        samples.map { Sample((max(-1, min(1, $0)) * Float(Sample.max)).rounded()) }
    }
}
