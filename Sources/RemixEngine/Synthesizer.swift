import Foundation
import RemixCore

/// Speaks a script with a profile's synthesis side — its synthesizer voice, pitch range and pauses —
/// routing to the library that owns the voice. Pitch, formant, tempo and effects come later, per preview.
///
/// flite draws noise from libc `rand()`, whose state is process-wide, and espeak-ng keeps all its
/// state in globals. So every synthesis, with either library, runs on one thread of its own, and
/// `srand(seed)` runs immediately before it: the waveform is then a pure function of (text, voice,
/// seed), whatever else runs concurrently. `EspeakSynthesizer` also resets espeak-ng's own state.
struct Synthesizer: Sendable {
    private static let thread = WorkerPool(label: "remix.synthesis", threadCount: 1)

    func synthesize(_ text: String, profile: VoiceProfile, seed: UInt32) async throws -> PCMBuffer {
        try await Self.thread.run { cancellation in
            srand(seed)
            let speech: PCMBuffer
            switch profile.synthesizer {
            case .flite:
                speech = try Self.sentenceBySentence(text, cancellation) {
                    try FliteSynthesizer.shared.synthesize($0, voice: profile.synthesizerVoice, pitchRange: profile.pitchRange)
                }
            case .espeak:
                speech = try EspeakSynthesizer.synthesize(
                    text, voice: profile.synthesizerVoice, pitchRange: profile.pitchRange, pauses: profile.pauses)
            }
            return PauseLength.scale(speech, by: profile.pauses)
        }
    }

    /// flite cannot be stopped within a call, and spoke a 1000-character script in one call for 5.7 s
    /// on a loaded 2-core machine (about 0.7 s at its idle 80× real time), holding the thread for a
    /// remix whose client had gone. Spoken a sentence at a time, as flite's own command line speaks a file, it
    /// stops within a sentence. The sentences follow each other on this one thread, drawing on the
    /// same `rand()` sequence, so the result is still a pure function of (text, voice, seed).
    /// (espeak-ng speaks such a script in tens of milliseconds; it keeps one call.)
    static func sentenceBySentence(
        _ text: String, _ cancellation: Cancellation, _ speak: (String) throws -> PCMBuffer
    ) throws -> PCMBuffer {
        var samples: [Float] = []
        var sampleRate = 0
        for sentence in sentences(of: text) {
            try cancellation.step()
            let spoken = try speak(String(sentence))
            samples += spoken.samples
            sampleRate = spoken.sampleRate
        }
        return PCMBuffer(samples: samples, sampleRate: sampleRate, channels: 1)
    }

    /// `text` cut after each `.`, `!` or `?` that spaces and a capital follow, roughly where flite's
    /// tokenizer ends an utterance: at least one piece, and together every character.
    static func sentences(of text: String) -> [Substring] {
        var sentences: [Substring] = []
        var start = text.startIndex
        for end in text.matches(of: /[.!?]["'”’)\]]*\s+(?=\p{Lu})/).map(\.range.upperBound) {
            sentences.append(text[start..<end])
            start = end
        }
        sentences.append(text[start...])
        return sentences
    }
}
