import Foundation
import GRDB
import RemixCore

extension SessionStore {
    /// Versioned migrations: each runs once per database, in order; never edit a shipped one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: sessions, iterations, previews, kept voices") { db in
            try db.execute(sql: """
                CREATE TABLE session (
                    id TEXT PRIMARY KEY NOT NULL,
                    backend TEXT NOT NULL,
                    voice_id TEXT NOT NULL,
                    created_at DATETIME NOT NULL,
                    updated_at DATETIME NOT NULL
                );
                CREATE TABLE iteration (
                    local_id INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT UNIQUE,
                    session_id TEXT,
                    backend TEXT NOT NULL,
                    request TEXT NOT NULL,
                    text TEXT,
                    status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
                    failure TEXT,
                    interpretation TEXT,
                    created_at DATETIME NOT NULL
                );
                CREATE INDEX iteration_by_session ON iteration(session_id);
                CREATE TABLE preview (
                    generated_voice_id TEXT PRIMARY KEY NOT NULL,
                    iteration_local_id INTEGER NOT NULL REFERENCES iteration(local_id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    media_type TEXT NOT NULL,
                    duration_secs REAL NOT NULL,
                    language TEXT,
                    audio_file TEXT
                );
                CREATE INDEX preview_by_iteration ON preview(iteration_local_id);
                CREATE TABLE kept_voice (
                    voice_id TEXT PRIMARY KEY NOT NULL,
                    generated_voice_id TEXT NOT NULL,
                    backend TEXT NOT NULL,
                    voice TEXT NOT NULL,
                    played_not_selected TEXT NOT NULL,
                    created_at DATETIME NOT NULL
                );
                """)
        }
        migrator.registerMigration("v2: engine archive") { db in
            try db.execute(sql: """
                CREATE TABLE engine_archive (
                    kind TEXT NOT NULL,
                    id TEXT NOT NULL,
                    state BLOB NOT NULL,
                    created_at DATETIME NOT NULL,
                    PRIMARY KEY (kind, id)
                );
                """)
        }
        migrator.registerMigration("v3: played previews") { db in
            try db.execute(sql: "ALTER TABLE preview ADD COLUMN played INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v4: previews per iteration, interrupted iterations") { db in
            // SQLite cannot change a primary key or a CHECK in place: both tables are rebuilt and refilled.
            // Previews were keyed by generated_voice_id alone, and the same inputs and seed give the same
            // ids, so a later iteration took an earlier one's rows over; now a preview is one of its iteration's.
            try db.execute(sql: """
                CREATE TABLE new_iteration (
                    local_id INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT UNIQUE,
                    session_id TEXT,
                    backend TEXT NOT NULL,
                    request TEXT NOT NULL,
                    text TEXT,
                    status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'failed', 'interrupted')),
                    failure TEXT,
                    interpretation TEXT,
                    created_at DATETIME NOT NULL,
                    ended_at DATETIME,
                    owner TEXT
                );
                INSERT INTO new_iteration (local_id, id, session_id, backend, request, text, status, failure, interpretation, created_at)
                    SELECT local_id, id, session_id, backend, request, text, status, failure, interpretation, created_at FROM iteration;
                CREATE TABLE new_preview (
                    iteration_local_id INTEGER NOT NULL REFERENCES iteration(local_id) ON DELETE CASCADE,
                    generated_voice_id TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    media_type TEXT NOT NULL,
                    duration_secs REAL NOT NULL,
                    language TEXT,
                    audio_file TEXT,
                    played INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (iteration_local_id, generated_voice_id)
                );
                INSERT INTO new_preview (iteration_local_id, generated_voice_id, position, media_type, duration_secs, language, audio_file, played)
                    SELECT iteration_local_id, generated_voice_id, position, media_type, duration_secs, language, audio_file, played FROM preview;
                DROP TABLE preview;
                DROP TABLE iteration;
                ALTER TABLE new_iteration RENAME TO iteration;
                ALTER TABLE new_preview RENAME TO preview;
                CREATE INDEX iteration_by_session ON iteration(session_id);
                CREATE INDEX iteration_pending ON iteration(status) WHERE status = 'pending';
                """)
            try restoreTakenOverPreviews(db)
        }
        migrator.registerMigration("v5: iterations branch from an iteration") { db in
            // Before branches, each remix of a session followed the one before it: a chain.
            try db.execute(sql: """
                ALTER TABLE iteration ADD COLUMN parent_local_id INTEGER REFERENCES iteration(local_id) ON DELETE SET NULL;
                UPDATE iteration SET parent_local_id = (
                    SELECT MAX(earlier.local_id) FROM iteration earlier
                    WHERE earlier.session_id = iteration.session_id AND earlier.local_id < iteration.local_id
                ) WHERE session_id IS NOT NULL;
                """)
        }
        migrator.registerMigration("v6: ratings and notes") { db in
            try db.execute(sql: """
                ALTER TABLE preview ADD COLUMN rating INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE preview ADD COLUMN note TEXT;
                """)
        }
        migrator.registerMigration("v7: the shape of each take") { db in
            try db.execute(sql: "ALTER TABLE preview ADD COLUMN shape TEXT")
        }
        return migrator
    }

    /// Gives back the previews a later iteration took over under the old schema. The takeover happened
    /// because the same request and seed give the same generated ids, so a done iteration left without
    /// previews had exactly those of the next iteration with its request (and seed) that still has them;
    /// their audio file was overwritten by that iteration's identical one, so both rows name it. What
    /// was played was lost with the rows, so the restored ones start unplayed.
    private static func restoreTakenOverPreviews(_ db: Database) throws {
        let iterations = try Row.fetchAll(db, sql: """
            SELECT local_id, backend, request, EXISTS (SELECT 1 FROM preview p WHERE p.iteration_local_id = i.local_id) AS has_previews
            FROM iteration i WHERE status = 'done' ORDER BY local_id
            """).map { row in
            (localID: row["local_id"] as Int64, backend: row["backend"] as String, hasPreviews: row["has_previews"] as Bool,
             request: (try? decode(RemixRequest.self, row["request"])).map(asked))
        }
        for (index, bare) in iterations.enumerated() where !bare.hasPreviews {
            guard let request = bare.request, request.seed != nil else { continue }
            guard let holder = iterations[(index + 1)...].first(where: {
                $0.hasPreviews && $0.backend == bare.backend && $0.request == request
            }) else { continue }
            try db.execute(sql: """
                INSERT INTO preview (iteration_local_id, generated_voice_id, position, media_type, duration_secs, language, audio_file)
                SELECT ?, generated_voice_id, position, media_type, duration_secs, language, audio_file FROM preview WHERE iteration_local_id = ?
                """, arguments: [bare.localID, holder.localID])
        }
    }

    /// What a request asks the backend to generate: without the session it continues, which names no
    /// audio, and without whether the answer is streamed, which changes no generated id.
    private static func asked(_ request: RemixRequest) -> RemixRequest {
        var asked = request
        asked.remixingSessionID = nil
        asked.remixingSessionIterationID = nil
        asked.streamPreviews = false
        return asked
    }
}
