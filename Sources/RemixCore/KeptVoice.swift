import Foundation

/// A voice created from a preview, and the previews heard before choosing it.
public struct KeptVoice: Sendable, Hashable, Codable {
    public var voice: Voice
    public var generatedVoiceID: String
    public var backend: String
    public var playedNotSelectedVoiceIDs: [String]
    public var createdAt: Date

    public init(voice: Voice, generatedVoiceID: String, backend: String, playedNotSelectedVoiceIDs: [String], createdAt: Date) {
        self.voice = voice
        self.generatedVoiceID = generatedVoiceID
        self.backend = backend
        self.playedNotSelectedVoiceIDs = playedNotSelectedVoiceIDs
        self.createdAt = createdAt
    }
}
