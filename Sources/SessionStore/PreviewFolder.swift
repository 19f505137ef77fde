import Foundation

/// The folder of preview audio. Audio is written before the rows that point at it, so that a row never
/// points at a missing file; a process killed in between leaves files that no row names, and the next
/// store to open sweeps them (and the temporary files older versions' atomic writes left behind).
///
/// Writers hold a shared lock from their first file until their rows are committed, and the sweep runs
/// only under the exclusive lock, so it never takes the files of a remix another process is storing.
/// The lock file also names the database the folder belongs to: two stores given one cache folder
/// (a different `XDG_DATA_HOME`, the same `XDG_CACHE_HOME`) must not sweep each other's audio.
struct PreviewFolder: Sendable {
    let directory: URL
    let database: URL

    private var claimFile: String { directory.appendingPathComponent(".store").path }

    /// Runs `work`, which writes audio files and then the rows naming them, safe from a sweep.
    func whileWriting<T>(_ work: () throws -> T) throws -> T {
        let descriptor = open(claimFile, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        // Without the lock file (a read-only folder), writing the audio fails on its own with a clearer reason.
        guard descriptor >= 0 else { return try work() }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_SH) != 0, errno == EINTR {}
        return try work()
    }

    /// Removes every file of the folder whose name `referenced` lacks. Skipped while a writer is busy
    /// (the next opening sweeps) and when the folder belongs to another database that still exists.
    func sweep(keepingNamesIn referenced: () throws -> Set<String>) throws {
        let descriptor = open(claimFile, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0, claim(descriptor) else { return }
        let keep = try referenced()
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: directory.path)) ?? [] where !keep.contains(name) {
            let path = directory.appendingPathComponent(name).path
            guard path != claimFile, (try? manager.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeRegular
            else { continue }
            // A file that cannot go (its permissions) must not keep the store from opening.
            try? manager.removeItem(atPath: path)
        }
    }

    /// Whether the folder is this database's, claiming it when it is no one's (new, or its database gone).
    private func claim(_ descriptor: Int32) -> Bool {
        let owner = String(decoding: FileHandle(fileDescriptor: descriptor, closeOnDealloc: false).readDataToEndOfFile(), as: UTF8.self)
        if owner == database.path { return true }
        if !owner.isEmpty, FileManager.default.fileExists(atPath: owner) { return false }
        let mine = Array(database.path.utf8)
        return ftruncate(descriptor, 0) == 0 && pwrite(descriptor, mine, mine.count, 0) == mine.count
    }
}
