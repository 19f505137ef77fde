import Foundation
import RemixCore
import RemixEngine
import SessionStore
import Studio
import Testing
import TestSupport

/// The shared workflow on the real local engine, with a store in a folder of each test's own.
@Suite final class StudioTests {
    let folder: URL
    let location: StoreLocation

    init() throws {
        folder = try Tool.temporaryDirectory("studio")
        location = StoreLocation.fromEnvironment(["REMIX_DATA_DIR": folder.path])
    }

    deinit {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Sloane, the flite voice of the built-in catalog; short text and raw PCM, since a debug build runs the DSP slowly.
    static func request(voice: String = "X9l5cEUpneAIujcEOL0Y", session: String? = nil) -> RemixRequest {
        RemixRequest(
            voiceID: voice, voiceDescription: "a bit deeper",
            text: "The quick brown fox jumps over the lazy dog, and then it rests in the shade of an old oak tree until the sun goes down.",
            seed: 3, remixingSessionID: session, outputFormat: .pcm_16000)
    }

    /// A voice id that passes validation and that the engine rejects with `voiceNotFound`.
    static let unknownVoice = "NoSuchVoice000000000"

    func studio() throws -> Studio {
        let store = try SessionStore(location: location)
        return Studio(backend: try LocalEngine(archive: store), store: store)
    }

    @Test func aRemixIsStoredWithItsPreviewFilesOnDisk() async throws {
        let studio = try studio()
        let iteration = try await studio.remix(Self.request()) { _ in }
        #expect(iteration.status == .done)
        #expect(iteration.id != nil && iteration.sessionID != nil)
        #expect(iteration.backend == "local")
        #expect(iteration.previews.count == 3)
        for preview in iteration.previews {
            let file = try #require(preview.audioFile)
            #expect(file.pathExtension == "pcm")
            #expect(try Data(contentsOf: file).count > 0)
            #expect(!preview.played)
        }
        #expect(try studio.store.iteration(localID: iteration.localID) == iteration)
        #expect(try studio.store.sessions().map(\.id) == [iteration.sessionID])
    }

    @Test func aFailedFirstRequestIsListedInASessionOfItsOwn() async throws {
        let studio = try studio()
        let failure = try await #require(throws: IterationFailure.self) {
            try await studio.remix(Self.request(voice: Self.unknownVoice)) { _ in }
        }
        #expect(failure.underlying as? RemixError == .voiceNotFound(Self.unknownVoice))
        #expect(failure.description == RemixError.voiceNotFound(Self.unknownVoice).description)
        #expect(failure.iteration.status == .failed)
        #expect(failure.iteration.failure == failure.description)

        let sessions = try studio.store.sessions()
        #expect(sessions.count == 1)
        let session = try #require(sessions.first)
        #expect(session.id == failure.iteration.sessionID)
        #expect(session.voiceID == Self.unknownVoice && session.backend == "local" && session.iterationCount == 1)
        let iterations = try studio.store.iterations(inSession: session.id)
        #expect(iterations.map(\.status) == [.failed])
        #expect(iterations.first?.failure?.hasPrefix("voice_id: no voice with id") == true)
    }

    @Test func aFailureInAnExistingSessionIsShownInIt() async throws {
        let studio = try studio()
        let first = try studio.store.beginIteration(Self.request(), backend: "local")
        try studio.store.completeIteration(
            first, with: RemixResult(previews: [], text: "the script", remixingSessionID: "S", remixingSessionIterationID: "I1"),
            format: .pcm_16000)

        await #expect(throws: IterationFailure.self) {
            try await studio.remix(Self.request(voice: Self.unknownVoice, session: "S")) { _ in }
        }
        let iterations = try studio.store.iterations(inSession: "S")
        #expect(iterations.map(\.status) == [.done, .failed])
        #expect(iterations.last?.failure?.contains(Self.unknownVoice) == true)
        #expect(try studio.store.sessions().map(\.id) == ["S"])
    }

    @Test func aCancelledRemixIsStoredAsFailedWithCancelled() async throws {
        let studio = try studio()
        let request = Self.request()
        let remix = Task { [studio] in
            withUnsafeCurrentTask { $0?.cancel() }
            return try await studio.remix(request) { _ in }
        }
        let failure = try await #require(throws: IterationFailure.self) { try await remix.value }
        #expect(failure.underlying is CancellationError)
        #expect(failure.description == "cancelled")
        let session = try #require(try studio.store.sessions().first)
        #expect(try studio.store.iterations(inSession: session.id).map(\.failure) == ["cancelled"])
    }

    @Test func anInvalidRequestIsRefusedBeforeAnythingIsStored() async throws {
        let studio = try studio()
        await #expect(throws: ValidationFailure.self) {
            try await studio.remix(RemixRequest(voiceID: "", voiceDescription: "deeper")) { _ in }
        }
        #expect(try studio.store.sessions().isEmpty)
    }

    @Test func aKeptPreviewIsRecordedWithThePreviewsHeardBesideIt() async throws {
        let studio = try studio()
        let iteration = try await studio.remix(Self.request()) { _ in }
        let (chosen, heard) = (iteration.previews[0].generatedVoiceID, iteration.previews[1].generatedVoiceID)
        let kept = try await studio.keep(KeepRequest(
            voiceName: "Deeper Sloane", voiceDescription: "Sloane, a little deeper than before",
            generatedVoiceID: chosen, playedNotSelectedVoiceIDs: [heard]))
        #expect(kept.generatedVoiceID == chosen && kept.backend == "local")
        #expect(kept.playedNotSelectedVoiceIDs == [heard])
        #expect(try studio.store.keptVoices().map(\.voice) == [kept.voice])
        #expect(try await studio.backend.voices().contains(kept.voice))
    }

    @Test func playedMarksSurviveReopeningTheStore() async throws {
        let iteration = try await studio().remix(Self.request()) { _ in }
        let heard = iteration.previews[2].generatedVoiceID
        try SessionStore(location: location).markPlayed(generatedVoiceID: heard, iterationLocalID: iteration.localID)

        let reopened = try #require(try SessionStore(location: location).iteration(localID: iteration.localID))
        #expect(reopened.previews.map(\.played) == [false, false, true])
        let unknown = try #require(throws: StoreError.self) {
            try SessionStore(location: self.location).markPlayed(generatedVoiceID: heard, iterationLocalID: iteration.localID + 1)
        }
        #expect(unknown.description.contains(heard))
    }
}
