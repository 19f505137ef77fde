import Foundation
import Testing
import TestSupport

/// The API key against a server that echoes it in every error: the real `remix` binary says and
/// stores why each request failed, and the key is in none of it.
@Suite struct SecretsTests {
    static let key = "sk_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased() + "c0ffee"

    /// Every byte of every file under `folder`.
    func contents(under folder: URL) throws -> [(file: String, data: Data)] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        return try (enumerator?.allObjects as? [URL] ?? []).compactMap { file in
            try file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true ? (file.path, try Data(contentsOf: file)) : nil
        }
    }

    @Test func anEchoedKeyIsInNoOutputAndNoStoredFile() throws {
        let server = try ScriptedHTTPServer(script: ScriptedHTTPServer.echoingTheKey)
        let folder = try Tool.temporaryDirectory("secrets")
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["REMIX_DATA_DIR": folder.path, "ELEVENLABS_API_KEY": Self.key]
        let backend = ["--backend", server.baseURL.absoluteString]

        let failing = [
            ["voices"] + backend,
            ["generate", "--voice", "someVoice", "--prompt", "much deeper", "--out", folder.appendingPathComponent("out").path] + backend,
            ["keep", "someGeneratedVoice", "--name", "Kept", "--description", "a voice kept to see its error"] + backend,
        ]
        var outcomes = try failing.map { try RemixBinary.run($0, environment: environment) }
        #expect(server.requests.count == failing.count)
        #expect(server.requests.allSatisfy { $0.headers["xi-api-key"] == Self.key }, "the key was sent, so each answer echoed it")
        for outcome in outcomes {
            #expect(outcome.status != 0)
            #expect(outcome.stderrText.hasPrefix("error: the server answered"), "\(outcome.stderrText)")
            #expect(outcome.stderrText.contains("[redacted]"), "\(outcome.stderrText)")
            #expect(outcome.stderrText.filter { $0 == "\n" }.count == 1)
        }

        let listed = try RemixBinary.run(["sessions", "--json"], environment: environment)
        let session = try #require((try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: Any]])?.first)
        let id = try #require(session["remixing_session_id"] as? String)
        let shown = try RemixBinary.run(["sessions", "show", id, "--json"], environment: environment)
        let iteration = try #require((try JSONSerialization.jsonObject(with: shown.stdout) as? [[String: Any]])?.first)
        #expect(iteration["status"] as? String == "failed")
        #expect((iteration["failure"] as? String)?.contains("rejected for key [redacted]") == true, "\(iteration)")
        outcomes += [listed, shown, try RemixBinary.run(["sessions", "show", id], environment: environment)]

        // Not even a piece of it: a message cut short must not keep the start of the key.
        let piece = Data(Self.key.prefix(12).utf8)
        for outcome in outcomes {
            #expect(outcome.stdout.range(of: piece) == nil && outcome.stderr.range(of: piece) == nil, "\(outcome.stdoutText)\(outcome.stderrText)")
        }
        let files = try contents(under: folder)
        #expect(files.contains { $0.file.hasSuffix(".sqlite") }, "the store was written, so there was something to search")
        for (file, data) in files {
            #expect(data.range(of: piece) == nil, "the key is in \(file)")
        }
    }

    @Test func theKeyGoesOverPlainHTTPOnlyToLoopback() throws {
        let environment = ["ELEVENLABS_API_KEY": Self.key]
        let refused = try RemixBinary.run(["voices", "--backend", "http://192.0.2.10:8008"], environment: environment)
        #expect(refused.status != 0)
        #expect(refused.stderrText.hasPrefix("error: refusing to send the API key unencrypted to http://192.0.2.10:8008"), "\(refused.stderrText)")
        #expect(refused.stderrText.contains("--allow-insecure-http"))
        #expect(!refused.stderrText.contains(Self.key))

        // Allowed, it is sent: 0.0.0.0 is no loopback name, yet on Linux it reaches this machine, where
        // nothing listens on port 9.
        let allowed = try RemixBinary.run(["voices", "--backend", "http://0.0.0.0:9", "--allow-insecure-http"], environment: environment)
        #expect(allowed.status != 0)
        #expect(allowed.stderrText.hasPrefix("error: could not reach http://0.0.0.0:9"), "\(allowed.stderrText)")

        let withoutKey = try RemixBinary.run(["voices", "--backend", "http://0.0.0.0:9"])
        #expect(withoutKey.stderrText.hasPrefix("error: could not reach http://0.0.0.0:9"), "no key, nothing to refuse: \(withoutKey.stderrText)")
    }
}

/// `remix serve` takes the key it requires from places other users cannot see.
@Suite struct ServeKeyTests {
    func answers(_ server: ServedRemix, key: String?) async throws -> Int {
        try await LoopbackHTTP.send("GET", server.baseURL.appendingPathComponent("v1/voices"), headers: key.map { ["xi-api-key": $0] } ?? [:]).status
    }

    @Test func fromTheEnvironment() async throws {
        let server = try ServedRemix(environment: ["REMIX_SERVE_API_KEY": "from-the-environment"])
        #expect(try await answers(server, key: nil) == 401)
        #expect(try await answers(server, key: "from-the-environment") == 200)
    }

    /// Good and bad requests carrying the key every way a client might, and requests that fail every
    /// way the server refuses: what the server writes, on stdout and stderr, never holds the key.
    /// (It logs at one level, warnings and worse; there is no switch for more.)
    @Test func theKeyIsInNoneOfTheServersOutput() async throws {
        let key = "sk_serve_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        let server = try ServedRemix(environment: ["REMIX_SERVE_API_KEY": key])
        let base = server.baseURL.absoluteString
        func send(_ method: String, _ path: String, headers: [String: String] = ["xi-api-key": key], body: Data? = nil) async throws -> Int {
            let headers = body == nil ? headers : headers.merging(["Content-Type": "application/json"]) { $1 }
            return try await LoopbackHTTP.send(method, URL(string: base + path)!, headers: headers, body: body).status
        }
        let voiceID = try #require(
            ((try await LoopbackHTTP.send("GET", URL(string: base + "/v1/voices")!, headers: ["xi-api-key": key]).json
                as? [String: Any])?["voices"] as? [[String: Any]])?.first?["voice_id"] as? String)
        let remix = "/v1/text-to-voice/\(voiceID)/remix"
        let keyInJSON = Data(#"{"voice_description": "\#(key)", "text": "\#(key)"}"#.utf8)

        let statuses = [
            try await send("GET", "/v2/voices?search=\(key)"),
            try await send("GET", "/v1/voices", headers: ["xi-api-key": key + "0"]),
            try await send("GET", "/v1/voices", headers: ["Authorization": "Bearer \(key.dropLast())"]),
            try await send("GET", "/v1/voices?xi-api-key=\(key)", headers: [:]),
            try await send("GET", "/v1/voices/\(key)"),
            try await send("GET", "/\(key)"),
            try await send("DELETE", "/v1/voices?xi_api_key=\(key)"),
            try await send("GET", "/v2/voices?page_size=\(key)"),
            try await send("POST", remix + "?output_format=\(key)", body: keyInJSON),
            try await send("POST", remix, body: keyInJSON),
            try await send("POST", remix, body: Data("{\"\(key)\": ".utf8)),
            try await send("POST", remix, headers: ["xi-api-key": key, "x-padding": key + String(repeating: "k", count: 100 << 10)]),
            try await send("POST", "/v1/text-to-voice", body: Data(
                #"{"voice_name": "\#(key)", "voice_description": "\#(key)", "generated_voice_id": "\#(key)"}"#.utf8)),
        ]
        #expect(statuses == [200, 401, 401, 401, 404, 404, 405, 422, 422, 422, 422, 431, 404])
        #expect(server.stop() == 0)

        let (stdout, stderr) = server.output
        #expect(String(decoding: stdout, as: UTF8.self).hasPrefix("listening on \(base)"), "the output was read")
        let piece = Data(key.prefix(12).utf8)
        #expect(stdout.range(of: piece) == nil, "\(String(decoding: stdout, as: UTF8.self))")
        #expect(stderr.range(of: piece) == nil, "\(String(decoding: stderr, as: UTF8.self))")
    }

    @Test func fromAPrivateFile() async throws {
        let folder = try Tool.temporaryDirectory("serve-key")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("key")
        try Data("from-a-file\n".utf8).write(to: file)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let server = try ServedRemix(arguments: ["--api-key-file", file.path])
        #expect(try await answers(server, key: "from-a-file") == 200)
        #expect(try await answers(server, key: "other") == 401)

        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: file.path)
        let refused = try RemixBinary.run(["serve", "--port", "0", "--api-key-file", file.path])
        #expect(refused.status != 0)
        #expect(refused.stderrText == "error: refusing to read the server's API key from \(file.path): its mode is 640, readable by its group; run chmod 600 \(file.path)\n")
    }
}
