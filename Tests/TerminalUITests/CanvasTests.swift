import Testing
@testable import TerminalUI

@Suite struct CanvasTests {
    @Test func wideCharactersTakeTwoColumnsAndCombiningMarksNone() {
        #expect(TextWidth.of("日本語") == 6)
        #expect(TextWidth.of("e\u{301}") == 1)
        #expect(TextWidth.of("Ω") == 1)
        #expect(TextWidth.of("🎙") == 2)
        var canvas = Canvas(width: 6, height: 1)
        let end = canvas.put("a日e\u{301}b", x: 0, y: 0)
        #expect(end == 5)
        #expect(canvas.lines == ["a日e\u{301}b "])
        #expect(canvas[1, 0].text == "日" && canvas[2, 0].text == "")
        #expect(canvas[3, 0].text == "e\u{301}")
    }

    @Test func aWideCharacterThatDoesNotFitWholeIsLeftOut() {
        var canvas = Canvas(width: 4, height: 1)
        canvas.put("ab日", x: 0, y: 0, limit: 3)
        #expect(canvas.lines == ["ab  "])
    }

    @Test func controlCharactersNeverReachTheScreen() {
        var canvas = Canvas(width: 5, height: 1)
        canvas.put("a\u{1B}[2Jb", x: 0, y: 0)
        #expect(!canvas.lines[0].contains("\u{1B}"))
    }

    @Test func stylesShowAsLettersBesideTheText() {
        var canvas = Canvas(width: 6, height: 1)
        canvas.put("ok", x: 0, y: 0, style: .reverse)
        canvas.put("no", x: 3, y: 0, style: Style(foreground: .red, bold: true))
        #expect(canvas.styleLines == ["RR.rr."])
    }

    @Test func truncationKeepsWidthsAndAddsAnEllipsis() {
        #expect(TextWidth.truncated("日本語テキスト", to: 7) == "日本語…")
        #expect(TextWidth.padded("ab", to: 4) == "ab  ")
    }
}
