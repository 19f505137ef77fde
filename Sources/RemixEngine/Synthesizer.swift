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
        try await Self.thread.run { _ in
            srand(seed)
            let speech: PCMBuffer
            switch profile.synthesizer {
            case .flite:
                speech = try FliteSynthesizer.shared.synthesize(text, voice: profile.synthesizerVoice, pitchRange: profile.pitchRange)
            case .espeak:
                speech = try EspeakSynthesizer.synthesize(
                    text, voice: profile.synthesizerVoice, pitchRange: profile.pitchRange, pauses: profile.pauses)
            }
            return PauseLength.scale(speech, by: profile.pauses)
        }
    }
}
