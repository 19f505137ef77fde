import Foundation

/// A preview of an iteration as stored: its metadata, where its audio is, and whether it was heard.
public struct IterationPreview: Sendable, Hashable, Codable {
    public var generatedVoiceID: String
    public var position: Int
    public var mediaType: String
    public var durationSecs: Double
    public var language: String?
    /// The audio file in the cache folder; nil when the preview was only streamed.
    public var audioFile: URL?
    /// Heard at least once: a kept voice reports the heard ones it was chosen over.
    public var played: Bool

    public init(
        generatedVoiceID: String, position: Int, mediaType: String, durationSecs: Double, language: String?,
        audioFile: URL?, played: Bool
    ) {
        self.generatedVoiceID = generatedVoiceID
        self.position = position
        self.mediaType = mediaType
        self.durationSecs = durationSecs
        self.language = language
        self.audioFile = audioFile
        self.played = played
    }
}
