import Foundation
import Testing
import TestSupport

/// Every `--json` of the real `remix` binary in the API's style: snake_case keys, plain paths.
@Suite struct JSONStyleTests {
    /// Every key and every string anywhere in `json`.
    func keysAndStrings(_ json: Any) -> (keys: [String], strings: [String]) {
        switch json {
        case let object as [String: Any]:
            let inner = object.values.map(keysAndStrings)
            return (Array(object.keys) + inner.flatMap(\.keys), inner.flatMap(\.strings))
        case let array as [Any]:
            let inner = array.map(keysAndStrings)
            return (inner.flatMap(\.keys), inner.flatMap(\.strings))
        case let string as String:
            return ([], [string])
        default:
            return ([], [])
        }
    }

    func expectAPIStyle(_ data: Data, _ what: String) throws {
        let (keys, strings) = keysAndStrings(try JSONSerialization.jsonObject(with: data))
        #expect(!keys.isEmpty, "\(what) has keys to check")
        let snakeCase = keys.filter { $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" } }
        #expect(snakeCase.count == keys.count, "\(what) keys not in snake_case: \(Set(keys).subtracting(snakeCase))")
        #expect(!strings.contains { $0.hasPrefix("file:") }, "\(what) writes paths, not URLs")
    }

    @Test func sessionsWriteWhatGenerateWrites() throws {
        let folder = try Tool.temporaryDirectory("json-style")
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["REMIX_DATA_DIR": folder.path]
        let voices = try RemixBinary.run(["voices", "--json"], environment: environment)
        let voice = try #require(((try JSONSerialization.jsonObject(with: voices.stdout) as? [String: Any])?["voices"] as? [[String: Any]])?.first?["voice_id"] as? String)
        let generated = try RemixBinary.run(
            ["generate", "--voice", voice, "--prompt", "a bit higher", "--seed", "4", "--format", "pcm_8000", "--out", folder.appendingPathComponent("out").path, "--json"],
            environment: environment)
        #expect(generated.status == 0, "\(generated.stderrText)")
        let session = try #require((try JSONSerialization.jsonObject(with: generated.stdout) as? [String: Any])?["remixing_session_id"] as? String)

        let listed = try RemixBinary.run(["sessions", "--json"], environment: environment)
        let shown = try RemixBinary.run(["sessions", "show", session, "--json"], environment: environment)
        let exported = folder.appendingPathComponent("export")
        let export = try RemixBinary.run(["sessions", "export", session, exported.path], environment: environment)
        #expect(export.status == 0, "\(export.stderrText)")
        let sessionJSON = try Data(contentsOf: exported.appendingPathComponent("session.json"))
        for (data, what) in [(voices.stdout, "voices"), (generated.stdout, "generate"), (listed.stdout, "sessions list"), (shown.stdout, "sessions show"), (sessionJSON, "session.json")] {
            try expectAPIStyle(data, what)
        }

        let listedSession = try #require((try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: Any]])?.first)
        #expect(listedSession["remixing_session_id"] as? String == session)
        #expect(listedSession["voice_id"] as? String == voice)
        #expect(listedSession["iteration_count"] as? Int == 1)
        let iteration = try #require((try JSONSerialization.jsonObject(with: shown.stdout) as? [[String: Any]])?.first)
        #expect(iteration["remixing_session_id"] as? String == session)
        #expect((iteration["request"] as? [String: Any])?["voice_description"] as? String == "a bit higher")
        #expect((iteration["request"] as? [String: Any])?["output_format"] as? String == "pcm_8000")
        let files = try #require((iteration["previews"] as? [[String: Any]])?.compactMap { $0["file"] as? String })
        #expect(files.count == 3)
        #expect(files.allSatisfy { $0.hasPrefix("/") && FileManager.default.fileExists(atPath: $0) }, "\(files)")
        let exportedFiles = try #require(((try JSONSerialization.jsonObject(with: sessionJSON) as? [[String: Any]])?.first?["previews"] as? [[String: Any]])?.compactMap { $0["file"] as? String })
        #expect(exportedFiles.count == 3)
        #expect(exportedFiles.allSatisfy { !$0.contains("/") && FileManager.default.fileExists(atPath: exported.appendingPathComponent($0).path) }, "relative to session.json: \(exportedFiles)")
    }
}
