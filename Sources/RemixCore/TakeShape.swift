/// A take at a glance: its loudness envelope over the whole preview, its integrated loudness and
/// its peak. Measured once from the decoded audio and stored with the preview.
public struct TakeShape: Sendable, Hashable, Codable {
    /// Levels 0 (silent) … 8 (full scale), one for each equal slice of the preview.
    public var envelope: [UInt8]
    /// LUFS; nil for audio too short or too quiet to have one.
    public var integratedLUFS: Double?
    /// dBFS of the largest sample; nil for silence.
    public var peakDBFS: Double?

    public static let defaultWidth = 24

    public init(envelope: [UInt8], integratedLUFS: Double?, peakDBFS: Double?) {
        self.envelope = envelope
        self.integratedLUFS = integratedLUFS
        self.peakDBFS = peakDBFS
    }

    /// The envelope in block characters, one a slice, from ` ` (silence) to `█`.
    public var sparkline: String {
        String(envelope.map { Self.blocks[Int(min($0, 8))] })
    }

    static let blocks: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
}
