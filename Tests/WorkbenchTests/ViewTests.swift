import Foundation
import RemixCore
import Testing
import TerminalUI
@testable import Workbench

/// What `view` draws, read back from the Canvas as text and style letters (R reverse, r red, B bold,
/// d dim, c cyan; see `Style.letter`). A failure prints both grids.
@Suite struct ViewTests {
    @Test func belowTheMinimumItSaysSoAndComesBackWhenItGrows() {
        let small = Fixture.send(Fixture.afterRemix(), .input(.resize(width: 40, height: 10)))
        let canvas = view(small)
        #expect(canvas.lines == [
            "", "", "", "",
            "      remix needs at least 80 × 24",
            "       (this terminal is 40 × 10)",
            "", "", "", "",
        ].map { TextWidth.padded($0, to: 40) }, "\(canvas.dump)")
        let back = view(Fixture.send(small, .input(.resize(width: 80, height: 24))))
        #expect(back.lines[0].hasPrefix("┌ Voice ─ Alasdair · scottish · male · middle aged "), "\(back.dump)")
        #expect(back.lines.count == 24 && back.lines.allSatisfy { TextWidth.of($0) == 80 })
    }

    @Test func theWorkbenchAt80x24AfterARemix() {
        let canvas = view(Fixture.afterRemix())
        let lines = canvas.lines
        #expect(lines[1] == "│ Prompt  older, much deeper" + String(repeating: " ", count: 43) + "18/1000 │", "\(canvas.dump)")
        #expect(lines[3].hasPrefix("│ Text    ◉ auto  ○ own"))
        #expect(lines[4].hasPrefix("├ Parameters ─"))
        #expect(lines[5].hasPrefix("│ guidance         ━○") && lines[5].contains("2.0"))
        #expect(lines[7].contains("prompt strength") && lines[7].contains("auto") && lines[7].contains("backend default"))
        #expect(lines[10].hasPrefix("├ Previews · iteration 1 of 1 ─"))
        #expect(lines[11] == TextWidth.padded("│ › 1   29.5 s  en  Preview1x0AAAAAAAAAA", to: 79) + "│", "\(canvas.dump)")
        #expect(lines[13].contains("29.7 s  en  Preview1x2AAAAAAAAAA"))
        #expect(lines[15].contains("older: pitch -1.1 st; much deeper: pitch -4.5 st"))
        #expect(lines[17].contains(" 1  ") && lines[17].contains("older, much deeper") && lines[17].contains("g 2.0 l 0.50 p –"))
        #expect(lines[22].hasPrefix(" local · session FwdA6olm… · iter YWojeqTM… · billable: auto  3 previews"))
        #expect(lines[23].hasPrefix(" ^R remix  Tab focus"))
        // The focused pane's title and its selected row are in reverse video; the others are not.
        let styles = canvas.styleLines
        #expect(styles[10].dropFirst(1).prefix(29).allSatisfy { $0 == "R" }, "\(canvas.dump)")
        #expect(styles[11].dropFirst(2).prefix(40).allSatisfy { $0 == "R" })
        #expect(!styles[4].contains("R"))
    }

    @Test func theCounterTurnsRedOutOfRangeAndTheCaretFollowsWideCharacters() {
        let state = Fixture.run(Fixture.state(), Fixture.typing("日本")).state
        let canvas = view(state)
        #expect(canvas.lines[1].hasPrefix("│ Prompt  日本 "))
        #expect(canvas.cursor == Canvas.Point(x: 14, y: 1), "the caret is after two double-width characters")
        let counter = canvas.lines[1].range(of: "2/1000")!
        let column = canvas.lines[1].distance(from: canvas.lines[1].startIndex, to: counter.lowerBound) + 2
        #expect(canvas.styleLines[1].dropFirst(column).prefix(6).allSatisfy { $0 == "r" }, "\(canvas.dump)")
        let fine = view(Fixture.run(state, Fixture.typing(", older")).state)
        #expect(!fine.styleLines[1].contains("r"))
    }

    @Test func twoColumnsFrom120x30() {
        let canvas = view(Fixture.afterRemix(width: 120, height: 40))
        #expect(canvas.lines[0].hasPrefix("┌ Voice ─ Alasdair"))
        #expect(canvas.lines[0].contains("┐┌ Previews · iteration 1 of 1 "), "\(canvas.dump)")
        #expect(canvas.lines[37].hasPrefix("└") && canvas.lines[37].hasSuffix("┘"))
        #expect(canvas.lines[38].contains("session FwdA6olmJckiF4jElgni"), "wide terminals show whole ids")
    }

    @Test func theKeepDialogShowsWhatWillBeSent() {
        var state = Fixture.afterRemix()
        state.played = [state.iterations[0].previews[1].generatedVoiceID]
        let canvas = view(Fixture.run(state, Fixture.keys(.character("s"))).state)
        let screen = canvas.lines.joined(separator: "\n")
        #expect(screen.contains("Keep Preview1x0AAAAAAAAAA as a voice"))
        #expect(screen.contains("heard, not picked: Preview1x1AAAAAAAAAA"))
        #expect(screen.contains("Enter keeps"))
    }
}
