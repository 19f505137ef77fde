import Foundation

/// Finds the ElevenLabs API key: the `ELEVENLABS_API_KEY` environment variable, else `api_key = …`
/// in the config file, which must be readable and writable by its owner only. The key is returned
/// to the caller and never printed, logged or stored.
enum APIKeySource {
    static var configFile: URL {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["REMIX_CONFIG"], !path.isEmpty { return URL(fileURLWithPath: path) }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : nil }
            ?? URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config")
        return base.appendingPathComponent("remix-workbench/config")
    }

    static func resolve() throws -> String? {
        if let key = ProcessInfo.processInfo.environment["ELEVENLABS_API_KEY"], !key.isEmpty { return key }
        return try key(inConfig: configFile)
    }

    /// The key the config file sets; nil when there is no file or it sets none. Blank lines and
    /// `#` comments are allowed; any other line must be `api_key = KEY`, and one that is not is
    /// named by its number. A line's text is never quoted back: it may be the key itself.
    static func key(inConfig file: URL) throws -> String? {
        guard let text = try PrivateFile.read(file, holding: "API key") else { return nil }
        func problem(_ line: Int, _ what: String) -> UsageError {
            UsageError("config file \(file.path), line \(line): \(what); the file holds one line api_key = KEY, and # comments")
        }
        var found: (key: String, line: Int)?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines), number = index + 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[0].isEmpty else { throw problem(number, "not of the form name = value") }
            guard parts[0] == "api_key" else { throw problem(number, "an unknown setting") }
            let key = unquoted(parts[1])
            guard !key.isEmpty else { throw problem(number, "api_key is empty") }
            if let earlier = found { throw problem(number, "api_key again, after line \(earlier.line)") }
            found = (key, number)
        }
        return found?.key
    }

    /// `"KEY"` and `'KEY'` mean KEY, as in a shell.
    private static func unquoted(_ value: String) -> String {
        for quote in ["\"", "'"] where value.count >= 2 && value.hasPrefix(quote) && value.hasSuffix(quote) {
            return String(value.dropFirst().dropLast())
        }
        return value
    }
}
