import Foundation

/// A remix session as stored: every iteration made in it, newest last.
public struct Session: Sendable, Hashable, Codable {
    /// The backend's `remixing_session_id`, or one minted locally when its first request failed
    /// before the backend named a session.
    public var id: String
    public var backend: String
    public var voiceID: String
    public var createdAt: Date
    public var updatedAt: Date
    public var iterationCount: Int

    public init(id: String, backend: String, voiceID: String, createdAt: Date, updatedAt: Date, iterationCount: Int) {
        self.id = id
        self.backend = backend
        self.voiceID = voiceID
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.iterationCount = iterationCount
    }
}
