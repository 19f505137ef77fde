import Foundation
import RemixCore
import Testing
import TerminalUI
@testable import Workbench

/// `+` / `-` rate the selected preview, `m` notes it; both are stored, shown, and keep proposes the best.
@Suite struct RatingTests {
    @Test func plusAndMinusRateTheSelectedPreviewWithinItsRangeAndStoreIt() throws {
        let state = Fixture.afterRemix()
        let (rated, effects) = Fixture.run(state, Fixture.keys(.down) + Fixture.typing("++++-"))
        let preview = try #require(rated.shownIteration?.previews[1])
        #expect(preview.rating == 2, "four ups stop at 3, one down gives 2")
        #expect(rated.shownIteration?.previews[0].rating == 0)
        #expect(effects.last == .annotate(generatedVoiceID: preview.generatedVoiceID, iterationLocalID: 1, rating: 2, note: nil))
        #expect(view(rated).lines.contains { $0.contains(preview.generatedVoiceID) && $0.contains("+2") })
    }

    @Test func aNoteIsTypedInABoxAndStoredWithTheRating() throws {
        let state = Fixture.afterRemix()
        let (noted, effects) = Fixture.run(state, Fixture.typing("+m") + Fixture.typing("warm, a bit too slow") + Fixture.keys(.enter))
        #expect(noted.overlay == nil)
        let preview = try #require(noted.shownIteration?.previews[0])
        #expect(preview.note == "warm, a bit too slow")
        #expect(effects.last == .annotate(generatedVoiceID: preview.generatedVoiceID, iterationLocalID: 1, rating: 1, note: "warm, a bit too slow"))
        #expect(view(noted).lines.contains { $0.contains("+1") && $0.contains("warm, a bit too slow") })
        // Emptied, the note is gone.
        let (cleared, _) = Fixture.run(noted, Fixture.keys(.character("m"), .control("e"), .control("w"), .control("w"), .control("w"), .control("w"), .control("w"), .enter))
        #expect(cleared.shownIteration?.previews[0].note == nil)
    }

    @Test func aFailedIterationHasNothingToRate() {
        let sending = Fixture.run(Fixture.state(), Fixture.typing("older, much deeper") + Fixture.keys(.control("r"))).state
        let failed = Fixture.iteration(localID: 1, status: .failed)
        let state = Fixture.send(sending, .remixFailed(iteration: failed, message: failed.failure!, details: []))
        let (refused, effects) = Fixture.run(Fixture.run(state, Fixture.keys(.tab, .tab, .tab)).state, Fixture.typing("+"))
        #expect(effects.isEmpty)
        #expect(refused.status?.isError == true && refused.status?.text.contains("failed") == true, "\(String(describing: refused.status))")
    }

    @Test func keepProposesTheBestRatedTake() throws {
        let state = Fixture.afterRemix()
        let previews = try #require(state.shownIteration?.previews)
        let rated = Fixture.run(state, Fixture.keys(.down, .down) + Fixture.typing("++") + Fixture.keys(.up) + Fixture.typing("+")).state
        #expect(rated.previews.selected == 1)
        let keeping = Fixture.run(rated, Fixture.typing("s")).state
        guard case .keep(let dialog) = keeping.overlay else {
            Issue.record("no keep dialog: \(String(describing: keeping.overlay))")
            return
        }
        #expect(dialog.generatedVoiceID == previews[2].generatedVoiceID)
    }
}

/// `e` exports the session where `remix sessions export` would, asking before it writes among other files.
@Suite struct ExportTests {
    @Test func eAsksForAFolderAndExportsThere() throws {
        let state = Fixture.afterRemix()
        let sessionID = try #require(state.sessionID)
        let asking = Fixture.run(state, Fixture.typing("e")).state
        guard case .valueEntry(let entry) = asking.overlay else {
            Issue.record("no folder asked for: \(String(describing: asking.overlay))")
            return
        }
        #expect(entry.field.text == "remix-session-\(sessionID)")
        let (sent, effects) = Fixture.run(asking, Fixture.keys(.enter))
        #expect(sent.overlay == nil)
        #expect(effects == [.export(sessionID: sessionID, folder: "remix-session-\(sessionID)", intoNonEmpty: false)])
        let done = Fixture.send(sent, .exported(folder: "/tmp/x", iterations: 1, previews: 3))
        #expect(done.status?.text == "exported 1 iteration and 3 previews to /tmp/x")
    }

    @Test func aFolderWithFilesIsWrittenOnlyAfterYes() throws {
        let state = Fixture.afterRemix()
        let sessionID = try #require(state.sessionID)
        let asked = Fixture.send(state, .exportNeedsConfirmation(folder: "takes"))
        #expect(asked.overlay == .confirmExport(folder: "takes"))
        #expect(Fixture.run(asked, Fixture.keys(.escape)).effects.isEmpty)
        #expect(Fixture.run(asked, Fixture.typing("n")).effects.isEmpty)
        let (_, effects) = Fixture.run(asked, Fixture.typing("y"))
        #expect(effects == [.export(sessionID: sessionID, folder: "takes", intoNonEmpty: true)])
    }

    @Test func withoutASessionThereIsNothingToExport() {
        let (state, effects) = Fixture.run(Fixture.run(Fixture.state(), Fixture.keys(.tab, .tab)).state, Fixture.typing("e"))
        #expect(effects.isEmpty && state.overlay == nil && state.status?.isError == true)
    }
}
