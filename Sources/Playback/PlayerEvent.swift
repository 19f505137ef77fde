/// What a `PulsePlayer` reports while it plays.
public enum PlayerEvent: Sendable, Equatable {
    /// About 20 times a second while playing.
    case tick(PlayerTick)
    /// The track played to its end.
    case finished
    /// Playback stopped; `play()` tries again (and reconnects if the server went away).
    case failed(PlaybackError)
}

public struct PlayerTick: Sendable, Equatable {
    /// Seconds of the track heard so far.
    public var position: Double
    public var duration: Double
    /// Level of the last tick's worth of audio heard, 0…1 (linear).
    public var rms: Float
    public var peak: Float

    public init(position: Double, duration: Double, rms: Float, peak: Float) {
        self.position = position
        self.duration = duration
        self.rms = rms
        self.peak = peak
    }
}
