import Foundation
import GRDB
import RemixCore

/// Every iteration and kept voice, in SQLite (WAL) so that nothing a person generated is lost to
/// a crash, a failed request or a restart. Audio lives in files beside it; rows point at them.
///
/// Opening a store settles what killed processes left: their pending iterations become interrupted,
/// and audio no row names is swept from the previews folder.
public final class SessionStore: BackendArchive {
    public let location: StoreLocation
    private let database: DatabasePool
    private let previews: PreviewFolder
    /// Held while the store is open; the pending iterations begun here name it.
    private let lease: OwnerLease

    public init(location: StoreLocation = .fromEnvironment()) throws(StoreError) {
        self.location = location
        let file = location.databaseFile
        do {
            try FileManager.default.createDirectory(at: location.dataDirectory, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: location.audioDirectory, withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.busyMode = .timeout(5)
            configuration.foreignKeysEnabled = true
            database = try Self.whileHoldingSetUpLock(of: location) {
                let pool = try DatabasePool(path: file.path, configuration: configuration)
                try Self.migrator.migrate(pool)
                return pool
            }
            lease = try OwnerLease(in: location.leaseDirectory)
        } catch {
            throw Self.storeError(error, file: file)
        }
        previews = PreviewFolder(directory: location.audioDirectory, database: file.resolvingSymlinksInPath())
        try settleInterrupted()
        try sweepPreviews()
    }

    // MARK: - Iterations

    /// Notes a request before it is sent, so that even an interrupted one leaves a trace; `parent` is the
    /// iteration it branches from.
    public func beginIteration(_ request: RemixRequest, backend: String, parent: Int64? = nil) throws(StoreError) -> Int64 {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO iteration (session_id, backend, request, status, created_at, owner, parent_local_id)
                    VALUES (?, ?, ?, 'pending', ?, ?, ?)
                    """,
                arguments: [request.remixingSessionID, backend, try Self.json(request), Date(), lease.token, parent])
            return db.lastInsertedRowID
        }
    }

    /// Stores the answer: the audio files first, then the rows in one transaction, so a row never
    /// points at a file that is not there. Each iteration has its own files, named by its local id:
    /// the same inputs and seed give the same generated ids, and one iteration's answer must never
    /// replace another's.
    @discardableResult
    public func completeIteration(_ localID: Int64, with result: RemixResult, format: OutputFormat) throws(StoreError) -> Iteration {
        do {
            try previews.whileWriting {
                var files: [String: URL] = [:]
                do {
                    for preview in result.previews where !preview.audio.isEmpty {
                        let file = location.audioDirectory.appendingPathComponent(
                            "\(localID)-\(preview.generatedVoiceID).\(format.fileExtension)")
                        // Not atomic: no one reads the file before its row exists, and a file cut short
                        // by a kill has no row, so the next opening sweeps it.
                        try preview.audio.write(to: file)
                        files[preview.generatedVoiceID] = file
                    }
                } catch {
                    throw StoreError.unusable(location.audioDirectory, reason: error.localizedDescription)
                }
                try write { db in
                    try Self.touchSession(result.remixingSessionID, of: localID, at: Date(), db)
                    try db.execute(
                        sql: """
                            UPDATE iteration SET id = ?, session_id = ?, text = ?, status = 'done', interpretation = ?,
                            ended_at = ?, owner = NULL
                            WHERE local_id = ?
                            """,
                        arguments: [result.remixingSessionIterationID, result.remixingSessionID, result.text,
                                    result.interpretation?.summary, Date(), localID])
                    for (position, preview) in result.previews.enumerated() {
                        try db.execute(
                            sql: """
                                INSERT OR REPLACE INTO preview
                                (iteration_local_id, generated_voice_id, position, media_type, duration_secs, language, audio_file)
                                VALUES (?, ?, ?, ?, ?, ?, ?)
                                """,
                            arguments: [localID, preview.generatedVoiceID, position, preview.mediaType, preview.durationSecs,
                                        preview.language, files[preview.generatedVoiceID]?.path])
                    }
                }
            }
        } catch {
            throw Self.storeError(error, file: location.databaseFile)
        }
        return try storedIteration(localID)
    }

    /// Marks a request that got no usable answer; whatever was stored before stays.
    @discardableResult
    public func failIteration(_ localID: Int64, reason: String) throws(StoreError) -> Iteration {
        try write { db in try Self.end(localID, as: .failed, reason: reason, at: Date(), db) }
        return try storedIteration(localID)
    }

    private static let interruptedReason = "the process that sent it ended before the answer was stored"

    /// Marks interrupted the pending iterations whose process is gone: their owner's lease is no
    /// longer held (or they predate leases). An iteration another running process is waiting on keeps
    /// its lease locked, so it stays pending. Only read unless there is something to settle, so that
    /// opening the store does not wait for another process's write.
    private func settleInterrupted() throws(StoreError) {
        let leases = location.leaseDirectory
        let owners = try read { db in try String?.fetchAll(db, sql: "SELECT DISTINCT owner FROM iteration WHERE status = 'pending'") }
        let gone = owners.filter { owner in !(owner.map { OwnerLease.isHeld($0, in: leases) } ?? false) }
        if !gone.isEmpty {
            try write { db in
                let now = Date()
                for owner in gone {
                    let pending = try Row.fetchAll(
                        db, sql: "SELECT local_id, created_at FROM iteration WHERE status = 'pending' AND owner IS ?", arguments: [owner])
                    for row in pending {
                        try Self.end(row["local_id"], as: .interrupted, reason: Self.interruptedReason, at: now, sessionTime: row["created_at"], db)
                    }
                }
            }
        }
        OwnerLease.sweepAbandoned(in: leases)
    }

    /// Removes audio no row names: written by a process killed before its rows were.
    private func sweepPreviews() throws(StoreError) {
        do {
            try previews.sweep {
                try database.read { db in
                    Set(try String.fetchAll(db, sql: "SELECT audio_file FROM preview WHERE audio_file IS NOT NULL")
                        .map { URL(fileURLWithPath: $0).lastPathComponent })
                }
            }
        } catch {
            throw Self.storeError(error, file: location.databaseFile)
        }
    }

    /// Stores the person's rating and note of a preview (a note that is empty is none).
    public func annotatePreview(generatedVoiceID: String, iterationLocalID: Int64, rating: Int, note: String?) throws(StoreError) {
        let annotated = try write { db in
            try db.execute(
                sql: "UPDATE preview SET rating = ?, note = ? WHERE generated_voice_id = ? AND iteration_local_id = ?",
                arguments: [rating, note.flatMap { $0.isEmpty ? nil : $0 }, generatedVoiceID, iterationLocalID])
            return db.changesCount
        }
        if annotated == 0 { throw .unknownPreview(generatedVoiceID) }
    }

    /// Stores a preview's measured shape (loudness envelope, loudness, peak), so it is measured once.
    public func recordShape(_ shape: TakeShape, generatedVoiceID: String, iterationLocalID: Int64) throws(StoreError) {
        let recorded = try write { db in
            try db.execute(
                sql: "UPDATE preview SET shape = ? WHERE generated_voice_id = ? AND iteration_local_id = ?",
                arguments: [try Self.json(shape), generatedVoiceID, iterationLocalID])
            return db.changesCount
        }
        if recorded == 0 { throw .unknownPreview(generatedVoiceID) }
    }

    /// Notes that a preview was heard, so that keeping another can name it as played but not selected.
    public func markPlayed(generatedVoiceID: String, iterationLocalID: Int64) throws(StoreError) {
        let marked = try write { db in
            try db.execute(
                sql: "UPDATE preview SET played = 1 WHERE generated_voice_id = ? AND iteration_local_id = ?",
                arguments: [generatedVoiceID, iterationLocalID])
            return db.changesCount
        }
        if marked == 0 { throw .unknownPreview(generatedVoiceID) }
    }

    public func iteration(localID: Int64) throws(StoreError) -> Iteration? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM iteration WHERE local_id = ?", arguments: [localID])
                .map { try Self.iteration(from: $0, db) }
        }
    }

    /// The iteration the backend named `id` (its `remixing_session_iteration_id`).
    public func iteration(id: String) throws(StoreError) -> Iteration? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM iteration WHERE id = ?", arguments: [id]).map { try Self.iteration(from: $0, db) }
        }
    }

    /// An iteration just written, which must be there.
    private func storedIteration(_ localID: Int64) throws(StoreError) -> Iteration {
        guard let stored = try iteration(localID: localID) else {
            throw .unusable(location.databaseFile, reason: "iteration \(localID) vanished while being stored")
        }
        return stored
    }

    // MARK: - Sessions

    public func sessions() throws(StoreError) -> [Session] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.*, (SELECT COUNT(*) FROM iteration i WHERE i.session_id = s.id) AS iteration_count
                FROM session s ORDER BY s.updated_at DESC
                """).map { row in
                Session(
                    id: row["id"], backend: row["backend"], voiceID: row["voice_id"], createdAt: row["created_at"],
                    updatedAt: row["updated_at"], iterationCount: row["iteration_count"])
            }
        }
    }

    /// The session's iterations, oldest first.
    public func iterations(inSession sessionID: String) throws(StoreError) -> [Iteration] {
        let found = try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM iteration WHERE session_id = ? ORDER BY local_id", arguments: [sessionID])
                .map { try Self.iteration(from: $0, db) }
        }
        if found.isEmpty { throw .unknownSession(sessionID) }
        return found
    }

    // MARK: - Kept voices

    public func recordKept(_ kept: KeptVoice) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO kept_voice (voice_id, generated_voice_id, backend, voice, played_not_selected, created_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [kept.voice.voiceID, kept.generatedVoiceID, kept.backend, try Self.json(kept.voice),
                            try Self.json(kept.playedNotSelectedVoiceIDs), kept.createdAt])
        }
    }

    public func keptVoices() throws(StoreError) -> [KeptVoice] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM kept_voice ORDER BY created_at").map { row in
                KeptVoice(
                    voice: try Self.decode(Voice.self, row["voice"]), generatedVoiceID: row["generated_voice_id"],
                    backend: row["backend"], playedNotSelectedVoiceIDs: try Self.decode([String].self, row["played_not_selected"]),
                    createdAt: row["created_at"])
            }
        }
    }

    // MARK: - BackendArchive: the local engine's previews and kept voices

    public func archive(_ state: Data, kind: String, id: String) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO engine_archive (kind, id, state, created_at) VALUES (?, ?, ?, ?)",
                arguments: [kind, id, state, Date()])
        }
    }

    public func archived(kind: String, id: String) throws(StoreError) -> Data? {
        try read { db in
            try Data.fetchOne(db, sql: "SELECT state FROM engine_archive WHERE kind = ? AND id = ?", arguments: [kind, id])
        }
    }

    public func archived(kind: String) throws(StoreError) -> [Data] {
        try read { db in
            try Data.fetchAll(db, sql: "SELECT state FROM engine_archive WHERE kind = ? ORDER BY created_at", arguments: [kind])
        }
    }

    // MARK: - Plumbing

    /// Two processes opening a new store at once (two `remix generate` in a script) would race to
    /// switch it to WAL and to migrate it; an advisory lock beside the database lets one set up at a time.
    private static func whileHoldingSetUpLock<T>(of location: StoreLocation, _ work: () throws -> T) throws -> T {
        let lockFile = location.dataDirectory.appendingPathComponent("workbench.sqlite.setup-lock").path
        let descriptor = open(lockFile, O_CREAT | O_RDWR, 0o600)
        guard descriptor >= 0 else { return try work() }
        defer { close(descriptor) }
        flock(descriptor, LOCK_EX)
        defer { flock(descriptor, LOCK_UN) }
        return try work()
    }

    private func write<T>(_ work: (Database) throws -> T) throws(StoreError) -> T {
        do { return try database.write(work) } catch { throw Self.storeError(error, file: location.databaseFile) }
    }

    private func read<T>(_ work: (Database) throws -> T) throws(StoreError) -> T {
        do { return try database.read(work) } catch { throw Self.storeError(error, file: location.databaseFile) }
    }

    private static func storeError(_ error: any Error, file: URL) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let error = error as? DatabaseError else { return .unusable(file, reason: "\(error)") }
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(file)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt(file, reason: error.message ?? "not a database")
        default: return .unusable(file, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// Creates the session of iteration `localID` on its first iteration, or notes the activity of a known one.
    private static func touchSession(_ sessionID: String, of localID: Int64, at time: Date, _ db: Database) throws {
        guard let noted = try Row.fetchOne(db, sql: "SELECT backend, request FROM iteration WHERE local_id = ?", arguments: [localID])
        else { return }
        let voiceID = try decode(RemixRequest.self, noted["request"]).voiceID
        try db.execute(
            sql: """
                INSERT INTO session (id, backend, voice_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET updated_at = max(updated_at, excluded.updated_at)
                """,
            arguments: [sessionID, noted["backend"] as String, voiceID, time, time])
    }

    /// Ends a pending iteration as failed or interrupted. A first request ends before the backend names
    /// its session, so it gets a session of its own, minted here: every such iteration is listed and
    /// shown like any other. The session's activity is `sessionTime`, the iteration's own time for one
    /// found interrupted long after, so that finding it does not move its session to the top of the list.
    private static func end(
        _ localID: Int64, as status: Iteration.Status, reason: String, at time: Date, sessionTime: Date? = nil, _ db: Database
    ) throws {
        guard let noted = try Row.fetchOne(db, sql: "SELECT session_id FROM iteration WHERE local_id = ?", arguments: [localID])
        else { return }
        let sessionID = (noted["session_id"] as String?) ?? Identifier.random()
        try touchSession(sessionID, of: localID, at: sessionTime ?? time, db)
        try db.execute(
            sql: "UPDATE iteration SET status = ?, failure = ?, session_id = ?, ended_at = ?, owner = NULL WHERE local_id = ?",
            arguments: [status.rawValue, reason, sessionID, time, localID])
    }

    private static func iteration(from row: Row, _ db: Database) throws -> Iteration {
        let localID: Int64 = row["local_id"]
        let previews = try Row.fetchAll(
            db, sql: "SELECT * FROM preview WHERE iteration_local_id = ? ORDER BY position", arguments: [localID]
        ).map { preview in
            IterationPreview(
                generatedVoiceID: preview["generated_voice_id"], position: preview["position"],
                mediaType: preview["media_type"], durationSecs: preview["duration_secs"], language: preview["language"],
                audioFile: (preview["audio_file"] as String?).map { URL(fileURLWithPath: $0) }, played: preview["played"],
                rating: preview["rating"], note: preview["note"],
                shape: (preview["shape"] as String?).flatMap { try? decode(TakeShape.self, $0) })
        }
        return Iteration(
            localID: localID, id: row["id"], sessionID: row["session_id"], backend: row["backend"],
            request: try decode(RemixRequest.self, row["request"]), text: row["text"],
            status: Iteration.Status(rawValue: row["status"]) ?? .failed, failure: row["failure"],
            interpretation: row["interpretation"], createdAt: row["created_at"], endedAt: row["ended_at"], previews: previews,
            parentLocalID: row["parent_local_id"])
    }

    private static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
