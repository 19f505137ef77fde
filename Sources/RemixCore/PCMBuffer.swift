/// Decoded audio: interleaved 32-bit float samples in −1…1.
public struct PCMBuffer: Sendable, Hashable {
    public var samples: [Float]
    public var sampleRate: Int
    public var channels: Int

    public init(samples: [Float], sampleRate: Int, channels: Int) {
        precondition(channels > 0 && sampleRate > 0, "a PCM buffer needs at least one channel and a positive rate")
        self.samples = samples
        self.sampleRate = sampleRate
        self.channels = channels
    }

    /// Frames: one sample per channel.
    public var frameCount: Int { samples.count / channels }

    public var duration: Double { Double(frameCount) / Double(sampleRate) }
}
