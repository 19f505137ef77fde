import Foundation
import RemixCore
@testable import SessionStore
import Testing
import TestSupport

/// What opening a store settles: iterations whose process is gone, and audio no row names. Killed
/// processes themselves are in RemixCLITests (`StoreSurvivesKillsTests`); here a process is a store.
@Suite struct StoreRecoveryTests {
    let folder: URL
    let location: StoreLocation

    init() throws {
        folder = try Tool.temporaryDirectory("recovery")
        location = StoreLocation.fromEnvironment(["REMIX_DATA_DIR": folder.path])
    }

    func answer(_ ids: [String]) -> RemixResult {
        RemixResult(
            previews: ids.map { Preview(generatedVoiceID: $0, audio: Data("mp3 of \($0)".utf8), mediaType: "audio/mpeg", durationSecs: 1, language: "en") },
            text: "the script", remixingSessionID: "S", remixingSessionIterationID: Identifier.random(), interpretation: nil)
    }

    func names(in directory: URL) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
    }

    @Test func aPendingIterationIsInterruptedOnlyOnceItsStoreIsGone() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        var running: SessionStore? = try SessionStore(location: location)
        let first = try #require(running).beginIteration(RemixRequest(voiceID: "v", voiceDescription: "older"), backend: "local")

        // Another process opening the store meanwhile leaves the running one's iteration alone.
        let meanwhile = try SessionStore(location: location)
        #expect(try meanwhile.iteration(localID: first)?.status == .pending)
        #expect(try meanwhile.sessions().isEmpty)

        running = nil
        let next = try SessionStore(location: location)
        let interrupted = try #require(try next.iteration(localID: first))
        #expect(interrupted.status == .interrupted)
        #expect(interrupted.failure == "the process that sent it ended before the answer was stored")
        let ended = try #require(interrupted.endedAt)
        #expect(ended >= interrupted.createdAt)
        // A first request has no session of the backend's: it gets one, so it is listed and shown.
        let session = try #require(interrupted.sessionID)
        #expect(try next.sessions().map(\.id) == [session])
        #expect(try next.iterations(inSession: session).map(\.localID) == [first])
        #expect(try names(in: location.leaseDirectory).count == 2, "the leases of the two open stores, no more")
    }

    @Test func audioNoRowNamesIsSweptOnOpen() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let kept: [URL]
        do {
            let store = try SessionStore(location: location)
            let localID = try store.beginIteration(RemixRequest(voiceID: "v", voiceDescription: "older"), backend: "local")
            kept = try store.completeIteration(localID, with: answer(["a", "b", "c"]), format: .mp3_44100_128).previews.compactMap(\.audioFile)
        }
        let audio = location.audioDirectory
        for left in ["9-orphan.mp3", ".9-orphan.mp3.tmp-1234", "old.pcm"] {
            try Data("left by a killed run".utf8).write(to: audio.appendingPathComponent(left))
        }
        try FileManager.default.createDirectory(at: audio.appendingPathComponent("someone's folder"), withIntermediateDirectories: true)

        _ = try SessionStore(location: location)
        #expect(try names(in: audio) == Set(kept.map(\.lastPathComponent) + [".store", "someone's folder"]))
        for file in kept { #expect(FileManager.default.fileExists(atPath: file.path)) }
    }

    @Test func filesBeingStoredByAnotherProcessAreNotSwept() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SessionStore(location: location)
        let writing = location.audioDirectory.appendingPathComponent("5-not-yet-a-row.mp3")
        try PreviewFolder(directory: location.audioDirectory, database: location.databaseFile.resolvingSymlinksInPath()).whileWriting {
            try Data("half of an answer".utf8).write(to: writing)
            _ = try SessionStore(location: location)
            #expect(FileManager.default.fileExists(atPath: writing.path))
        }
        _ = try SessionStore(location: location)
        #expect(!FileManager.default.fileExists(atPath: writing.path), "once no writer is busy, the orphan goes")
    }

    /// A different `XDG_DATA_HOME` with the same `XDG_CACHE_HOME`: two databases, one audio folder.
    @Test func aFolderSharedWithAnotherDatabaseIsNotSwept() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let audio = folder.appendingPathComponent("cache/previews")
        let mine = StoreLocation(dataDirectory: folder.appendingPathComponent("mine"), audioDirectory: audio)
        let other = StoreLocation(dataDirectory: folder.appendingPathComponent("other"), audioDirectory: audio)
        let store = try SessionStore(location: mine)
        let localID = try store.beginIteration(RemixRequest(voiceID: "v", voiceDescription: "older"), backend: "local")
        let files = try store.completeIteration(localID, with: answer(["a"]), format: .mp3_44100_128).previews.compactMap(\.audioFile)

        _ = try SessionStore(location: other)
        for file in files { #expect(FileManager.default.fileExists(atPath: file.path)) }
    }
}
