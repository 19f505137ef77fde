import ElevenLabsBackend
import Foundation
import RemixCore
import Testing
import TestSupport

/// The generated client (through `ElevenLabsBackend`) against the real `remix serve` on loopback.
@Suite struct ClientAgainstServerTests {
    static let script =
        "A small boat drifted past the harbour wall while the gulls argued overhead about the last of the fishermen's bread."

    func client(_ server: ServedRemix, key: String? = nil) -> ElevenLabsBackend {
        ElevenLabsBackend(endpoint: .custom(server.baseURL), apiKey: key, maxRetries: 0)
    }

    @Test func voicesAndOneVoice() async throws {
        let server = try ServedRemix()
        let backend = client(server)
        let voices = try await backend.voices()
        #expect(voices.count >= 8)
        #expect(voices.allSatisfy { $0.category == .premade })
        let first = try #require(voices.first)
        #expect(try await backend.voice(id: first.voiceID) == first)
        await #expect(throws: RemixError.voiceNotFound("missing")) { try await backend.voice(id: "missing") }
    }

    /// `GET /v2/voices` through the generated client: every page in turn, both sorts, each filter.
    @Test func searchPagesSortsAndFiltersTheServersVoices() async throws {
        let server = try ServedRemix()
        let backend = client(server)
        let all = try await backend.voices()
        let byName: (Voice, Voice) -> Bool = { $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending }

        var query = VoiceQuery(sort: .name, direction: .ascending, pageSize: 5)
        var pages: [VoicePage] = []
        repeat {
            let page = try await backend.searchVoices(query)
            pages.append(page)
            #expect(page.hasMore == (page.nextPageToken != nil))
            #expect(page.totalCount == all.count)
            query.pageToken = page.nextPageToken
        } while query.pageToken != nil && pages.count <= all.count
        #expect(pages.count == (all.count + 4) / 5)
        #expect(pages.dropLast().allSatisfy { $0.voices.count == 5 })
        #expect(pages.flatMap(\.voices) == all.sorted(by: byName), "every voice once, in name order, across the pages")

        let descending = try await backend.searchVoices(VoiceQuery(sort: .name, direction: .descending, pageSize: 100))
        #expect(descending.voices == all.sorted(by: byName).reversed())
        #expect(!descending.hasMore && descending.nextPageToken == nil)

        let scottish = try await backend.searchVoices(VoiceQuery(text: "scottish", pageSize: 100))
        #expect(Set(scottish.voices.map(\.name)) == ["Alasdair", "Morag", "Declan"], "the text matches labels and descriptions")
        let accent = try await backend.searchVoices(VoiceQuery(labels: ["accent": "Scottish"], pageSize: 100))
        #expect(Set(accent.voices.map(\.name)) == ["Alasdair", "Morag"], "a label matches its value, case aside")
        let youngWomen = try await backend.searchVoices(VoiceQuery(labels: ["gender": "female", "age": "young"], pageSize: 100))
        #expect(youngWomen.voices == all.filter { $0.labels["gender"] == "female" && $0.labels["age"] == "young" })
        #expect(!youngWomen.voices.isEmpty)
        let storytellingMen = try await backend.searchVoices(VoiceQuery(text: "storytelling", labels: ["gender": "male"], pageSize: 100))
        #expect(storytellingMen.voices == all.filter { $0.labels["use_case"] == "storytelling" && $0.labels["gender"] == "male" })
        #expect(try await backend.searchVoices(VoiceQuery(category: .premade, pageSize: 100)).totalCount == all.count)
        #expect(try await backend.searchVoices(VoiceQuery(category: .generated)).voices.isEmpty)

        // Refused before anything is sent: a label the API cannot filter by; refused by the server: a token it never issued.
        await #expect(throws: ValidationFailure.self) { try await backend.searchVoices(VoiceQuery(labels: ["use_case": "narration"])) }
        do {
            _ = try await backend.searchVoices(VoiceQuery(pageToken: "not-a-token"))
            Issue.record("a token the server never issued must be refused")
        } catch RemixError.service(let status, _, let message, _) {
            #expect(status == 422)
            #expect(message.contains("next_page_token"), "\(message)")
        }
    }

    @Test func iterationsOfOneSessionShareItsIdAcrossRequests() async throws {
        let server = try ServedRemix()
        let backend = client(server)
        let voice = try #require(try await backend.voices().first)
        var request = RemixRequest(
            voiceID: voice.voiceID, voiceDescription: "slightly deeper", text: Self.script, seed: 3, outputFormat: .mp3_22050_32)
        let first = try await backend.remix(request)
        #expect(first.previews.count == 3)
        #expect(first.previews.allSatisfy { !$0.audio.isEmpty && $0.mediaType == "audio/mpeg" })
        request.remixingSessionID = first.remixingSessionID
        request.voiceDescription = "much deeper"
        let second = try await backend.remix(request)
        #expect(second.remixingSessionID == first.remixingSessionID)
        // `remix serve` says what it made of the prompt, in ASCII, and the client reads it back.
        #expect(second.interpretation == Interpretation(applied: ["much deeper: pitch -4.5 st, formant x0.98"], unrecognized: []))
        #expect(second.remixingSessionIterationID != first.remixingSessionIterationID)
        request.remixingSessionID = nil
        let other = try await backend.remix(request)
        #expect(other.remixingSessionID != first.remixingSessionID)
    }

    @Test func streamedPreviewsComeFromTheStreamEndpoint() async throws {
        let server = try ServedRemix()
        let backend = client(server)
        let voice = try #require(try await backend.voices().first)
        let result = try await backend.remix(RemixRequest(
            voiceID: voice.voiceID, voiceDescription: "a bit faster", text: Self.script, seed: 5, streamPreviews: true,
            outputFormat: .pcm_16000))
        #expect(result.previews.allSatisfy { $0.audio.isEmpty && $0.durationSecs > 1 })
        let mp3 = try await backend.streamPreview(generatedVoiceID: result.previews[0].generatedVoiceID)
        #expect(mp3.count > 1000)
        #expect(mp3.starts(with: [0x49, 0x44, 0x33]) || mp3.first == 0xFF, "an MP3 starts with an ID3 tag or a frame sync")
        await #expect(throws: RemixError.generatedVoiceNotFound("nope")) { try await backend.streamPreview(generatedVoiceID: "nope") }
    }

    @Test func keptVoiceIsListedFetchedRemixedAndSurvivesARestart() async throws {
        let server = try ServedRemix()
        let backend = client(server)
        let voice = try #require(try await backend.voices().first)
        let result = try await backend.remix(RemixRequest(
            voiceID: voice.voiceID, voiceDescription: "older and slower", text: Self.script, seed: 11, outputFormat: .mp3_22050_32))
        let chosen = result.previews[1]
        let kept = try await backend.keep(KeepRequest(
            voiceName: "Harbour Master", voiceDescription: "an older, slower harbour master voice",
            generatedVoiceID: chosen.generatedVoiceID, labels: ["accent": "coastal"],
            playedNotSelectedVoiceIDs: [result.previews[0].generatedVoiceID]))
        #expect(kept.category == .generated)
        #expect(kept.labels["accent"] == "coastal")
        #expect(try await backend.voices().contains(kept))
        #expect(try await backend.searchVoices(VoiceQuery(category: .generated)).voices == [kept], "the kept voice is searched with the catalog")
        #expect(try await backend.voice(id: kept.voiceID) == kept)
        let again = try await backend.remix(RemixRequest(
            voiceID: kept.voiceID, voiceDescription: "a little higher", text: Self.script, seed: 1, outputFormat: .mp3_22050_32))
        #expect(again.previews.count == 3)

        // A new server on the same store still knows the kept voice and the earlier previews.
        #expect(server.stop() == 0, "SIGTERM stops the server cleanly")
        let restarted = try ServedRemix(dataDirectory: server.dataDirectory)
        let afterRestart = client(restarted)
        #expect(try await afterRestart.voice(id: kept.voiceID).name == "Harbour Master")
        let streamed = try await afterRestart.streamPreview(generatedVoiceID: result.previews[2].generatedVoiceID)
        #expect(streamed == result.previews[2].audio, "the stream endpoint serves the same MP3 after a restart")
        _ = try await afterRestart.keep(KeepRequest(
            voiceName: "Second pick", voiceDescription: "kept after the server restarted",
            generatedVoiceID: result.previews[0].generatedVoiceID))
    }

    @Test func wrongAndMissingKeysAreOneLineWithStatusAndRequestID() async throws {
        let server = try ServedRemix(arguments: ["--api-key", "right"])
        do {
            _ = try await client(server, key: "wrong").voices()
            Issue.record("a wrong key must fail")
        } catch let error as RemixError {
            guard case .service(let status, let code, _, let requestID) = error else { Issue.record("\(error)"); return }
            #expect(status == 401 && code == "invalid_api_key")
            #expect(requestID?.count == 32)
        }
        await #expect(throws: RemixError.self) { try await client(server).voices() }
        #expect(try await client(server, key: "right").voices().count >= 8)
    }

    @Test func anUnreachableServerIsOneLine() async throws {
        let backend = ElevenLabsBackend(endpoint: .custom(URL(string: "http://127.0.0.1:9")!), apiKey: nil, maxRetries: 0)
        do {
            _ = try await backend.voices()
            Issue.record("nothing listens on port 9")
        } catch let error as RemixError {
            guard case .unreachable(let name, _) = error else { Issue.record("\(error)"); return }
            #expect(name == "http://127.0.0.1:9")
            #expect(error.description == "could not reach http://127.0.0.1:9: connection refused")
        }
    }
}
