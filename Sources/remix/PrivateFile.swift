import Foundation

/// A file that holds a secret, read only when it is the user's own and no one else can read or
/// change it. A symbolic link is followed and the file it leads to is judged, as `chmod` would
/// change that file.
enum PrivateFile {
    /// The file's text; nil when nothing is at `file`. `holding` names the secret in messages.
    static func read(_ file: URL, holding secret: String) throws -> String? {
        let path = file.path
        var status = stat()
        guard stat(path, &status) == 0 else {
            let reason = errno
            var link = stat()
            if reason == ENOENT, lstat(path, &link) == 0 {
                throw UsageError("cannot read the \(secret) from \(described(file)): the link leads to no file")
            }
            if reason == ENOENT { return nil }
            throw UsageError("cannot read the \(secret) from \(described(file)): \(String(cString: strerror(reason)))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw UsageError("cannot read the \(secret) from \(described(file)): it is not a regular file")
        }
        // Whoever owns the file can change its mode and its contents, whatever the mode is now.
        guard status.st_uid == geteuid() else {
            throw UsageError(
                "refusing to read the \(secret) from \(described(file)): it belongs to \(userName(status.st_uid)) and you are \(userName(geteuid())); its owner can change it whatever its mode, so keep the key in a file of your own")
        }
        let mode = status.st_mode & 0o777
        // Anyone who can read the file can spend the account's credits; anyone who can write it can
        // put in a key of their own.
        guard mode & 0o077 == 0 else {
            throw UsageError(
                "refusing to read the \(secret) from \(described(file)): its mode is \(String(mode, radix: 8)), \(exposure(mode)); run chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UsageError("cannot read the \(secret) from \(described(file)): \(String(cString: strerror(errno)))")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw UsageError("cannot read the \(secret) from \(described(file)): it is not UTF-8 text")
        }
        return text
    }

    /// The path, and where it leads when it is a symbolic link, so a message names the file judged.
    private static func described(_ file: URL) -> String {
        var link = stat()
        guard lstat(file.path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK else { return file.path }
        return "\(file.path) (a link to \(file.resolvingSymlinksInPath().path))"
    }

    /// A user's login name and uid, e.g. "nobody (uid 65534)", or the uid alone when it has no name.
    private static func userName(_ uid: uid_t) -> String {
        guard let entry = getpwuid(uid), let name = entry.pointee.pw_name else { return "uid \(uid)" }
        return "\(String(cString: name)) (uid \(uid))"
    }

    /// Who else may do what, e.g. "writable by its group" or "readable by its group and others".
    static func exposure(_ mode: mode_t) -> String {
        func abilities(_ bits: mode_t) -> String? {
            let table: [(bit: mode_t, name: String)] = [(0o4, "readable"), (0o2, "writable"), (0o1, "executable")]
            let names = table.filter { bits & $0.bit != 0 }.map(\.name)
            return names.isEmpty ? nil : names.joined(separator: " and ")
        }
        let group = abilities(mode >> 3 & 0o7), others = abilities(mode & 0o7)
        switch (group, others) {
        case let (group?, others?) where group == others: return "\(group) by its group and others"
        case let (group?, others?): return "\(group) by its group and \(others) by others"
        case let (group?, nil): return "\(group) by its group"
        case let (nil, others?): return "\(others) by others"
        case (nil, nil): return "private"
        }
    }
}
