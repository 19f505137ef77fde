import RemixCore
import Testing

/// The one search over a list of voices, which the local engine and `remix serve` answer with.
@Suite struct VoiceQueryTests {
    static let voices = [
        Voice(voiceID: "a", name: "alasdair", category: .premade, labels: ["accent": "scottish", "gender": "male"], createdAtUnix: 3),
        Voice(voiceID: "b", name: "Brenda", category: .premade, labels: ["accent": "west midlands", "gender": "female"], createdAtUnix: 1),
        Voice(voiceID: "c", name: "Castle Guide", category: .generated, labels: ["gender": "male"], description: "a Scottish tour guide", createdAtUnix: 2),
    ]

    func names(_ query: VoiceQuery) throws -> [String] {
        try query.page(of: Self.voices).voices.map(\.name)
    }

    @Test func everyWordOfTheTextMustAppearSomewhere() throws {
        #expect(try names(VoiceQuery(text: "SCOTTISH")) == ["alasdair", "Castle Guide"], "labels and descriptions, case aside")
        #expect(try names(VoiceQuery(text: "scottish guide")) == ["Castle Guide"])
        #expect(try names(VoiceQuery(text: "midlands female")) == ["Brenda"])
        #expect(try names(VoiceQuery(text: "generated")) == ["Castle Guide"], "the category is searched too")
        #expect(try names(VoiceQuery(text: "  ")) == ["alasdair", "Brenda", "Castle Guide"])
    }

    @Test func labelsCategoryAndIDsFilter() throws {
        #expect(try names(VoiceQuery(labels: ["gender": "Male"])) == ["alasdair", "Castle Guide"])
        #expect(try names(VoiceQuery(labels: ["gender": "male", "accent": "scottish"])) == ["alasdair"])
        #expect(try names(VoiceQuery(labels: ["accent": "scot"])).isEmpty, "a label matches whole, not in part")
        #expect(try names(VoiceQuery(category: .generated)) == ["Castle Guide"])
        #expect(try names(VoiceQuery(voiceType: .default)) == ["alasdair", "Brenda"])
        #expect(try names(VoiceQuery(voiceIDs: ["c", "a"])) == ["alasdair", "Castle Guide"])
    }

    @Test func sortsByNameOrAgeEitherWay() throws {
        #expect(try names(VoiceQuery(sort: .name)) == ["alasdair", "Brenda", "Castle Guide"])
        #expect(try names(VoiceQuery(sort: .name, direction: .descending)) == ["Castle Guide", "Brenda", "alasdair"])
        #expect(try names(VoiceQuery(sort: .createdAt, direction: .ascending)) == ["Brenda", "Castle Guide", "alasdair"])
        #expect(try names(VoiceQuery(sort: .createdAt, direction: .descending)) == ["alasdair", "Castle Guide", "Brenda"])
    }

    @Test func pagesFollowTheirTokensToTheEnd() throws {
        let first = try VoiceQuery(sort: .name, pageSize: 2).page(of: Self.voices)
        #expect(first == VoicePage(voices: Array(Self.voices.prefix(2)), hasMore: true, nextPageToken: "2", totalCount: 3))
        let last = try VoiceQuery(sort: .name, pageSize: 2, pageToken: "2").page(of: Self.voices)
        #expect(last == VoicePage(voices: [Self.voices[2]], hasMore: false, nextPageToken: nil, totalCount: 3))
        #expect(try VoiceQuery(pageToken: "").page(of: Self.voices).voices.count == 3, "an empty token is the first page")
        #expect(try VoiceQuery(pageToken: "99999999999999999999").page(of: Self.voices).voices.isEmpty)
    }

    @Test func badValuesAreNamedWithWhatIsAllowed() {
        let query = VoiceQuery(category: .famous, labels: ["use_case": "narration"], pageSize: 0, pageToken: "TRUE")
        #expect(throws: ValidationFailure.self) { try query.page(of: Self.voices) }
        #expect(query.validationErrors().map(\.description) == [
            "page_size must be between 1 and 100 (got 0)",
            "category must be one of premade, cloned, generated, professional (got \"famous\")",
            "use_case is not a label voices can be searched by: use accent, age, gender",
        ])
        do {
            _ = try VoiceQuery(pageToken: "TRUE").page(of: Self.voices)
            Issue.record("a token that is not a count must be refused")
        } catch {
            #expect(error.errors.map(\.field) == ["next_page_token"])
        }
    }
}
