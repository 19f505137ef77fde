import Foundation
import RemixCore
import SessionStore

/// The remix workflow every front end shares: each request is noted before it is sent, run on the
/// backend, and completed or failed in the store the moment it returns; a kept preview is recorded
/// with the previews heard beside it. The CLI and the workbench differ only in how they show it.
public final class Studio: Sendable {
    public let backend: any RemixBackend
    public let store: SessionStore

    public init(backend: any RemixBackend, store: SessionStore) {
        self.backend = backend
        self.store = store
    }

    /// Notes the iteration before sending (under `parent`, the iteration it branches from), runs it,
    /// completes it in the store (audio files + rows) the moment it returns, or marks it failed. Returns
    /// the stored iteration.
    ///
    /// Throws a `ValidationFailure` for a request no backend would take (nothing is stored then),
    /// `IterationFailure` when the backend fails or the task is cancelled, and a `StoreError` when the
    /// store cannot record the iteration.
    public func remix(
        _ request: RemixRequest, branchingFrom parent: Int64? = nil, progress: @escaping @Sendable (RemixProgress) -> Void
    ) async throws -> Iteration {
        try request.validate()
        let localID = try store.beginIteration(request, backend: backend.name, parent: parent)
        let result: RemixResult
        do {
            try Task.checkCancellation()
            result = try await backend.remix(request, progress: progress)
        } catch {
            // A cancelled request often fails with its transport's own error; it is still a cancellation.
            let underlying = Task.isCancelled ? CancellationError() : error
            let failed = try store.failIteration(localID, reason: ErrorMessage.oneLine(underlying))
            throw IterationFailure(iteration: failed, underlying: underlying)
        }
        // An answer that arrives after a cancellation is kept all the same: it was generated (and, on
        // ElevenLabs, paid for), and nothing generated is thrown away.
        do {
            return try store.completeIteration(localID, with: result, format: request.outputFormat)
        } catch {
            // Say why it is not done rather than leave it pending, if the store can still be written.
            _ = try? store.failIteration(localID, reason: ErrorMessage.oneLine(error))
            throw error
        }
    }

    /// Creates a voice from a preview and records it as kept (with played-not-selected ids).
    public func keep(_ request: KeepRequest) async throws -> KeptVoice {
        try request.validate()
        let voice = try await backend.keep(request)
        let kept = KeptVoice(
            voice: voice, generatedVoiceID: request.generatedVoiceID, backend: backend.name,
            playedNotSelectedVoiceIDs: request.playedNotSelectedVoiceIDs ?? [], createdAt: Date())
        try store.recordKept(kept)
        return kept
    }
}
