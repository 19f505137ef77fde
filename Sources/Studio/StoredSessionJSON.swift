import Foundation
import RemixCore

/// A stored session as `remix sessions list --json` writes it, named as `remix generate` names it.
public struct SessionJSON: Encodable {
    let remixingSessionID: String
    let backend: String
    let voiceID: String
    let createdAt: Date
    let updatedAt: Date
    let iterationCount: Int

    public init(_ session: Session) {
        remixingSessionID = session.id
        backend = session.backend
        voiceID = session.voiceID
        createdAt = session.createdAt
        updatedAt = session.updatedAt
        iterationCount = session.iterationCount
    }
}

/// A stored iteration as `remix sessions show --json` and an export's `session.json` write it: the
/// request with the API's field names, and each preview's audio as a path.
public struct IterationJSON: Encodable {
    struct Preview: Encodable {
        let generatedVoiceID: String
        let position: Int
        let mediaType: String
        let durationSecs: Double
        let language: String?
        /// nil for a preview the backend only streams.
        let file: String?
        let played: Bool
        let rating: Int
        let note: String?
    }

    let localID: Int64
    /// The iteration it was branched from (the one open when it was sent), by local id and by its id.
    let parentLocalID: Int64?
    let parentRemixingSessionIterationID: String?
    let remixingSessionIterationID: String?
    let remixingSessionID: String?
    let backend: String
    let request: RemixRequest
    let text: String?
    let status: Iteration.Status
    let failure: String?
    let interpretation: String?
    let createdAt: Date
    let previews: [Preview]

    /// A session's iterations, each with its parent's id; `file` says where a preview's audio is, by
    /// default the stored file's path.
    public static func describing(
        _ iterations: [Iteration], file: (IterationPreview) -> String? = { $0.audioFile?.path }
    ) -> [IterationJSON] {
        iterations.map { iteration in
            IterationJSON(iteration, parent: iteration.parentLocalID.flatMap { id in iterations.first { $0.localID == id } }, file: file)
        }
    }

    init(_ iteration: Iteration, parent: Iteration?, file: (IterationPreview) -> String?) {
        localID = iteration.localID
        parentLocalID = iteration.parentLocalID
        parentRemixingSessionIterationID = parent?.id
        remixingSessionIterationID = iteration.id
        remixingSessionID = iteration.sessionID
        backend = iteration.backend
        request = iteration.request
        text = iteration.text
        status = iteration.status
        failure = iteration.failure
        interpretation = iteration.interpretation
        createdAt = iteration.createdAt
        previews = iteration.previews.map { preview in
            Preview(
                generatedVoiceID: preview.generatedVoiceID, position: preview.position, mediaType: preview.mediaType,
                durationSecs: preview.durationSecs, language: preview.language, file: file(preview), played: preview.played,
                rating: preview.rating, note: preview.note)
        }
    }
}
