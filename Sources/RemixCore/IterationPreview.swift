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
    /// The person's rating, from −3 to 3 (`+` / `-` in the workbench); 0 when unrated.
    public var rating: Int
    /// The person's one-line note.
    public var note: String?
    /// Its loudness envelope, loudness and peak, once measured.
    public var shape: TakeShape?

    public static let ratingRange = -3...3

    public init(
        generatedVoiceID: String, position: Int, mediaType: String, durationSecs: Double, language: String?,
        audioFile: URL?, played: Bool, rating: Int = 0, note: String? = nil, shape: TakeShape? = nil
    ) {
        self.generatedVoiceID = generatedVoiceID
        self.position = position
        self.mediaType = mediaType
        self.durationSecs = durationSecs
        self.language = language
        self.audioFile = audioFile
        self.played = played
        self.rating = rating
        self.note = note
        self.shape = shape
    }
}
