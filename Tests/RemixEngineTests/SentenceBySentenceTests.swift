import RemixCore
@testable import RemixEngine
import Testing

/// flite speaks a script a sentence at a time, so a cancelled remix frees the synthesis thread
/// within a sentence instead of after the whole script.
@Suite struct SentenceBySentenceTests {
    @Test func aScriptIsCutAfterEachSentenceKeepingEveryCharacter() {
        let script = "The lamp was lit. Was it?  “Yes!” she said. Then 3 boats came... And Dr. Reed left"
        let sentences = Synthesizer.sentences(of: script)
        #expect(sentences == ["The lamp was lit. ", "Was it?  “Yes!” she said. ", "Then 3 boats came... ", "And Dr. ", "Reed left"])
        #expect(sentences.joined() == script)
        #expect(Synthesizer.sentences(of: "no sentence ends here, only a comma") == ["no sentence ends here, only a comma"])
    }

    @Test func aCancellationStopsBeforeTheNextSentence() {
        let cancellation = Cancellation()
        var spoken: [String] = []
        #expect(throws: CancellationError.self) {
            try Synthesizer.sentenceBySentence("One. Two. Three.", cancellation) { sentence in
                spoken.append(sentence)
                cancellation.raise()
                return PCMBuffer(samples: [0.5], sampleRate: 16000, channels: 1)
            }
        }
        #expect(spoken == ["One. "])
    }

    @Test func theSentencesAreJoinedInOrder() throws {
        let speech = try Synthesizer.sentenceBySentence("One. Two. Three.", Cancellation()) { sentence in
            PCMBuffer(samples: [Float(sentence.count), -1], sampleRate: 16000, channels: 1)
        }
        #expect(speech == PCMBuffer(samples: [5, -1, 5, -1, 6, -1], sampleRate: 16000, channels: 1))
    }
}
