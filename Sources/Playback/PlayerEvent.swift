/// What a `PulsePlayer` reports while it plays. All but a failure name the track they are about, so a
/// consumer can tell what belongs to a track that an A/B switch or a new load has since replaced.
public enum PlayerEvent: Sendable, Equatable {
    /// About 20 times a second while playing.
    case tick(PlayerTick)
    /// The phase or the track changed: sent by every command and callback that changes either.
    case phaseChanged(PulsePlayer.Phase, track: TrackNumber)
    /// The track played to its end.
    case finished(track: TrackNumber)
    /// Playback stopped; `play()` tries again (and reconnects if the server went away).
    case failed(PlaybackError)
}

/// Counts the tracks a player has loaded, from 1; `load` and `switch(to:)` return the new one's.
public typealias TrackNumber = UInt64

public struct PlayerTick: Sendable, Equatable {
    public var track: TrackNumber
    /// Seconds of the track heard so far.
    public var position: Double
    public var duration: Double
    /// Level of the last tick's worth of audio heard, 0…1 (linear).
    public var rms: Float
    public var peak: Float

    public init(track: TrackNumber, position: Double, duration: Double, rms: Float, peak: Float) {
        self.track = track
        self.position = position
        self.duration = duration
        self.rms = rms
        self.peak = peak
    }
}
