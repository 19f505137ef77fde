import Testing
@testable import RemixEngine

@Suite struct PromptInterpreterTests {
    let interpreter: PromptInterpreter

    init() throws {
        interpreter = try PromptInterpreter()
    }

    @Test func modifiersScaleTheNextTrait() {
        let reading = interpreter.read("Make it much deeper and slightly faster")
        #expect(reading.matches.map(\.phrase) == ["much deeper", "slightly faster"])
        #expect(reading.change.semitones == -6)
        #expect(abs(reading.change.tempo - 1.2.squareRoot()) < 1e-9)
        #expect(reading.unrecognized.isEmpty)
    }

    @Test func multiWordModifiersAndUnknownWords() {
        let reading = interpreter.read("a little higher, with a sparkly glow")
        #expect(reading.matches.map(\.phrase) == ["a little higher"])
        #expect(reading.change.semitones == 1.5)
        #expect(reading.unrecognized == ["sparkly", "glow"])
    }

    @Test func ageMovesFormantsToo() {
        let reading = interpreter.read("older")
        #expect(reading.traits == ["older"])
        #expect(reading.change.formantRatio < 1)
        #expect(reading.change.tempo < 1)
    }

    @Test func danglingModifierIsReported() {
        #expect(interpreter.read("make it very").unrecognized == ["very"])
    }
}
