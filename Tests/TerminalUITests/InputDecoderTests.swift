import CNcursesW
import Testing
@testable import TerminalUI

@Suite struct InputDecoderTests {
    private func decode(_ raws: [InputDecoder.Raw]) -> [TerminalInput] {
        var decoder = InputDecoder()
        return raws.flatMap { decoder.feed($0) } + decoder.flushEscape()
    }

    @Test func controlBytesBecomeNamedKeys() {
        #expect(decode([.character(0x12), .character(0x0D), .character(0x09), .character(0x7F)])
            == [.key(.control("r")), .key(.enter), .key(.tab), .key(.backspace)])
    }

    @Test func escapeAloneIsEscapeAndBeforeALetterIsAlt() {
        #expect(decode([.character(0x1B)]) == [.key(.escape)])
        #expect(decode([.character(0x1B), .character(UInt32(("b" as Unicode.Scalar).value))]) == [.key(.alt("b"))])
        #expect(decode([.character(0x1B), .character(0x1B)]) == [.key(.escape), .key(.escape)])
    }

    @Test func aBracketedPasteArrivesWholeWithItsNewlines() {
        let text = "older,\rdeeper 日本"
        let raws: [InputDecoder.Raw] = [.keyCode(InputDecoder.pasteStart)] + text.unicodeScalars.map { .character($0.value) }
            + [.keyCode(InputDecoder.pasteEnd)]
        #expect(decode(raws) == [.paste("older,\ndeeper 日本")])
    }

    @Test func invalidScalarsAreDropped() {
        #expect(decode([.character(0xD800), .character(0x110000), .character(0x41)]) == [.key(.character("A"))])
    }

    @Test func keypadCodesMapToKeys() {
        #expect(decode([.keyCode(KEY_SLEFT), .keyCode(KEY_BTAB), .keyCode(KEY_DC), .keyCode(cn_key_f(1))])
            == [.key(.shiftLeft), .key(.backTab), .key(.delete), .key(.function(1))])
    }
}
