import Foundation

/// One request of a session, with its parameters, and its previews once it is done.
public struct Iteration: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// Sent; no answer yet, and the process that sent it is still running.
        case pending
        case done
        case failed
        /// The process that sent it ended before the answer was stored (killed, crashed, powered off);
        /// found so by the next process to open the store.
        case interrupted
    }

    /// The store's own number for the iteration, known before the backend answers.
    public var localID: Int64
    /// The backend's `remixing_session_iteration_id`; nil until it answered.
    public var id: String?
    public var sessionID: String?
    public var backend: String
    public var request: RemixRequest
    /// The script spoken (the backend's, when it wrote one).
    public var text: String?
    public var status: Status
    /// Why it failed or was interrupted, as one line.
    public var failure: String?
    /// What the local engine made of the prompt (`Interpretation.summary`).
    public var interpretation: String?
    public var createdAt: Date
    /// When it was done, failed, or found interrupted; nil while pending.
    public var endedAt: Date?
    public var previews: [IterationPreview]
    /// The iteration that was open when this one was sent: its branch of the session's tree. Nil for the
    /// first of a session.
    public var parentLocalID: Int64?

    public init(
        localID: Int64, id: String?, sessionID: String?, backend: String, request: RemixRequest, text: String?,
        status: Status, failure: String?, interpretation: String?, createdAt: Date, endedAt: Date? = nil,
        previews: [IterationPreview], parentLocalID: Int64? = nil
    ) {
        self.localID = localID
        self.id = id
        self.sessionID = sessionID
        self.backend = backend
        self.request = request
        self.text = text
        self.status = status
        self.failure = failure
        self.interpretation = interpretation
        self.createdAt = createdAt
        self.endedAt = endedAt
        self.previews = previews
        self.parentLocalID = parentLocalID
    }
}
