import Foundation
import RemixCore
import Testing
import TerminalUI
@testable import Workbench

/// The prompt help: the debounced explanation while typing, the marks on ignored words, and the palette.
@Suite struct PromptHelpTests {
    static let families = [
        PromptFamily(name: "age", phrases: ["older", "a bit younger"]),
        PromptFamily(name: "texture", phrases: ["breathy", "gravelly"]),
    ]

    static func explanation(ignoring words: [String]) -> Interpretation {
        Interpretation(applied: ["older: pitch −1.5 st"], unrecognized: words)
    }

    @Test func theExplanationIsAskedForOnceTypingPauses() {
        let (typed, waits) = Fixture.run(Fixture.state(), Fixture.typing("older"))
        #expect(waits == (1...5).map { .awaitTypingPause(.promptExplanation, generation: $0) })
        // The pauses of the first four letters were typed over: only the last one asks.
        #expect(Fixture.run(typed, (1...4).map { .typingPaused(.promptExplanation, generation: $0) }).effects.isEmpty)
        let (asked, explain) = Fixture.run(typed, [.typingPaused(.promptExplanation, generation: 5)])
        #expect(explain == [.explain("older")])
        // Once explained, moving the caret or typing the same text back asks for nothing new.
        let explained = Fixture.send(asked, .explained(text: "older", Self.explanation(ignoring: [])))
        let (back, again) = Fixture.run(explained, Fixture.keys(.left, .backspace) + Fixture.typing("e"))
        #expect(back.prompt.text == "older")
        #expect(again == [.awaitTypingPause(.promptExplanation, generation: 7)], "only the deletion changed the text explained")
        #expect(Fixture.run(back, [.typingPaused(.promptExplanation, generation: 7)]).effects.isEmpty)
    }

    @Test func aBackendThatCannotExplainIsNeverAsked() {
        let state = WorkbenchState(width: 80, height: 24, backendLabel: "elevenlabs", backendExplains: false)
        #expect(Fixture.run(state, Fixture.typing("older")).effects.isEmpty)
    }

    @Test func anExplanationOfATextTypedOverIsDropped() {
        let typed = Fixture.run(Fixture.state(), Fixture.typing("older, wobbly")).state
        let stale = Fixture.send(typed, .explained(text: "older, wob", Self.explanation(ignoring: ["wob"])))
        #expect(stale.promptHelp.explanation == nil)
        let fresh = Fixture.send(typed, .explained(text: "older, wobbly", Self.explanation(ignoring: ["wobbly"])))
        #expect(fresh.promptHelp.explanation?.unrecognized == ["wobbly"])
    }

    @Test func ignoredWordsAreUnderlinedWhereverTheyAre() {
        let typed = Fixture.run(Fixture.state(), Fixture.typing("Wobbly, older and wobbly-ish")).state
        let state = Fixture.send(typed, .explained(text: typed.prompt.text, Self.explanation(ignoring: ["wobbly", "and"])))
        let canvas = view(state)
        let line = canvas.lines[1], styles = canvas.styleLines[1]
        #expect(line.hasPrefix("│ Prompt  Wobbly, older and wobbly-ish"), "\(canvas.dump)")
        // Editor text starts at column 10: "Wobbly" and "and" are marked, "wobbly-ish" is another word.
        #expect(Array(styles)[10..<16].allSatisfy { $0 == "y" }, "\(canvas.dump)")
        #expect(Array(styles)[16..<24].allSatisfy { $0 != "y" })
        #expect(Array(styles)[24..<27].allSatisfy { $0 == "y" })
        #expect(Array(styles)[27..<38].allSatisfy { $0 != "y" })
        #expect(canvas[10, 1].style.underline, "marked without colour too")
    }

    @Test func theAppliedLineSaysWhatTheNextRemixWillApply() {
        let edited = Fixture.run(Fixture.afterRemix(), Fixture.keys(.tab, .tab) + Fixture.typing(", breathy")).state
        #expect(edited.focus == .prompt)
        let state = Fixture.send(edited, .explained(text: edited.prompt.text, Self.explanation(ignoring: [])))
        let canvas = view(state)
        #expect(canvas.lines[15].hasPrefix("│ next: older "), "\(canvas.dump)")
        let ignoring = Fixture.send(edited, .explained(text: edited.prompt.text, Self.explanation(ignoring: ["wobbly"])))
        #expect(view(ignoring).lines[15].hasPrefix("│ next: older  ignored: wobbly "), "\(view(ignoring).dump)")
        // Back to the shown iteration's own prompt, its own interpretation shows again.
        let undone = Fixture.run(state, Fixture.keys(.control("z"))).state
        #expect(view(undone).lines[15].contains("older: pitch -1.1 st; much deeper"))
    }

    @Test func thePaletteFiltersAndInsertsAtTheCaret() {
        let opened = Fixture.run(Fixture.afterRemix(), Fixture.typing("p"))
        #expect(opened.effects == [.loadPalette])
        var state = Fixture.send(opened.state, .paletteLoaded(Self.families))
        let all = view(state)
        #expect(all.lines.contains { $0.contains("│ age") } && all.lines.contains { $0.contains("  a bit younger") }, "\(all.dump)")
        state = Fixture.run(state, Fixture.typing("tex") + Fixture.keys(.down)).state
        let filtered = view(state)
        #expect(!filtered.lines.contains { $0.contains("younger") }, "\(filtered.dump)")
        let selected = filtered.lines.firstIndex { $0.contains("  gravelly") }!
        #expect(filtered.styleLines[selected].contains("RRRRRRRR"), "\(filtered.dump)")
        let inserted = Fixture.run(state, Fixture.keys(.enter))
        #expect(inserted.state.overlay == nil && inserted.state.focus == .prompt)
        #expect(inserted.state.prompt.text == "older, much deeper, gravelly")
        #expect(inserted.effects == [.awaitTypingPause(.promptExplanation, generation: inserted.state.promptHelp.generation)],
                "the new prompt is explained too")
    }

    @Test func controlPOpensThePaletteFromTheEditorsButNotFromADialog() {
        let fromPrompt = Fixture.run(Fixture.state(), Fixture.typing("older ") + Fixture.keys(.control("p")))
        guard case .palette = fromPrompt.state.overlay else {
            Issue.record("Ctrl+P in the prompt opens the palette")
            return
        }
        let loaded = Fixture.send(fromPrompt.state, .paletteLoaded(Self.families))
        #expect(Fixture.run(loaded, Fixture.keys(.down, .enter)).state.prompt.text == "older a bit younger")
        let keeping = Fixture.run(Fixture.afterRemix(), Fixture.typing("s") + Fixture.keys(.control("p"))).state
        guard case .keep = keeping.overlay else {
            Issue.record("the keep dialog stays open")
            return
        }
    }

    @Test(arguments: [("", "breathy"), ("older", "older, breathy"), ("older ", "older breathy"), ("older,", "older, breathy")])
    func aPhraseIsSeparatedFromTheTextBeforeIt(before: String, after: String) {
        var editor = TextEditor(before, limit: 0...100)
        #expect(editor.insertPhrase("breathy") == 0)
        #expect(editor.text == after)
    }
}
