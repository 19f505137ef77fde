import Foundation
import RemixCore
import Testing
import TestSupport

/// Endpoints whose answers only the wire shows: design, `/v2/voices` paging and filters, the
/// extension headers.
@Suite struct ServerEndpointTests {
    static let script =
        "The ferry left at dawn, and by the time the fog lifted the island was only a grey line behind the wake."

    @Test func designAnswersThreePreviewsAndTheSessionHeaders() async throws {
        let server = try ServedRemix()
        let response = try await LoopbackHTTP.json(
            "POST", URL(string: server.baseURL.absoluteString + "/v1/text-to-voice/design?output_format=pcm_16000")!,
            ["voice_description": "a warm middle aged Scottish man, slightly slower", "text": Self.script, "seed": 4])
        #expect(response.status == 200)
        let body = try #require(response.json as? [String: Any])
        #expect(Set(body.keys) == ["previews", "text"])
        let previews = try #require(body["previews"] as? [[String: Any]])
        #expect(previews.count == 3)
        for preview in previews {
            #expect(Set(preview.keys) == ["audio_base_64", "generated_voice_id", "media_type", "duration_secs", "language"])
            #expect(preview["media_type"] as? String == "audio/pcm")
            let audio = try #require(Data(base64Encoded: preview["audio_base_64"] as? String ?? ""))
            let duration = try #require(preview["duration_secs"] as? Double)
            #expect(abs(Double(audio.count) / 2 / 16000 - duration) < 0.001)
        }
        // Compact and with slashes as they are, as ElevenLabs sends it: the base64 audio is most of the body.
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.contains("/") && !text.contains("\\/") && !text.contains("\n"), "not compact: \(text.prefix(200))")
        #expect(response.header("x-remixing-session-id")?.count == 20)
        #expect(response.header("x-remixing-session-iteration-id")?.count == 20)
        // One line of ASCII JSON saying what the description did, and the neutral base the design began from.
        let header = try #require(response.header("x-remix-interpretation"))
        #expect(header.allSatisfy(\.isASCII) && !header.contains("\n"))
        let interpretation = try #require(try JSONSerialization.jsonObject(with: Data(header.utf8)) as? [String: [String]])
        #expect(Set(interpretation.keys) == ["applied", "unrecognized", "notes"])
        #expect(interpretation["applied"]?.contains { $0.hasPrefix("slightly slower: tempo x") } == true, "\(header)")
        #expect(interpretation["notes"]?.contains { $0.contains("neutral base: Scottish, male") } == true, "\(header)")

        let short = try await LoopbackHTTP.json(
            "POST", server.baseURL.appendingPathComponent("v1/text-to-voice/design"), ["voice_description": "too short"])
        #expect(short.status == 422)
        let unbounded = try await LoopbackHTTP.json(
            "POST", server.baseURL.appendingPathComponent("v1/text-to-voice/design"),
            ["voice_description": "a calm older narrator with a warm voice", "quality": 2])
        #expect(unbounded.status == 422)
        #expect(String(decoding: unbounded.body, as: UTF8.self).contains("quality"), "the refusal does not name the field")
        let tooFew = try await LoopbackHTTP.send("GET", URL(string: server.baseURL.absoluteString + "/v2/voices?page_size=0")!)
        #expect(tooFew.status == 422)
    }

    /// Opus through the wire: Ogg Opus in `audio_base_64`, its media type, and the duration opusdec plays.
    @Test func remixInOpusAnswersOggOpusWithThePlayedDuration() async throws {
        let server = try ServedRemix()
        let voices = try await LoopbackHTTP.send("GET", server.baseURL.appendingPathComponent("v1/voices"))
        let voiceID = try #require(((voices.json as? [String: Any])?["voices"] as? [[String: Any]])?.first?["voice_id"] as? String)
        let response = try await LoopbackHTTP.json(
            "POST", URL(string: server.baseURL.absoluteString + "/v1/text-to-voice/\(voiceID)/remix?output_format=opus_48000_96")!,
            ["voice_description": "slightly older", "text": Self.script, "seed": 5])
        #expect(response.status == 200)
        let previews = try #require((response.json as? [String: Any])?["previews"] as? [[String: Any]])
        #expect(previews.count == 3)
        let directory = try Tool.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        for (index, preview) in previews.enumerated() {
            #expect(preview["media_type"] as? String == "audio/ogg")
            let audio = try #require(Data(base64Encoded: preview["audio_base_64"] as? String ?? ""))
            let file = directory.appendingPathComponent("\(index).opus")
            try audio.write(to: file)
            let decoded = try ReferenceDecoder.decode(file, as: .opus_48000_96)
            let duration = try #require(preview["duration_secs"] as? Double)
            #expect(abs(decoded.duration - duration) <= 0.03, "opusdec plays \(decoded.duration) s, duration_secs \(duration)")
        }
    }

    @Test func v2VoicesPagesSearchesSortsAndFilters() async throws {
        let server = try ServedRemix()
        func page(_ query: String) async throws -> [String: Any] {
            let response = try await LoopbackHTTP.send("GET", URL(string: server.baseURL.absoluteString + "/v2/voices?" + query)!)
            #expect(response.status == 200)
            return try #require(response.json as? [String: Any])
        }
        func names(_ body: [String: Any]) -> [String] {
            ((body["voices"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
        }

        let first = try await page("page_size=4&sort=name&sort_direction=asc")
        #expect(names(first).count == 4)
        #expect(names(first) == names(first).sorted { $0.localizedCaseInsensitiveCompare($1) == .orderedAscending })
        #expect(first["has_more"] as? Bool == true)
        let total = try #require(first["total_count"] as? Int)
        var seen = names(first)
        var token = first["next_page_token"] as? String
        while let next = token {
            let body = try await page("page_size=4&sort=name&sort_direction=asc&next_page_token=\(next)")
            seen += names(body)
            token = body["next_page_token"] as? String
            #expect((body["has_more"] as? Bool) == (token != nil))
        }
        #expect(seen.count == total)
        #expect(Set(seen).count == total, "every voice exactly once across the pages")

        // Declan's description names Scottish English, the accent that stands in for the Irish one espeak-ng lacks.
        let scottish = try await page("search=scottish")
        #expect(Set(names(scottish)) == ["Alasdair", "Morag", "Declan"])
        #expect(try await page("category=generated")["total_count"] as? Int == 0)
        #expect(try await page("category=premade")["total_count"] as? Int == total)
        let descending = try await page("sort=name&sort_direction=desc&page_size=100")
        #expect(names(descending) == seen.sorted { $0.localizedCaseInsensitiveCompare($1) == .orderedAscending }.reversed())
    }
}
