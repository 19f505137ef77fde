import Foundation
import RemixCore
import Testing
import TerminalUI
@testable import Workbench

/// The voice picker's search: sent at once when the picker opens, then once typing pauses; answers to
/// an older search dropped; the next page asked for as the selection nears the end; a failure told on
/// the status line with the voices found before still listed.
@Suite struct VoiceSearchTests {
    static let kept = Voice(
        voiceID: "KeptVoice00000000000", name: "Harbour Master", category: .generated,
        labels: ["accent": "scottish", "description": "older, slower"])

    /// Forty voices named in order, as a backend sorting by name pages them.
    static let many = (0..<40).map { Voice(voiceID: "Voice\($0)", name: String(format: "Voice %02d", $0), category: .premade) }

    static func page(_ voices: [Voice], total: Int? = nil, next: String? = nil) -> VoicePage {
        VoicePage(voices: voices, hasMore: next != nil, nextPageToken: next, totalCount: total ?? voices.count)
    }

    /// The workbench with the picker just opened (focus out of the editors, where `v` is a letter).
    static func opened(_ state: WorkbenchState = Fixture.state()) -> (state: WorkbenchState, effects: [Effect]) {
        Fixture.run(state, Fixture.keys(.tab, .tab, .character("v")))
    }

    static func picker(_ state: WorkbenchState) -> VoicePicker? {
        if case .picker(let picker) = state.overlay { return picker }
        return nil
    }

    @Test func openingThePickerSearchesAtOnceForTheFirstPage() throws {
        let (state, effects) = Self.opened()
        #expect(effects == [.searchVoices(VoiceQuery(sort: .name, direction: .ascending, pageSize: VoicePicker.pageSize), generation: 1)])
        let picker = try #require(Self.picker(state))
        #expect(picker.searching && picker.found.isEmpty)
    }

    @Test func typingSearchesOnlyOnceItPausesAndOnlyForTheLatestFilter() throws {
        var (state, _) = Self.opened()
        state = Fixture.send(state, .voicesFound(Self.page([Fixture.alasdair, Fixture.maren]), generation: 1, nextPage: false))
        let (typed, waits) = Fixture.run(state, Fixture.typing("sco"))
        #expect(waits == [2, 3, 4].map { .awaitTypingPause(.voiceSearch, generation: $0) })
        #expect(Self.picker(typed)?.searching == true)
        #expect(Self.picker(typed)?.found == [Fixture.alasdair, Fixture.maren], "the earlier voices stay until the new ones come")

        // The pauses after "s" and "sc" end after "o" was typed: nothing is sent for them.
        #expect(Fixture.run(typed, [.typingPaused(.voiceSearch, generation: 2), .typingPaused(.voiceSearch, generation: 3)]).effects.isEmpty)
        let (_, sent) = Fixture.run(typed, [.typingPaused(.voiceSearch, generation: 4)])
        #expect(sent == [.searchVoices(VoiceQuery(text: "sco", sort: .name, direction: .ascending, pageSize: VoicePicker.pageSize), generation: 4)])

        // Moving the caret changes no filter and sends nothing; deleting a letter does.
        #expect(Fixture.run(typed, Fixture.keys(.left)).effects.isEmpty)
        #expect(Fixture.run(typed, Fixture.keys(.backspace)).effects == [.awaitTypingPause(.voiceSearch, generation: 5)])
    }

    @Test func anAnswerToAnOlderSearchIsDropped() throws {
        var (state, _) = Self.opened()
        state = Fixture.run(state, Fixture.typing("sco") + [.typingPaused(.voiceSearch, generation: 4)]).state
        // The first page of the opening search (1) and of "sc" (3) arrive after "sco" was sent.
        state = Fixture.send(state, .voicesFound(Self.page([Fixture.maren]), generation: 1, nextPage: false))
        state = Fixture.send(state, .voicesFound(Self.page([Fixture.maren]), generation: 3, nextPage: false))
        #expect(Self.picker(state)?.found.isEmpty == true)
        #expect(Self.picker(state)?.searching == true)
        state = Fixture.send(state, .voicesFound(Self.page([Fixture.alasdair]), generation: 4, nextPage: false))
        #expect(Self.picker(state)?.found == [Fixture.alasdair])
        #expect(Self.picker(state)?.searching == false)
        // A closed picker takes no answer; a reopened one only its own.
        let closed = Fixture.run(state, Fixture.keys(.escape) + [.voicesFound(Self.page([Fixture.maren]), generation: 4, nextPage: false)]).state
        #expect(closed.overlay == nil)
        let reopened = Fixture.run(closed, Fixture.keys(.character("v")) + [.voicesFound(Self.page([Fixture.maren]), generation: 4, nextPage: false)])
        #expect(reopened.effects.first == .searchVoices(VoicePicker().query, generation: 5))
        #expect(Self.picker(reopened.state)?.found.isEmpty == true)
    }

    @Test func theNextPageIsAskedForOnceAsTheSelectionNearsTheEnd() throws {
        var (state, _) = Self.opened()
        let first = Array(Self.many.prefix(30))
        state = Fixture.send(state, .voicesFound(Self.page(first, total: 40, next: "30"), generation: 1, nextPage: false))
        // Down to five rows before the last voice found: nothing yet.
        let nearEnd = 30 - VoicePicker.pageAhead
        var (moved, effects) = Fixture.run(state, Array(repeating: .input(.key(.down)), count: nearEnd - 1))
        #expect(effects.isEmpty)
        (moved, effects) = Fixture.run(moved, Fixture.keys(.down, .down, .pageDown))
        var next = VoicePicker().query
        next.pageToken = "30"
        #expect(effects == [.searchVoices(next, generation: 1)], "one request for the next page, however far the selection goes")
        #expect(Self.picker(moved)?.cursor.selected == 29)

        moved = Fixture.send(moved, .voicesFound(Self.page(Array(Self.many.suffix(10)), total: 40), generation: 1, nextPage: true))
        let picker = try #require(Self.picker(moved))
        #expect(picker.found == Self.many)
        #expect(picker.nextPageToken == nil && !picker.searching)
        let (end, more) = Fixture.run(moved, Fixture.keys(.pageDown, .pageDown))
        #expect(more.isEmpty, "the last page was found: nothing more to ask for")
        #expect(Self.picker(end)?.cursor.selected == 39)
        #expect(Fixture.run(end, Fixture.keys(.enter)).state.voice == Self.many[39])
    }

    @Test func aFailedSearchIsAStatusLineAndTheVoicesFoundStay() throws {
        var (state, _) = Self.opened()
        state = Fixture.send(state, .voicesFound(Self.page([Fixture.alasdair, Fixture.maren]), generation: 1, nextPage: false))
        state = Fixture.run(state, Fixture.typing("x") + [.typingPaused(.voiceSearch, generation: 2)]).state
        // A failure of an older search says nothing.
        let stale = Fixture.send(state, .voiceSearchFailed("could not reach elevenlabs", generation: 1, details: []))
        #expect(stale.status == nil)
        state = Fixture.send(state, .voiceSearchFailed(
            "the server answered 429 too_many_concurrent_requests: slow down", generation: 2, details: ["HTTP status 429"]))
        #expect(state.status == StatusMessage(
            text: "voice search failed: the server answered 429 too_many_concurrent_requests: slow down", isError: true, topic: .voiceSearch))
        #expect(state.errorDetails.contains("HTTP status 429"))
        let picker = try #require(Self.picker(state))
        #expect(picker.found == [Fixture.alasdair, Fixture.maren] && !picker.searching)
        #expect(view(state).lines[22].contains("voice search failed"), "the status line shows under the picker")
        // Typing on searches again, and a search that succeeds takes the failure off the status line.
        let retried = Fixture.run(state, Fixture.typing("y"))
        #expect(retried.effects == [.awaitTypingPause(.voiceSearch, generation: 3)])
        let found = Fixture.send(retried.state, .voicesFound(Self.page([Fixture.maren]), generation: 3, nextPage: false))
        #expect(found.status == nil)
        #expect(!view(found).lines[22].contains("voice search failed"))
    }

    @Test func aFoundPageLeavesAStatusAboutSomethingElse() throws {
        var (state, _) = Self.opened()
        state.status = StatusMessage(text: "kept as \"Moira\"", isError: false)
        state = Fixture.send(state, .voicesFound(Self.page([Fixture.maren]), generation: 1, nextPage: false))
        #expect(state.status?.text == "kept as \"Moira\"")
    }

    @Test func theListOpensOnTheVoiceInUseAndEnterPicksTheSelectedOne() throws {
        var state = Fixture.state()
        state.voice = Fixture.maren
        var (opened, _) = Self.opened(state)
        opened = Fixture.send(opened, .voicesFound(Self.page([Fixture.alasdair, Self.kept, Fixture.maren]), generation: 1, nextPage: false))
        #expect(Self.picker(opened)?.cursor.selected == 2)
        let picked = Fixture.run(opened, Fixture.keys(.up, .enter)).state
        #expect(picked.voice == Self.kept)
        #expect(picked.overlay == nil)
        #expect(picked.voices.contains(Self.kept), "a voice found by search is known when its iterations are reopened")
    }

    @Test func thePickerShowsCategoryLabelsAndTheVoicesKeptHere() {
        var (state, _) = Self.opened()
        state.keptVoiceIDs = [Self.kept.voiceID]
        state = Fixture.send(state, .voicesFound(Self.page([Fixture.alasdair, Self.kept, Fixture.maren], total: 3), generation: 1, nextPage: false))
        let canvas = view(state)
        let box = canvas.lines[2...21].map { String($0.dropFirst(4).prefix(72)) }
        let blank = "│" + String(repeating: " ", count: 70) + "│"
        #expect(box == [
            "┌─ Base voice · type to search · Enter picks ──────────────────────────┐",
            "│ / name, accent, gender, age, category…                        3 of 3 │",
            blank,
            "│   Alasdair              premade       scottish · male · middle aged  │",
            "│ ★ Harbour Master        generated     scottish · older, slower       │",
            "│   Maren                 premade       german · female                │",
        ] + Array(repeating: blank, count: 12) + [
            "│ ★ kept on this machine                                               │",
            "└──────────────────────────────────────────────────────────────────────┘",
        ], "\(canvas.dump)")
        // The selected voice (the one in use, Alasdair) is in reverse video across the list's width.
        #expect(canvas.styleLines[5].dropFirst(6).prefix(68).allSatisfy { $0 == "R" }, "\(canvas.dump)")
        #expect(!canvas.styleLines[6].contains("R"))
        // The count gives way to "searching…" while the filter's voices are on their way.
        let searching = view(Fixture.run(state, Fixture.typing("s")).state)
        #expect(String(searching.lines[3].dropFirst(4).prefix(72)).hasSuffix("searching… │"), "\(searching.dump)")
    }

    @Test func anEmptyAnswerSaysNothingMatches() {
        var (state, _) = Self.opened()
        state = Fixture.run(state, Fixture.typing("zz") + [.typingPaused(.voiceSearch, generation: 3)]).state
        #expect(!view(state).lines.joined().contains("no voice matches"), "nothing is said to match nothing before the answer")
        state = Fixture.send(state, .voicesFound(Self.page([]), generation: 3, nextPage: false))
        let canvas = view(state)
        #expect(canvas.lines[5].contains("no voice matches \"zz\""), "\(canvas.dump)")
        #expect(canvas.lines[3].contains("0 of 0"))
    }

    @Test func voicesKeptOnThisMachineAreTheStoresKeptVoices() {
        let keptVoice = KeptVoice(voice: Self.kept, generatedVoiceID: "Gen", backend: "local", playedNotSelectedVoiceIDs: [], createdAt: Date())
        var state = Fixture.send(Fixture.state(), .sessionLoaded(sessionID: nil, iterations: [], keptVoices: [keptVoice]))
        #expect(state.keptVoiceIDs == [Self.kept.voiceID])
        let another = KeptVoice(voice: Fixture.maren, generatedVoiceID: "Gen2", backend: "local", playedNotSelectedVoiceIDs: [], createdAt: Date())
        state = Fixture.send(state, .kept(another))
        #expect(state.keptVoiceIDs == [Self.kept.voiceID, Fixture.maren.voiceID])
    }
}
