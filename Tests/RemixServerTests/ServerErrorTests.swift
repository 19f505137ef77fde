import Foundation
import Testing
import TestSupport

/// Every error status of `remix serve`, checked on the wire: the envelope, the `loc`, the
/// `request-id`, and that the server keeps serving afterwards.
@Suite(.serialized) struct ServerErrorTests {
    let server: ServedRemix
    let voiceID: String

    init() async throws {
        server = try ServedRemix()
        let voices = try await LoopbackHTTP.send("GET", server.baseURL.appendingPathComponent("v1/voices"))
        let list = (voices.json as? [String: Any])?["voices"] as? [[String: Any]]
        voiceID = try #require(list?.first?["voice_id"] as? String)
    }

    func remix(_ body: Any, query: String = "", headers: [String: String] = [:]) async throws -> LoopbackHTTP.Response {
        let url = URL(string: server.baseURL.absoluteString + "/v1/text-to-voice/\(voiceID)/remix" + query)!
        return try await LoopbackHTTP.json("POST", url, body, headers: headers)
    }

    func details(_ response: LoopbackHTTP.Response) -> [[String: Any]] {
        ((response.json as? [String: Any])?["detail"] as? [[String: Any]]) ?? []
    }

    @Test func outOfRangeFieldIs422WithItsLoc() async throws {
        let response = try await remix(["voice_description": "deeper", "guidance_scale": 150])
        #expect(response.status == 422)
        let detail = details(response)
        #expect(detail.count == 1)
        #expect(detail.first?["loc"] as? [String] == ["body", "guidance_scale"])
        #expect(detail.first?["type"] as? String == "less_than_equal")
        #expect((detail.first?["msg"] as? String)?.contains("between 0 and 100 (got 150)") == true)
        #expect(response.header("request-id")?.count == 32)
    }

    @Test func missingFieldIsTypeMissing() async throws {
        let response = try await remix(["text": NSNull()])
        #expect(response.status == 422)
        #expect(details(response).first?["loc"] as? [String] == ["body", "voice_description"])
        #expect(details(response).first?["type"] as? String == "missing")
    }

    @Test func unknownOutputFormatIsAQueryError() async throws {
        let response = try await remix(["voice_description": "deeper"], query: "?output_format=wav")
        #expect(response.status == 422)
        #expect(details(response).first?["loc"] as? [String] == ["query", "output_format"])
    }

    @Test func malformedJSONAndWrongContentTypeAre422() async throws {
        let url = URL(string: server.baseURL.absoluteString + "/v1/text-to-voice/\(voiceID)/remix")!
        let malformed = try await LoopbackHTTP.send("POST", url, headers: ["Content-Type": "application/json"], body: Data("{\"voice_description\":".utf8))
        #expect(malformed.status == 422)
        #expect(details(malformed).first?["loc"] as? [String] == ["body", "body"])
        let wrongType = try await LoopbackHTTP.send("POST", url, headers: ["Content-Type": "text/plain"], body: Data("deeper".utf8))
        #expect(wrongType.status == 422)
        let wrongField = try await remix(["voice_description": 42])
        #expect(wrongField.status == 422)
        #expect(details(wrongField).first?["loc"] as? [String] == ["body", "voice_description"])
    }

    @Test func oversizedBodyIs413() async throws {
        let response = try await remix(["voice_description": String(repeating: "x", count: 2 << 20)])
        #expect(response.status == 413)
        let detail = (response.json as? [String: Any])?["detail"] as? [String: Any]
        #expect(detail?["code"] as? String == "request_too_large")
    }

    /// Without a `Content-Length` the size shows only as the body arrives; the answer is the same.
    @Test func oversizedChunkedBodyIs413() async throws {
        let url = URL(string: server.baseURL.absoluteString + "/v1/text-to-voice/\(voiceID)/remix")!
        let body = try JSONSerialization.data(withJSONObject: ["voice_description": String(repeating: "x", count: 2 << 20)])
        let response = try await LoopbackHTTP.send(
            "POST", url, headers: ["Content-Type": "application/json"], body: body, chunked: true)
        #expect(response.status == 413)
        let detail = (response.json as? [String: Any])?["detail"] as? [String: Any]
        #expect(detail?["code"] as? String == "request_too_large")
        #expect(detail?["request_id"] as? String == response.header("request-id"))
    }

    @Test func oversizedURLAndHeadersAre431WithTheEnvelope() async throws {
        let longURL = URL(string: server.baseURL.absoluteString + "/v1/voices?search=" + String(repeating: "a", count: 100_000))!
        let longHeader = ["x-padding": String(repeating: "b", count: 1 << 20)]
        for (url, headers) in [(longURL, [:]), (server.baseURL.appendingPathComponent("v1/voices"), longHeader)] {
            let response = try await LoopbackHTTP.send("GET", url, headers: headers)
            #expect(response.status == 431)
            let detail = (response.json as? [String: Any])?["detail"] as? [String: Any]
            #expect(detail?["code"] as? String == "request_header_too_large")
            #expect(response.header("request-id")?.count == 32)
            #expect(detail?["request_id"] as? String == response.header("request-id"))
        }
        let voices = try await LoopbackHTTP.send("GET", server.baseURL.appendingPathComponent("v1/voices"))
        #expect(voices.status == 200)
    }

    @Test func aMethodThePathDoesNotHaveIs405WithAllow() async throws {
        let cases = [("TRACE", "v1/voices", "GET"), ("DELETE", "v2/voices", "GET"), ("PUT", "v1/voices/\(voiceID)", "GET"),
                     ("GET", "v1/text-to-voice/\(voiceID)/remix", "POST")]
        for (method, path, allowed) in cases {
            let response = try await LoopbackHTTP.send(method, server.baseURL.appendingPathComponent(path))
            #expect(response.status == 405, "\(method) /\(path)")
            #expect(response.header("allow") == allowed, "\(method) /\(path)")
            #expect((response.json as? [String: Any])?["detail"] as? String == "Method Not Allowed")
            #expect(response.header("request-id")?.count == 32)
        }
    }

    @Test func unknownVoiceAndPreviewAre404VoiceNotFound() async throws {
        for path in ["v1/voices/nope", "v1/text-to-voice/nope/stream"] {
            let response = try await LoopbackHTTP.send("GET", server.baseURL.appendingPathComponent(path))
            #expect(response.status == 404)
            let detail = (response.json as? [String: Any])?["detail"] as? [String: Any]
            #expect(detail?["status"] as? String == "voice_not_found")
            #expect(detail?["code"] as? String == "voice_not_found")
            #expect(detail?["request_id"] as? String == response.header("request-id"))
        }
        let remixOfNothing = try await LoopbackHTTP.json(
            "POST", server.baseURL.appendingPathComponent("v1/text-to-voice/nope/remix"), ["voice_description": "deeper"])
        #expect(remixOfNothing.status == 404)
    }

    @Test func unknownPathIs404AndTheServerKeepsServing() async throws {
        let response = try await LoopbackHTTP.send("GET", server.baseURL.appendingPathComponent("v9/nothing"))
        #expect(response.status == 404)
        #expect((response.json as? [String: Any])?["detail"] as? String == "Not Found")
        #expect(response.header("request-id") != nil)
        let voices = try await LoopbackHTTP.send("GET", server.baseURL.appendingPathComponent("v1/voices"))
        #expect(voices.status == 200)
    }

    /// Values the document allows are taken; what it refuses (an empty `voice_name`) is a 422.
    @Test func schemaValidEdgesAreAnsweredAsTheDocumentSays() async throws {
        let firstPage = try await LoopbackHTTP.send("GET", URL(string: server.baseURL.absoluteString + "/v2/voices?next_page_token=")!)
        #expect(firstPage.status == 200)
        // A token past the end, even past any Int, is an empty last page; one that is not a count is refused.
        let pastTheEnd = try await LoopbackHTTP.send(
            "GET", URL(string: server.baseURL.absoluteString + "/v2/voices?next_page_token=99999999999999999999999")!)
        #expect(pastTheEnd.status == 200)
        #expect(((pastTheEnd.json as? [String: Any])?["voices"] as? [Any])?.isEmpty == true)
        let notACount = try await LoopbackHTTP.send("GET", URL(string: server.baseURL.absoluteString + "/v2/voices?next_page_token=TRUE")!)
        #expect(notACount.status == 422)
        let keep = server.baseURL.appendingPathComponent("v1/text-to-voice")
        let description = "a voice kept from nothing at all"
        let noPreview = try await LoopbackHTTP.json(
            "POST", keep, ["voice_name": "Kept", "voice_description": description, "generated_voice_id": ""])
        #expect(noPreview.status == 404)
        #expect(((noPreview.json as? [String: Any])?["detail"] as? [String: Any])?["code"] as? String == "voice_not_found")
        let noName = try await LoopbackHTTP.json(
            "POST", keep, ["voice_name": "", "voice_description": description, "generated_voice_id": "x"])
        #expect(noName.status == 422)
        #expect(details(noName).first?["loc"] as? [String] == ["body", "voice_name"])
    }

    /// The document gives a design's `model_id` a list and no null: null, "" and anything else off
    /// the list are refused, naming the field and the list.
    @Test func aDesignModelOffTheListIsRefusedNamingTheList() async throws {
        let design = server.baseURL.appendingPathComponent("v1/text-to-voice/design")
        let given: [(value: Any, shown: String)] = [(NSNull(), "null"), ("", #""""#), ("eleven_v9", #""eleven_v9""#), (2, "2")]
        for (value, shown) in given {
            let response = try await LoopbackHTTP.json(
                "POST", design, ["voice_description": "a calm narrator with a low, warm voice", "model_id": value])
            #expect(response.status == 422, "\(shown)")
            let detail = details(response).first
            #expect(detail?["loc"] as? [String] == ["body", "model_id"])
            #expect(detail?["type"] as? String == "enum")
            #expect(detail?["msg"] as? String == "model_id must be one of eleven_multilingual_ttv_v2, eleven_ttv_v3 (got \(shown))")
        }
    }

    @Test func searchRejectsAnOversizedPage() async throws {
        let response = try await LoopbackHTTP.send("GET", URL(string: server.baseURL.absoluteString + "/v2/voices?page_size=500")!)
        #expect(response.status == 422)
        #expect(details(response).first?["loc"] as? [String] == ["query", "page_size"])
    }
}

@Suite struct ServerAuthTests {
    @Test func apiKeyIsRequiredWhenConfigured() async throws {
        let server = try ServedRemix(arguments: ["--api-key", "local-secret"])
        let url = server.baseURL.appendingPathComponent("v1/voices")

        let missing = try await LoopbackHTTP.send("GET", url)
        #expect(missing.status == 401)
        let missingDetail = (missing.json as? [String: Any])?["detail"] as? [String: Any]
        #expect(missingDetail?["status"] as? String == "needs_authorization")

        let wrong = try await LoopbackHTTP.send("GET", url, headers: ["xi-api-key": "guess"])
        #expect(wrong.status == 401)
        #expect(((wrong.json as? [String: Any])?["detail"] as? [String: Any])?["status"] as? String == "invalid_api_key")

        let right = try await LoopbackHTTP.send("GET", url, headers: ["xi-api-key": "local-secret"])
        #expect(right.status == 200)
    }

    @Test func theKeyNeverAppearsInTheOutputOfAFailingRequest() async throws {
        let server = try ServedRemix(arguments: ["--api-key", "the-right-key"])
        let secret = "sk_never_print_me_123456"
        let outcome = try RemixBinary.run(
            ["voices", "--backend", server.baseURL.absoluteString],
            environment: ["ELEVENLABS_API_KEY": secret, "REMIX_DATA_DIR": server.dataDirectory.path])
        #expect(outcome.status != 0)
        #expect(outcome.stderrText.contains("401 invalid_api_key"))
        #expect(!outcome.stderrText.contains(secret) && !outcome.stdoutText.contains(secret))
        let stored = try FileManager.default.subpathsOfDirectory(atPath: server.dataDirectory.path)
        for file in stored {
            let data = (try? Data(contentsOf: server.dataDirectory.appendingPathComponent(file))) ?? Data()
            #expect(data.range(of: Data(secret.utf8)) == nil, "the key was written to \(file)")
        }
    }
}
