import Foundation
import Testing
import TerminalUI
@testable import Workbench

/// The mouse, driven through `update` with presses placed on what the view drew, at both layouts.
@Suite struct PointerTests {
    static func zone(_ state: WorkbenchState, _ target: PointerTarget) throws -> Painter.Area {
        try #require(pointerZones(state).first { $0.target == target }?.area, "no \(target) on the screen")
    }

    static func press(_ area: Painter.Area, dx: Int = 0, at time: Double) -> [Action] {
        [.tick(now: time), .input(.mouse(MouseEvent(.press, x: area.x + dx, y: area.y))),
         .input(.mouse(MouseEvent(.release, x: area.x + dx, y: area.y)))]
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func aPressSelectsAPreviewAndADoubleClickPlaysIt(width: Int, height: Int) throws {
        var state = Fixture.afterRemix(width: width, height: height)
        state.focus = .prompt
        let second = try Self.zone(state, .preview(1))
        let (selected, none) = Fixture.run(state, Self.press(second, at: 10))
        #expect(selected.focus == .previews && selected.previews.selected == 1)
        #expect(none.isEmpty, "one press asked for \(none)")

        let (_, effects) = Fixture.run(selected, Self.press(second, at: 10.2))
        #expect(effects.contains { if case .play(let playable) = $0 { playable.generatedVoiceID == state.iterations[0].previews[1].generatedVoiceID } else { false } },
                "a double click did not play the second preview: \(effects)")
    }

    @Test func pressesFarApartAreTwoClicksNotADoubleClick() throws {
        let state = Fixture.afterRemix()
        let row = try Self.zone(state, .preview(2))
        let (_, effects) = Fixture.run(state, Self.press(row, at: 10) + Self.press(row, at: 11))
        #expect(!effects.contains { if case .play = $0 { true } else { false } })
    }

    @Test func aPressOnASliderBarSetsItThereOnTheFineGrid() throws {
        let state = Fixture.state(width: 120, height: 40)
        let target = try #require(pointerZones(state).first { if case .parameter(.guidance, .some) = $0.target { true } else { false } })
        guard case .parameter(_, let bar?) = target.target else { return }
        let (end, _) = Fixture.run(state, Self.press(target.area, dx: bar.upperBound - 1 - target.area.x, at: 1))
        #expect(end.focus == .parameters && end.parameterRow == .guidance)
        #expect(end.guidance.value == 100)
        let (middle, _) = Fixture.run(state, Self.press(target.area, dx: bar.lowerBound + (bar.count - 1) / 2 - target.area.x, at: 1))
        let value = try #require(middle.guidance.value)
        #expect(abs(value - 50) <= 100 / Double(bar.count - 1) + 0.5, "the middle of the bar gave \(value)")
        #expect((value / 0.5).rounded() * 0.5 == value, "\(value) is off the 0.5 grid")
    }

    @Test func theWheelMovesTheListUnderItAndStepsASlider() throws {
        let state = Fixture.afterRemix(width: 120, height: 40)
        let row = try Self.zone(state, .preview(0))
        let down = Fixture.send(state, .input(.mouse(MouseEvent(.wheelDown, x: row.x, y: row.y))))
        #expect(down.previews.selected == 1)
        let loudness = try #require(pointerZones(state).first { if case .parameter(.loudness, _) = $0.target { true } else { false } }?.area)
        let louder = Fixture.send(state, .input(.mouse(MouseEvent(.wheelUp, x: loudness.x, y: loudness.y))))
        #expect(louder.focus == .parameters && louder.parameterRow == .loudness)
        #expect(louder.loudness.value.map { abs($0 - 0.55) < 1e-9 } == true)
    }

    @Test func aPressOnAnEditorFocusesItAndOnHelpClosesIt() throws {
        var state = Fixture.afterRemix()
        let prompt = try Self.zone(state, .editor(.prompt))
        #expect(Fixture.run(state, Self.press(prompt, at: 1)).state.focus == .prompt)
        state.overlay = .help
        let closed = Fixture.run(state, Self.press(prompt, at: 1)).state
        #expect(closed.overlay == nil && closed.focus == state.focus, "a press on the help box went through to the pane")
    }

    @Test func aPressOutsideAnyRowDoesNothing() {
        let state = Fixture.afterRemix()
        let (next, effects) = Fixture.run(state, [.input(.mouse(MouseEvent(.press, x: 0, y: 0)))])
        #expect(effects.isEmpty && next.focus == state.focus)
    }

    @Test func inThePickerAPressSelectsAVoiceADoubleClickPicksItAndTheWheelMoves() throws {
        var state = VoiceSearchTests.opened().state
        state = Fixture.send(state, .voicesFound(VoiceSearchTests.page([Fixture.alasdair, Fixture.maren]), generation: 1, nextPage: false))
        let maren = try Self.zone(state, .voice(1))
        let selected = Fixture.run(state, Self.press(maren, at: 10)).state
        #expect(VoiceSearchTests.picker(selected)?.cursor.selected == 1)
        let wheeled = Fixture.send(selected, .input(.mouse(MouseEvent(.wheelUp, x: maren.x, y: maren.y))))
        #expect(VoiceSearchTests.picker(wheeled)?.cursor.selected == 0)
        let picked = Fixture.run(selected, Self.press(maren, at: 10.2)).state
        #expect(picked.overlay == nil && picked.voice == Fixture.maren)
    }

    @Test func aPressBesideTheListsRowsReachesNothingUnderTheBox() throws {
        var state = Fixture.afterRemix()
        let underneath = try Self.zone(state, .preview(1))
        state.focus = .history
        state = Fixture.run(state, Fixture.typing("v")).state
        state = Fixture.send(state, .voicesFound(VoiceSearchTests.page([Fixture.alasdair]), generation: 1, nextPage: false))
        #expect(VoiceSearchTests.picker(state) != nil)
        let (next, effects) = Fixture.run(state, Self.press(underneath, at: 10) + Self.press(underneath, at: 10.1))
        #expect(next.previews.selected == state.previews.selected && next.overlay == state.overlay)
        #expect(effects.isEmpty, "\(effects)")
    }

    @Test func inThePaletteADoubleClickInsertsThePhrase() throws {
        var state = Fixture.run(Fixture.afterRemix(), Fixture.typing("p")).state
        state = Fixture.send(state, .paletteLoaded(PromptHelpTests.families))
        // Phrases in order: older, a bit younger, breathy, gravelly; headings are not among them.
        let breathy = try Self.zone(state, .phrase(2))
        #expect(view(state).lines[breathy.y].contains("breathy"))
        let inserted = Fixture.run(state, Self.press(breathy, at: 5) + Self.press(breathy, at: 5.1)).state
        #expect(inserted.overlay == nil && inserted.prompt.text.hasSuffix(", breathy"), "\(inserted.prompt.text)")
    }
}
