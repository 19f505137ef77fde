import Foundation

/// Finds the ElevenLabs API key: the `ELEVENLABS_API_KEY` environment variable, else `api_key = …`
/// in the config file, which must be readable by its owner only. The key is returned to the caller
/// and never printed, logged or stored.
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

    static func key(inConfig file: URL) throws -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path) else { return nil }
        let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
        // Anyone else who can read the file can spend the account's credits.
        guard mode & 0o077 == 0 else {
            throw UsageError(
                "refusing to read the API key from \(file.path): its mode is \(String(mode, radix: 8)), readable by others; run chmod 600 \(file.path)")
        }
        let text = try String(contentsOf: file, encoding: .utf8)
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0] == "api_key", !parts[1].isEmpty {
                return parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            }
        }
        return nil
    }
}
