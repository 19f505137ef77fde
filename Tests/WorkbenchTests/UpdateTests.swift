import Foundation
import RemixCore
import Testing
import TerminalUI
@testable import Workbench

@Suite struct UpdateTests {
    @Test func focusStartsInThePromptAndLettersThereAreText() {
        let (state, effects) = Fixture.run(Fixture.state(), Fixture.typing("quiet as a mouse? 1 2 3 a s"))
        #expect(state.focus == .prompt)
        #expect(state.prompt.text == "quiet as a mouse? 1 2 3 a s")
        #expect(Fixture.withoutTypingPauses(effects).isEmpty, "typing in the prompt asked for \(effects)")
        #expect(state.overlay == nil)
    }

    @Test func remixRefusesAShortPromptNamingTheFieldAndRange() {
        let (state, effects) = Fixture.run(Fixture.state(), Fixture.typing("old") + Fixture.keys(.control("r")))
        #expect(Fixture.withoutTypingPauses(effects).isEmpty)
        #expect(state.request == nil)
        #expect(state.status?.isError == true)
        #expect(state.status?.text.contains("voice_description") == true)
        #expect(state.status?.text.contains("5 to 1000") == true)
    }

    @Test func remixSendsTheRequestThePersonSetUp() throws {
        var actions = Fixture.typing("older, much deeper") + Fixture.keys(.tab, .tab)
        actions += Fixture.keys(.right, .right, .shiftRight)  // guidance 2 → 2.5 → 3 → 5 (coarse snaps to the grid)
        actions += Fixture.keys(.down, .left)  // loudness 0.5 → 0.45
        actions += Fixture.keys(.down, .right)  // prompt strength unset → 0.55
        actions += Fixture.keys(.down, .character("x"))  // lock the seed
        actions += Fixture.keys(.down, .right)  // format → next after mp3_44100_192
        actions += Fixture.keys(.control("r"))
        let (state, effects) = Fixture.run(Fixture.state(), actions)
        guard case .remix(let request, _) = try #require(effects.last) else {
            Issue.record("no remix effect: \(effects)")
            return
        }
        #expect(request.voiceID == Fixture.alasdair.voiceID)
        #expect(request.voiceDescription == "older, much deeper")
        #expect(request.guidanceScale == 5)
        #expect(abs(request.loudness - 0.45) < 1e-9)
        #expect(abs((request.promptStrength ?? -1) - 0.55) < 1e-9)
        #expect(request.seed == 7)
        #expect(request.outputFormat == .pcm_8000)
        #expect(request.autoGenerateText)
        #expect(request.remixingSessionID == nil)
        #expect(state.request != nil)
    }

    @Test func aRolledSeedChangesEveryRemixAndALockedOneDoesNot() {
        var state = Fixture.afterRemix()
        var seeds: [Int?] = []
        for _ in 0..<2 {
            let (next, effects) = Fixture.run(state, Fixture.keys(.control("r")))
            if case .remix(let request, _) = effects.last { seeds.append(request.seed) }
            state = Fixture.send(next, .remixFinished(Fixture.iteration(localID: Int64(seeds.count + 1))))
        }
        #expect(seeds.count == 2 && seeds[0] != seeds[1])
        state.focus = .parameters
        state = Fixture.run(state, Fixture.keys(.down, .down, .down, .character("x"))).state
        let locked = state.seed
        let effects = Fixture.run(state, Fixture.keys(.control("r"))).effects
        guard case .remix(let request, _) = effects.last else {
            Issue.record("no remix: \(effects)")
            return
        }
        #expect(request.seed == locked)
    }

    @Test func aFinishedRemixFocusesThePreviewsAndContinuesTheSession() {
        let state = Fixture.afterRemix()
        #expect(state.focus == .previews)
        #expect(state.previews.selected == 0)
        #expect(state.sessionID == "FwdA6olmJckiF4jElgni")
        let effects = Fixture.run(state, Fixture.keys(.control("r"))).effects
        guard case .remix(let request, _) = effects.last else {
            Issue.record("no remix: \(effects)")
            return
        }
        #expect(request.remixingSessionID == "FwdA6olmJckiF4jElgni")
    }

    @Test func escapeCancelsTheRequestAndQuitAsksWhileItRuns() {
        let sending = Fixture.run(Fixture.state(), Fixture.typing("older, much deeper") + Fixture.keys(.control("r"))).state
        let (cancelled, effects) = Fixture.run(sending, Fixture.keys(.escape))
        #expect(effects == [.cancelRemix])
        #expect(cancelled.request?.phase == "cancelling")

        let asking = Fixture.run(sending, Fixture.keys(.tab, .tab, .character("q")))
        #expect(asking.effects.isEmpty)
        #expect(asking.state.overlay == .confirmQuit)
        #expect(Fixture.run(asking.state, Fixture.keys(.escape)).state.overlay == nil)
        #expect(Fixture.run(asking.state, Fixture.keys(.enter)).effects == [.cancelRemix, .quit])
    }

    @Test func aTypedSliderValueOutOfRangeIsRefusedWithTheRange() {
        var state = Fixture.run(Fixture.state(), Fixture.keys(.tab, .tab, .enter)).state
        #expect(state.overlay?.kind == .valueEntry)
        state = Fixture.run(state, Fixture.keys(.control("a")) + Fixture.keys(.delete, .delete, .delete) + Fixture.typing("250") + Fixture.keys(.enter)).state
        #expect(state.guidance.value == 2)
        #expect(state.status?.text == "guidance_scale must be between 0 and 100 (got 250)")
        #expect(state.overlay?.kind == .valueEntry, "the entry stays open to be corrected")
        state = Fixture.run(state, Fixture.keys(.backspace, .backspace, .backspace) + Fixture.typing("12.5") + Fixture.keys(.enter)).state
        #expect(state.guidance.value == 12.5)
        #expect(state.overlay == nil)
    }

    @Test func slidersClampAndZeroResets() {
        var state = Fixture.run(Fixture.state(), Fixture.keys(.tab, .tab, .down)).state
        for _ in 0..<20 { state = Fixture.send(state, .input(.key(.shiftRight))) }
        #expect(state.loudness.value == 1)
        state = Fixture.send(state, .input(.key(.character("0"))))
        #expect(state.loudness.value == RemixRequest.defaultLoudness)
        state = Fixture.run(state, Fixture.keys(.down, .right, .right)).state
        #expect(state.promptStrength.markLabel == "Medium")
        state = Fixture.send(state, .input(.key(.character("0"))))
        #expect(state.promptStrength.value == nil, "prompt strength resets to unset: the backend's choice")
    }

    @Test func aHugePasteIsCutToTheFieldLimitWithAMessage() {
        let pasted = String(repeating: "deeper ", count: 15_000)
        let state = Fixture.send(Fixture.state(), .input(.paste(pasted)))
        #expect(state.prompt.count == 1000)
        #expect(state.status?.isError == true)
        #expect(state.status?.text.contains("cut to 1000 characters") == true)
    }

    /// The limit counts code points, as the API does: a paste of accented letters written with combining
    /// marks (two code points each) stops at 500 of them, and the counter agrees with the request.
    @Test func aPasteWithCombiningMarksIsCutWhereTheAPIWouldRefuseIt() {
        let state = Fixture.send(Fixture.state(), .input(.paste(String(repeating: "e\u{301}", count: 800))))
        #expect(state.prompt.count == 1000)
        #expect(state.prompt.text.count == 500)
        #expect(state.prompt.isWithinLimit)
    }

    @Test func spaceAndNumbersPlayAndAPlaysTheNextFromTheSamePlace() {
        let state = Fixture.afterRemix()
        let iteration = state.iterations[0]
        let played = Fixture.run(state, Fixture.keys(.character(" ")))
        guard case .play(let first) = played.effects.first else {
            Issue.record("Space did not play: \(played.effects)")
            return
        }
        #expect(first.generatedVoiceID == iteration.previews[0].generatedVoiceID)
        #expect(!played.state.played.contains(first.generatedVoiceID), "marked played before it was heard")

        let (playing, marking) = Fixture.run(played.state, [.playing(first, position: 0, duration: 29.5)])
        #expect(marking == [.markPlayed(generatedVoiceID: first.generatedVoiceID, iterationLocalID: 1)])
        #expect(playing.played.contains(first.generatedVoiceID))
        let ab = Fixture.run(playing, Fixture.keys(.character("a")))
        guard case .switchTo(let second) = ab.effects.first else {
            Issue.record("a did not switch: \(ab.effects)")
            return
        }
        #expect(second.generatedVoiceID == iteration.previews[1].generatedVoiceID)
        #expect(ab.state.previews.selected == 1)

        let third = Fixture.run(state, Fixture.keys(.character("3"))).effects
        guard case .play(let chosen) = third.first else {
            Issue.record("3 did not play: \(third)")
            return
        }
        #expect(chosen.generatedVoiceID == iteration.previews[2].generatedVoiceID)
    }

    @Test func keepProposesTheSelectedPreviewAndSendsThePlayedOthers() {
        var state = Fixture.afterRemix()
        let previews = state.iterations[0].previews
        state = Fixture.run(state, Fixture.keys(.character("2"), .character("1"))).state
        state.played = [previews[0].generatedVoiceID, previews[1].generatedVoiceID]
        state = Fixture.run(state, Fixture.keys(.character("s"))).state
        guard case .keep(let dialog) = state.overlay else {
            Issue.record("no keep dialog")
            return
        }
        #expect(dialog.generatedVoiceID == previews[0].generatedVoiceID)
        #expect(dialog.playedNotSelected == [previews[1].generatedVoiceID])
        let effects = Fixture.run(state, Fixture.keys(.enter)).effects
        guard case .keep(let request) = effects.first else {
            Issue.record("Enter did not keep: \(effects)")
            return
        }
        #expect(request.generatedVoiceID == previews[0].generatedVoiceID)
        #expect(request.playedNotSelectedVoiceIDs == [previews[1].generatedVoiceID])
        #expect(request.voiceDescription.count >= 20)
    }

    /// The same request and seed twice: two iterations with the same generated ids, each heard once.
    @Test func aPreviewHeardInTwoIterationsIsSentOnceAsPlayedNotSelected() {
        var state = Fixture.afterRemix()
        var again = Fixture.iteration(localID: 2)
        again.previews = state.iterations[0].previews
        state = Fixture.send(state, .remixFinished(again))
        let previews = again.previews
        state.played = [previews[1].generatedVoiceID]
        state = Fixture.run(state, Fixture.keys(.character("1"), .character("s"))).state
        guard case .keep(let dialog) = state.overlay else {
            Issue.record("no keep dialog")
            return
        }
        #expect(dialog.generatedVoiceID == previews[0].generatedVoiceID)
        #expect(dialog.playedNotSelected == [previews[1].generatedVoiceID])
    }

    @Test func reopeningAnIterationBringsBackItsPromptParametersAndPreviews() {
        var state = Fixture.afterRemix()
        var second = Fixture.iteration(localID: 2, prompt: "younger and brighter", seed: 99)
        second.request.guidanceScale = 9
        state = Fixture.send(state, .remixFinished(second))
        #expect(state.openIteration == 1)
        let (reopened, effects) = Fixture.run(state, Fixture.keys(.tab, .up, .enter))
        #expect(reopened.focus == .history)
        #expect(reopened.openIteration == 0)
        #expect(reopened.prompt.text == "older, much deeper")
        #expect(reopened.guidance.value == 2)
        #expect(reopened.seed == 7 && reopened.seedLocked)
        // The prompt is explained at once: it was replaced, not typed.
        #expect(effects == [.prepare(reopened.playables(of: state.iterations[0])), .explain("older, much deeper")])
    }

    /// Ctrl+R branches from the iteration that is open; the history lists the branch under it.
    @Test func aRemixFromAReopenedIterationBranchesFromIt() throws {
        var state = Fixture.afterRemix(width: 120, height: 40)
        let (sent, first) = Fixture.run(state, Fixture.keys(.control("r")))
        guard case .remix(_, let parent) = try #require(first.last) else { return }
        #expect(parent == 1, "the second remix does not follow the first")
        var second = Fixture.iteration(localID: 2, prompt: "younger and brighter", seed: 99)
        second.parentLocalID = 1
        state = Fixture.send(sent, .remixFinished(second))

        let reopened = Fixture.run(state, Fixture.keys(.tab, .up, .enter)).state
        #expect(reopened.openIteration == 0)
        let (branching, effects) = Fixture.run(reopened, Fixture.keys(.control("r")))
        guard case .remix(_, let branchParent) = try #require(effects.last) else { return }
        #expect(branchParent == 1)
        var third = Fixture.iteration(localID: 3, prompt: "older, much deeper", seed: 7)
        third.parentLocalID = 1
        let branched = Fixture.send(branching, .remixFinished(third))
        #expect(branched.historyRows.map(\.prefix) == ["", "├─ ", "└─ "])
        #expect(branched.history.selected == 2 && branched.openIteration == 2)
        let screen = view(branched).lines.joined(separator: "\n")
        #expect(screen.contains("└─ older, much deeper") && screen.contains("same parameters"), "the branch is not drawn:\n\(screen)")
    }

    @Test func aFailedRemixIsListedAndItsErrorHasDetails() {
        let sending = Fixture.run(Fixture.state(), Fixture.typing("older, much deeper") + Fixture.keys(.control("r"))).state
        let failed = Fixture.iteration(localID: 1, status: .failed)
        var state = Fixture.send(sending, .remixFailed(iteration: failed, message: failed.failure!, details: ["HTTP status 429"]))
        #expect(state.request == nil)
        #expect(state.iterations.count == 1)
        #expect(state.status?.isError == true)
        state = Fixture.run(state, Fixture.keys(.tab, .tab, .tab, .character("!"))).state
        #expect(state.overlay == .errorDetails)
        #expect(view(state).lines.joined().contains("HTTP status 429"))
    }

    @Test func newSessionForgetsTheSessionButNotTheInputs() {
        let state = Fixture.run(Fixture.afterRemix(), Fixture.keys(.character("n"))).state
        #expect(state.sessionID == nil)
        #expect(state.iterations.isEmpty)
        #expect(state.prompt.text == "older, much deeper")
    }

    @Test func theLastSessionComesBackOnStart() {
        let stored = [Fixture.iteration(localID: 1), Fixture.iteration(localID: 2, prompt: "younger", seed: 3)]
        let (state, effects) = Fixture.run(Fixture.state(), [.sessionLoaded(sessionID: "FwdA6olmJckiF4jElgni", iterations: stored, keptVoices: [])])
        #expect(state.iterations.count == 2)
        #expect(state.openIteration == 1)
        #expect(state.prompt.text == "younger")
        #expect(effects == [.prepare(state.playables(of: stored[1])), .explain("younger")])
    }
}
