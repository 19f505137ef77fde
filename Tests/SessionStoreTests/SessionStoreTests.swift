import Foundation
import RemixCore
import SessionStore
import Testing
import TestSupport

@Suite struct SessionStoreTests {
    let folder: URL
    let location: StoreLocation

    init() throws {
        folder = try Tool.temporaryDirectory("store")
        location = StoreLocation.fromEnvironment(["REMIX_DATA_DIR": folder.path])
    }

    /// Each preview's audio is "mp3 of <id>", followed by `take` to tell two answers with the same ids apart.
    func result(session: String, iteration: String, ids: [String], take: String = "") -> RemixResult {
        RemixResult(
            previews: ids.map { Preview(generatedVoiceID: $0, audio: Data("mp3 of \($0)\(take)".utf8), mediaType: "audio/mpeg", durationSecs: 1.5, language: "en") },
            text: "the script", remixingSessionID: session, remixingSessionIterationID: iteration,
            interpretation: Interpretation(applied: ["pitch −4 st"], unrecognized: []))
    }

    @Test func anIterationIsPendingUntilItsAnswerIsStored() throws {
        let store = try SessionStore(location: location)
        let request = RemixRequest(voiceID: "voice", voiceDescription: "deeper", seed: 7, guidanceScale: 4)
        let localID = try store.beginIteration(request, backend: "local")
        #expect(try store.iteration(localID: localID)?.status == .pending)

        let stored = try store.completeIteration(localID, with: result(session: "S", iteration: "I1", ids: ["a", "b", "c"]), format: .mp3_44100_128)
        #expect(stored.status == .done)
        #expect(stored.id == "I1" && stored.sessionID == "S")
        #expect(stored.request == request)
        #expect(stored.previews.map(\.generatedVoiceID) == ["a", "b", "c"])
        #expect(stored.interpretation == "pitch −4 st")
        let file = try #require(stored.previews[1].audioFile)
        #expect(file.deletingLastPathComponent().standardizedFileURL == location.audioDirectory.standardizedFileURL)
        #expect(try Data(contentsOf: file) == Data("mp3 of b".utf8))
    }

    /// The same request and seed give the same generated ids; each iteration keeps its own previews,
    /// audio and played marks, even when a backend sends different audio under the same ids.
    @Test func theSameGeneratedIDsInTwoIterationsAreTwoTakes() throws {
        let store = try SessionStore(location: location)
        let request = RemixRequest(voiceID: "voice", voiceDescription: "deeper", seed: 7)
        let first = try store.beginIteration(request, backend: "local")
        try store.completeIteration(first, with: result(session: "S", iteration: "I1", ids: ["a", "b", "c"], take: " 1"), format: .mp3_44100_128)
        var again = request
        again.remixingSessionID = "S"
        let second = try store.beginIteration(again, backend: "local")
        try store.completeIteration(second, with: result(session: "S", iteration: "I2", ids: ["a", "b", "c"], take: " 2"), format: .mp3_44100_128)
        try store.markPlayed(generatedVoiceID: "b", iterationLocalID: first)
        try store.markPlayed(generatedVoiceID: "c", iterationLocalID: second)

        let iterations = try SessionStore(location: location).iterations(inSession: "S")
        #expect(iterations.map(\.localID) == [first, second])
        #expect(iterations.map { $0.previews.map(\.generatedVoiceID) } == [["a", "b", "c"], ["a", "b", "c"]])
        #expect(iterations.map { $0.previews.map(\.played) } == [[false, true, false], [false, false, true]])
        for (iteration, take) in zip(iterations, [" 1", " 2"]) {
            for preview in iteration.previews {
                let file = try #require(preview.audioFile)
                #expect(try Data(contentsOf: file) == Data("mp3 of \(preview.generatedVoiceID)\(take)".utf8))
            }
        }
        #expect(throws: StoreError.self) { try store.markPlayed(generatedVoiceID: "a", iterationLocalID: second + 1) }
    }

    @Test func everythingSurvivesReopeningTheStore() throws {
        do {
            let store = try SessionStore(location: location)
            let first = try store.beginIteration(RemixRequest(voiceID: "v", voiceDescription: "older"), backend: "local")
            try store.completeIteration(first, with: result(session: "S", iteration: "I1", ids: ["a"]), format: .pcm_16000)
            let second = try store.beginIteration(RemixRequest(voiceID: "v", voiceDescription: "older still", remixingSessionID: "S"), backend: "local")
            try store.completeIteration(second, with: result(session: "S", iteration: "I2", ids: ["b"]), format: .pcm_16000)
            let failed = try store.beginIteration(RemixRequest(voiceID: "v", voiceDescription: "oldest", remixingSessionID: "S"), backend: "local")
            try store.failIteration(failed, reason: "could not reach elevenlabs: timed out")
            try store.recordKept(KeptVoice(
                voice: Voice(voiceID: "kept1", name: "Old Tom", category: .generated, labels: ["age": "old"]),
                generatedVoiceID: "a", backend: "local", playedNotSelectedVoiceIDs: ["b"], createdAt: Date()))
        }
        let reopened = try SessionStore(location: location)
        let sessions = try reopened.sessions()
        #expect(sessions.map(\.id) == ["S"])
        #expect(sessions.first?.iterationCount == 3)
        let iterations = try reopened.iterations(inSession: "S")
        #expect(iterations.map(\.status) == [.done, .done, .failed])
        #expect(iterations.map(\.request.voiceDescription) == ["older", "older still", "oldest"])
        #expect(iterations[2].failure == "could not reach elevenlabs: timed out")
        #expect(iterations[1].previews.first?.audioFile?.pathExtension == "pcm")
        let kept = try reopened.keptVoices()
        #expect(kept.map(\.voice.name) == ["Old Tom"])
        #expect(kept.first?.playedNotSelectedVoiceIDs == ["b"])
    }

    @Test func unknownSessionIsNamed() throws {
        let store = try SessionStore(location: location)
        #expect(throws: StoreError.self) { try store.iterations(inSession: "nope") }
        do { _ = try store.iterations(inSession: "nope") } catch {
            #expect(error.description.contains("'nope'"))
        }
    }

    @Test func archiveKeepsOpaqueStateByKindAndID() throws {
        let store = try SessionStore(location: location)
        try store.archive(Data([1, 2, 3]), kind: "preview", id: "g1")
        try store.archive(Data([4]), kind: "voice", id: "g1")
        #expect(try store.archived(kind: "preview", id: "g1") == Data([1, 2, 3]))
        #expect(try store.archived(kind: "preview") == [Data([1, 2, 3])])
        #expect(try store.archived(kind: "preview", id: "missing") == nil)
    }

    @Test func aCorruptStoreIsReportedWithItsFile() throws {
        try FileManager.default.createDirectory(at: location.dataDirectory, withIntermediateDirectories: true)
        try Data(repeating: 0x41, count: 4096).write(to: location.databaseFile)
        do {
            _ = try SessionStore(location: location)
            Issue.record("opening a corrupt store should fail")
        } catch {
            #expect(error.description.contains(location.databaseFile.path))
            #expect(error.description.contains("damaged"))
        }
    }

    @Test func xdgDirectoriesAreUsedWithoutTheOverride() {
        let location = StoreLocation.fromEnvironment(["HOME": "/home/u", "XDG_DATA_HOME": "/d", "XDG_CACHE_HOME": "/c"])
        #expect(location.databaseFile.path == "/d/remix-workbench/workbench.sqlite")
        #expect(location.audioDirectory.path == "/c/remix-workbench/previews")
        let fallback = StoreLocation.fromEnvironment(["HOME": "/home/u"])
        #expect(fallback.dataDirectory.path == "/home/u/.local/share/remix-workbench")
    }

    @Test func ratingsNotesAndBranchesAreStoredPerIteration() throws {
        let store = try SessionStore(location: location)
        let request = RemixRequest(voiceID: "voice", voiceDescription: "deeper", seed: 7)
        let first = try store.beginIteration(request, backend: "local")
        try store.completeIteration(first, with: result(session: "S", iteration: "I1", ids: ["a", "b", "c"]), format: .mp3_44100_128)
        var continued = request
        continued.remixingSessionID = "S"
        // The same request and seed again, branched from the first: the same generated ids, rated apart.
        let second = try store.beginIteration(continued, backend: "local", parent: first)
        try store.completeIteration(second, with: result(session: "S", iteration: "I2", ids: ["a", "b", "c"], take: " again"), format: .mp3_44100_128)
        try store.annotatePreview(generatedVoiceID: "b", iterationLocalID: second, rating: 3, note: "the one")
        try store.annotatePreview(generatedVoiceID: "a", iterationLocalID: first, rating: -1, note: "")

        let reopened = try SessionStore(location: location)
        let iterations = try reopened.iterations(inSession: "S")
        #expect(iterations.map(\.parentLocalID) == [nil, first])
        #expect(iterations[0].previews.map(\.rating) == [-1, 0, 0] && iterations[0].previews.allSatisfy { $0.note == nil })
        #expect(iterations[1].previews.map(\.rating) == [0, 3, 0] && iterations[1].previews[1].note == "the one")
        #expect(throws: StoreError.self) { try reopened.annotatePreview(generatedVoiceID: "z", iterationLocalID: first, rating: 1, note: nil) }

        let shape = TakeShape(envelope: [0, 3, 6, 2], integratedLUFS: -21.5, peakDBFS: -1.5)
        try reopened.recordShape(shape, generatedVoiceID: "c", iterationLocalID: second)
        let measured = try SessionStore(location: location).iterations(inSession: "S")
        #expect(measured[1].previews.map(\.shape) == [nil, nil, shape] && measured[0].previews.allSatisfy { $0.shape == nil })
    }
}
