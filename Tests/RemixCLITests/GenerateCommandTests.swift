import Foundation
import Testing
import TestSupport

/// Runs the real `remix` binary on the local engine, as a person or a script would.
@Suite struct GenerateCommandTests {
    struct Summary: Decodable {
        struct PreviewFile: Decodable {
            let generated_voice_id: String
            let media_type: String
            let duration_secs: Double
            let language: String?
            let file: String
        }
        let text: String
        let remixing_session_id: String
        let remixing_session_iteration_id: String
        let previews: [PreviewFile]
    }

    static let script =
        "The lighthouse keeper climbed the stairs each evening, counting the steps and listening to the sea below the rocks."

    func firstVoiceID() throws -> String {
        let outcome = try RemixBinary.run(["voices", "--json"])
        #expect(outcome.status == 0, "\(outcome.stderrText)")
        let body = try JSONSerialization.jsonObject(with: outcome.stdout) as? [String: Any]
        let voices = try #require(body?["voices"] as? [[String: Any]])
        return try #require(voices.first?["voice_id"] as? String)
    }

    func generate(_ extra: [String], into folder: URL) throws -> Summary {
        let outcome = try RemixBinary.run(
            ["generate", "--voice", try firstVoiceID(), "--text", Self.script, "--out", folder.path, "--json"] + extra)
        #expect(outcome.status == 0, "\(outcome.stderrText)")
        return try JSONDecoder().decode(Summary.self, from: outcome.stdout)
    }

    @Test func seededRemixWritesThreeDecodableMP3sThatRepeatByteForByte() throws {
        let first = try Tool.temporaryDirectory(), second = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }

        let a = try generate(["--prompt", "much deeper and slower", "--seed", "7"], into: first)
        #expect(a.previews.count == 3)
        #expect(Set(a.previews.map(\.generated_voice_id)).count == 3)
        #expect(a.text == Self.script)
        for preview in a.previews {
            #expect(preview.media_type == "audio/mpeg")
            #expect(preview.file.hasSuffix("/\(preview.generated_voice_id).mp3"))
            let decoded = try ReferenceDecoder.mp3(URL(fileURLWithPath: preview.file))
            #expect(abs(decoded.duration - preview.duration_secs) < 0.030,
                    "duration_secs \(preview.duration_secs) vs decoded \(decoded.duration)")
        }

        let b = try generate(["--prompt", "much deeper and slower", "--seed", "7"], into: second)
        #expect(b.previews.map(\.generated_voice_id) == a.previews.map(\.generated_voice_id))
        for (left, right) in zip(a.previews, b.previews) {
            #expect(try Data(contentsOf: URL(fileURLWithPath: left.file)) == Data(contentsOf: URL(fileURLWithPath: right.file)))
        }
        #expect(a.remixing_session_id != b.remixing_session_id, "each run without --session starts a new session")
    }

    @Test func sessionIsContinuedWhenGiven() throws {
        let folder = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try generate(["--prompt", "slightly higher", "--seed", "1", "--format", "pcm_16000"], into: folder)
        let next = try generate(
            ["--prompt", "slightly higher", "--seed", "1", "--format", "pcm_16000", "--session", first.remixing_session_id],
            into: folder)
        #expect(next.remixing_session_id == first.remixing_session_id)
        #expect(next.remixing_session_iteration_id != first.remixing_session_iteration_id)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: next.previews[0].file))
        #expect(abs(Double(bytes.count) / 2 / 16000 - next.previews[0].duration_secs) < 0.001)
    }

    @Test(arguments: [
        (["--guidance", "150"], "error: guidance_scale must be between 0 and 100 (got 150)"),
        (["--loudness", "-2"], "error: loudness must be between -1 and 1 (got -2)"),
        (["--prompt-strength", "1.5"], "error: prompt_strength must be between 0 and 1 (got 1.5)"),
        (["--seed", "-3"], "error: seed must be between 0 and 2147483647 (got -3)"),
        (["--text", "too short"], "error: text must be 100 to 1000 characters long (got 9)"),
        (["--auto-text", "--text", String(repeating: "a", count: 120)], "error: --text and --auto-text exclude each other: give a script or ask for one"),
    ])
    func badInputIsOneLineAndNonZeroExit(arguments: [String], message: String) throws {
        let outcome = try RemixBinary.run(["generate", "--voice", try firstVoiceID(), "--prompt", "deeper"] + arguments)
        #expect(outcome.status != 0)
        #expect(outcome.stderrText == message + "\n")
        #expect(outcome.stdout.isEmpty)
    }

    @Test func unknownFormatListsTheAllowedValues() throws {
        let outcome = try RemixBinary.run(["generate", "--voice", try firstVoiceID(), "--prompt", "deeper", "--format", "wav"])
        #expect(outcome.status != 0)
        #expect(outcome.stderrText.hasPrefix("error: output_format must be one of mp3_22050_32, mp3_24000_48,"))
        #expect(outcome.stderrText.hasSuffix("(got \"wav\")\n"))
    }

    @Test func unknownVoiceIsNamed() throws {
        let outcome = try RemixBinary.run(["generate", "--voice", "nope", "--prompt", "deeper"])
        #expect(outcome.status != 0)
        #expect(outcome.stderrText.hasPrefix("error: voice_id: no voice with id 'nope'"))
        #expect(outcome.stderrText.filter { $0 == "\n" }.count == 1)
    }
}

@Suite struct VoicesCommandTests {
    @Test func jsonIsAVoicesResponseBody() throws {
        let outcome = try RemixBinary.run(["voices", "--json"])
        #expect(outcome.status == 0)
        let body = try #require(try JSONSerialization.jsonObject(with: outcome.stdout) as? [String: Any])
        #expect(Array(body.keys) == ["voices"])
        let voices = try #require(body["voices"] as? [[String: Any]])
        #expect(voices.count >= 8)
        for voice in voices {
            for key in ["voice_id", "name", "category", "labels", "available_for_tiers", "high_quality_base_model_ids"] {
                #expect(voice[key] != nil, "missing \(key)")
            }
            #expect(voice["category"] as? String == "premade")
        }
    }

    @Test func freshStoreOpenedByManyProcessesAtOnce() async throws {
        let folder = try Tool.temporaryDirectory("fresh-store")
        defer { try? FileManager.default.removeItem(at: folder) }
        let statuses = try await withThrowingTaskGroup(of: Int32.self) { group in
            for _ in 0..<6 {
                group.addTask { try RemixBinary.run(["voices"], environment: ["REMIX_DATA_DIR": folder.path]).status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == Array(repeating: 0, count: 6))
    }

    @Test func tableListsEveryVoiceWithAHeader() throws {
        let table = try RemixBinary.run(["voices"])
        let json = try RemixBinary.run(["voices", "--json"])
        let body = try JSONSerialization.jsonObject(with: json.stdout) as? [String: Any]
        let count = (body?["voices"] as? [Any])?.count ?? -1
        let lines = table.stdoutText.split(separator: "\n")
        #expect(lines.first?.hasPrefix("VOICE ID") == true)
        #expect(lines.count == count + 1)
    }
}

/// What the store keeps when a backend fails: the request, marked failed, and everything before it.
@Suite struct FailedIterationTests {
    @Test func anUnreachableBackendIsOneLineAndTheIterationIsKeptAsFailed() throws {
        let folder = try Tool.temporaryDirectory("failed-iteration")
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["REMIX_DATA_DIR": folder.path]
        let voices = try JSONSerialization.jsonObject(with: RemixBinary.run(["voices", "--json"], environment: environment).stdout)
        let voice = try #require(((voices as? [String: Any])?["voices"] as? [[String: Any]])?.first?["voice_id"] as? String)

        let first = try RemixBinary.run(
            ["generate", "--voice", voice, "--prompt", "deeper", "--seed", "2", "--format", "pcm_8000", "--out", folder.path, "--json"],
            environment: environment)
        #expect(first.status == 0, "\(first.stderrText)")
        let session = try #require((try JSONSerialization.jsonObject(with: first.stdout) as? [String: Any])?["remixing_session_id"] as? String)

        let failed = try RemixBinary.run(
            ["generate", "--backend", "http://127.0.0.1:9", "--voice", voice, "--prompt", "deeper still", "--session", session],
            environment: environment)
        #expect(failed.status != 0)
        #expect(failed.stderrText.hasPrefix("error: could not reach http://127.0.0.1:9"))
        #expect(failed.stderrText.filter { $0 == "\n" }.count == 1)

        let shown = try RemixBinary.run(["sessions", "show", session, "--json"], environment: environment)
        let iterations = try #require(try JSONSerialization.jsonObject(with: shown.stdout) as? [[String: Any]])
        #expect(iterations.map { $0["status"] as? String } == ["done", "failed"])
        #expect((iterations[0]["previews"] as? [Any])?.count == 3, "the earlier iteration's previews are still there")
        #expect((iterations[1]["failure"] as? String)?.contains("could not reach") == true)
    }

    @Test func aFailedFirstRequestIsListedAsASessionOfItsOwn() throws {
        let folder = try Tool.temporaryDirectory("failed-first")
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment = ["REMIX_DATA_DIR": folder.path]
        let failed = try RemixBinary.run(
            ["generate", "--backend", "http://127.0.0.1:9", "--voice", "someVoice", "--prompt", "deeper"], environment: environment)
        #expect(failed.status != 0)
        #expect(failed.stderrText.hasPrefix("error: could not reach http://127.0.0.1:9"))

        let listed = try RemixBinary.run(["sessions", "--json"], environment: environment)
        let sessions = try #require(try JSONSerialization.jsonObject(with: listed.stdout) as? [[String: Any]])
        #expect(sessions.count == 1)
        #expect(sessions.first?["voice_id"] as? String == "someVoice")
        let session = try #require(sessions.first?["remixing_session_id"] as? String)
        let shown = try RemixBinary.run(["sessions", "show", session], environment: environment)
        #expect(shown.status == 0, "\(shown.stderrText)")
        #expect(shown.stdoutText.contains("failed"))
        #expect(shown.stdoutText.contains("failed: could not reach http://127.0.0.1:9"))
    }
}
