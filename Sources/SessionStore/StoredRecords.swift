import Foundation
import RemixCore

/// A remix session as stored: every iteration made in it, newest last.
public struct StoredSession: Sendable, Hashable, Codable {
    public var id: String
    public var backend: String
    public var voiceID: String
    public var createdAt: Date
    public var updatedAt: Date
    public var iterationCount: Int
}

/// One request of a session, with its parameters, and its previews once it is done.
public struct StoredIteration: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// Sent; no answer yet. An iteration left here was interrupted.
        case pending
        case done
        case failed
    }

    /// This store's own number for the iteration, known before the backend answers.
    public var localID: Int64
    /// The backend's `remixing_session_iteration_id`; nil until it answered.
    public var id: String?
    public var sessionID: String?
    public var backend: String
    public var request: RemixRequest
    /// The script spoken (the backend's, when it wrote one).
    public var text: String?
    public var status: Status
    public var failure: String?
    public var interpretation: String?
    public var createdAt: Date
    public var previews: [StoredPreview]
}

public struct StoredPreview: Sendable, Hashable, Codable {
    public var generatedVoiceID: String
    public var position: Int
    public var mediaType: String
    public var durationSecs: Double
    public var language: String?
    /// The audio file in the cache folder; nil when the preview was only streamed.
    public var audioFile: URL?
}

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
