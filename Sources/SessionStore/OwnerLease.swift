import Foundation
import RemixCore

/// Proof that the process which began an iteration is still there: a file named by a token of its
/// own, locked (`flock`) for as long as its store is open. The kernel drops the lock when the holder
/// exits however it exits (kill -9 included), so a lease that can be locked by someone else has no
/// owner any more, and its pending iterations were interrupted.
///
/// A lock rather than a recorded pid (even with its start time): a pid names a process only within
/// one pid namespace, and a store shared by two containers or a host and a container would see the
/// other side's live pids as gone (or as someone else); a lock on the file itself is seen by every
/// process that opens the file.
final class OwnerLease: Sendable {
    let token: String
    private let descriptor: Int32
    private let file: String

    /// Takes a fresh lease in `folder`. A sweeping store may lock and remove the new file between its
    /// creation and our lock, so the lease holds only once the locked file is still the one at the
    /// path; otherwise it tries again.
    init(in folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        token = Identifier.random()
        file = folder.appendingPathComponent(token + Self.suffix).path
        while true {
            let descriptor = open(file, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                throw StoreError.unusable(folder, reason: "cannot create a lease: \(String(cString: strerror(errno)))")
            }
            while flock(descriptor, LOCK_EX) != 0, errno == EINTR {}
            if Self.isLinked(descriptor, at: file) {
                self.descriptor = descriptor
                return
            }
            close(descriptor)
        }
    }

    deinit {
        unlink(file)
        close(descriptor)
    }

    /// Whether the lease `token` is held by a live store. Tokens come from pending rows, which are
    /// written only after their lease is locked, so a missing file means an owner that is gone.
    static func isHeld(_ token: String, in folder: URL) -> Bool {
        !claimIfAbandoned(folder.appendingPathComponent(token + suffix).path)
    }

    /// Removes the leases of stores that ended without closing (killed), so the folder does not grow.
    static func sweepAbandoned(in folder: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasSuffix(suffix) {
            _ = claimIfAbandoned(folder.appendingPathComponent(name).path)
        }
    }

    private static let suffix = ".lease"

    /// True when no one holds the lease at `path`; its file is then removed. The file is unlinked
    /// while locked, and only if it is still the one at the path, so a new owner that opened it
    /// meanwhile sees it unlinked and makes another.
    private static func claimIfAbandoned(_ path: String) -> Bool {
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else { return false }
        if isLinked(descriptor, at: path) { unlink(path) }
        return true
    }

    private static func isLinked(_ descriptor: Int32, at path: String) -> Bool {
        var opened = stat(), named = stat()
        guard fstat(descriptor, &opened) == 0, stat(path, &named) == 0 else { return false }
        return opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
    }
}
