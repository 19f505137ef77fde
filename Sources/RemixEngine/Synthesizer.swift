import Foundation
import RemixCore

/// Speaks a script in a profile's synthesizer voice, routing to the library that owns the voice.
///
/// flite draws noise from libc `rand()`, whose state is process-wide, and espeak-ng keeps all its
/// state in globals. So every synthesis, with either library, runs on one serial queue, and
/// `srand(seed)` runs immediately before it: the waveform is then a pure function of (text, voice,
/// seed), whatever else runs concurrently. `EspeakSynthesizer` also resets espeak-ng's own state.
struct Synthesizer: Sendable {
    private static let queue = DedicatedQueue(label: "remix.engine.synthesis")

    func synthesize(_ text: String, profile: VoiceProfile, seed: UInt32) async throws -> PCMBuffer {
        try await Self.queue.run {
            srand(seed)
            switch profile.synthesizer {
            case .flite:
                return try FliteSynthesizer.shared.synthesize(text, voice: profile.synthesizerVoice)
            case .espeak:
                return try EspeakSynthesizer.synthesize(text, voice: profile.synthesizerVoice)
            }
        }
    }
}
