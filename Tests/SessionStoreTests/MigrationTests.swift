import Foundation
import GRDB
import RemixCore
@testable import SessionStore
import Testing
import TestSupport

/// Stores made by earlier versions open with everything they held, built here by the migrations those
/// versions shipped (which are never edited) and filled as those versions filled them.
@Suite struct MigrationTests {
    let folder: URL
    let location: StoreLocation

    init() throws {
        folder = try Tool.temporaryDirectory("migration")
        location = StoreLocation.fromEnvironment(["REMIX_DATA_DIR": folder.path])
        try FileManager.default.createDirectory(at: location.audioDirectory, withIntermediateDirectories: true)
    }

    static let previousSchema = "v3: played previews"
    static let iterationColumns = "local_id, id, session_id, backend, request, text, status, failure, interpretation, created_at"
    static let previewColumns = "iteration_local_id, generated_voice_id, position, media_type, duration_secs, language, audio_file, played"

    static func json<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    /// The previous schema's store after a person's work, including its bug: iteration 2 repeated
    /// iteration 1's request and seed, so its previews (same ids) took iteration 1's rows over.
    func makePreviousStore() throws {
        let old = try DatabaseQueue(path: location.databaseFile.path)
        try SessionStore.migrator.migrate(old, upTo: Self.previousSchema)
        let asked = RemixRequest(voiceID: "v1", voiceDescription: "much deeper", seed: 7, outputFormat: .mp3_44100_128)
        var continued = asked
        continued.remixingSessionID = "S1"
        let iterations: [(Int64, String?, String?, RemixRequest, String)] = [
            (1, "I1", "S1", asked, "done"),
            (2, "I2", "S1", continued, "done"),
            (3, nil, "S1", RemixRequest(voiceID: "v1", voiceDescription: "older", seed: 7, remixingSessionID: "S1"), "failed"),
            (4, nil, nil, RemixRequest(voiceID: "v2", voiceDescription: "a whisper"), "pending"),
            (5, "I5", "S2", RemixRequest(voiceID: "v2", voiceDescription: "brighter", seed: 9), "done"),
            // Done and empty with no later twin (a streamed answer): nothing to give back.
            (6, "I6", "S2", RemixRequest(voiceID: "v2", voiceDescription: "darker", seed: 9, streamPreviews: true, remixingSessionID: "S2"), "done"),
        ]
        try old.write { db in
            let created = Date(timeIntervalSince1970: 1_780_000_000)
            for (id, voice) in [("S1", "v1"), ("S2", "v2")] {
                try db.execute(
                    sql: "INSERT INTO session (id, backend, voice_id, created_at, updated_at) VALUES (?, 'local', ?, ?, ?)",
                    arguments: [id, voice, created, created])
            }
            for (localID, id, session, request, status) in iterations {
                try db.execute(
                    sql: "INSERT INTO iteration (\(Self.iterationColumns)) VALUES (?, ?, ?, 'local', ?, ?, ?, ?, ?, ?)",
                    arguments: [localID, id, session, try Self.json(request), status == "done" ? "the script" : nil, status,
                                status == "failed" ? "could not reach the backend" : nil, status == "done" ? "deeper: −3 st" : nil,
                                created.addingTimeInterval(Double(localID))])
            }
            for (iteration, ids, played) in [(Int64(2), ["a", "b", "c"], "b"), (5, ["d", "e", "f"], "f")] {
                for (position, id) in ids.enumerated() {
                    let file = location.audioDirectory.appendingPathComponent("\(id).mp3")
                    try Data("mp3 of \(id)".utf8).write(to: file)
                    try db.execute(
                        sql: "INSERT INTO preview (\(Self.previewColumns)) VALUES (?, ?, ?, 'audio/mpeg', 2.5, 'en', ?, ?)",
                        arguments: [iteration, id, position, file.path, id == played])
                }
            }
            try db.execute(
                sql: """
                    INSERT INTO kept_voice (voice_id, generated_voice_id, backend, voice, played_not_selected, created_at)
                    VALUES ('kept1', 'a', 'local', ?, '["b"]', ?)
                    """,
                arguments: [try Self.json(Voice(voiceID: "kept1", name: "Deep", category: .generated)), created])
            try db.execute(
                sql: "INSERT INTO engine_archive (kind, id, state, created_at) VALUES ('local-engine.preview', 'a', ?, ?)",
                arguments: [Data([1, 2, 3]), created])
        }
        try old.close()
    }

    func dump(_ sql: String) throws -> [Row] {
        let queue = try DatabaseQueue(path: location.databaseFile.path)
        defer { try? queue.close() }
        return try queue.read { try Row.fetchAll($0, sql: sql) }
    }

    @Test func aStoreOfThePreviousSchemaIsMigratedWithNothingLost() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try makePreviousStore()
        let tables = [
            "SELECT \(Self.iterationColumns) FROM iteration WHERE local_id != 4 ORDER BY local_id",
            "SELECT \(Self.previewColumns) FROM preview WHERE iteration_local_id != 1 ORDER BY iteration_local_id, position",
            "SELECT * FROM session WHERE id IN ('S1', 'S2') ORDER BY id",
            "SELECT * FROM kept_voice",
            "SELECT * FROM engine_archive",
        ]
        let before = try tables.map(dump)

        let store = try SessionStore(location: location)
        #expect(try tables.map(dump) == before, "every row of the previous store is there, unchanged")

        let first = try store.iterations(inSession: "S1")
        #expect(first.map(\.status) == [.done, .done, .failed])
        #expect(first[0].previews.map(\.generatedVoiceID) == ["a", "b", "c"], "the previews taken over are given back")
        #expect(first[0].previews.map(\.played) == [false, false, false])
        #expect(first[1].previews.map(\.played) == [false, true, false])
        for iteration in first.prefix(2) {
            for preview in iteration.previews {
                let file = try #require(preview.audioFile)
                #expect(try Data(contentsOf: file) == Data("mp3 of \(preview.generatedVoiceID)".utf8))
            }
        }
        #expect(try store.iterations(inSession: "S2").map(\.previews.count) == [3, 0])
        #expect(try store.keptVoices().map(\.playedNotSelectedVoiceIDs) == [["b"]])
        #expect(try store.archived(kind: "local-engine.preview", id: "a") == Data([1, 2, 3]))

        // The old version's run that never ended is listed, interrupted, in a session of its own.
        let left = try #require(try store.iteration(localID: 4))
        #expect(left.status == .interrupted)
        let session = try #require(left.sessionID)
        #expect(try store.iterations(inSession: session).map(\.localID) == [4])

        // The new schema holds the same ids in two iterations from now on.
        try store.markPlayed(generatedVoiceID: "a", iterationLocalID: 1)
        #expect(try store.iteration(localID: 2)?.previews.first?.played == false)
        let checked = try dump("PRAGMA integrity_check")
        #expect(checked.map { $0[0] as String } == ["ok"])
    }

    /// Before branches, each remix of a session followed the one before it: a migrated session is a chain.
    @Test func theSessionsOfAnEarlierStoreBecomeChains() throws {
        try makePreviousStore()
        let store = try SessionStore(location: location)
        #expect(try store.iterations(inSession: "S1").map(\.parentLocalID) == [nil, 1, 2])
        #expect(try store.iterations(inSession: "S2").map(\.parentLocalID) == [nil, 5])
    }
}
