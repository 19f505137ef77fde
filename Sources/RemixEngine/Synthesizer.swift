import Foundation
import RemixCore

/// Speaks a script in a profile's synthesizer voice, routing to the library that owns the voice.
///
/// flite draws noise from libc `rand()`, whose state is process-wide, and espeak-ng keeps all its
/// state in globals. So every synthesis, with either library, runs on one thread of its own, and
/// `srand(seed)` runs immediately before it: flite's waveform is then a pure function of (text,
/// voice, seed), whatever else runs concurrently. `SpeechCache` covers espeak-ng's own drift.
struct Synthesizer: Sendable {
    private static let thread = WorkerPool(label: "remix.synthesis", threadCount: 1)
    private static let cache = SpeechCache()

    func synthesize(_ text: String, profile: VoiceProfile, seed: UInt32) async throws -> PCMBuffer {
        let key = SpeechCache.Key(synthesizer: profile.synthesizer, voice: profile.synthesizerVoice, text: text, seed: seed)
        return try await Self.thread.run { _ in
            try Self.cache.speech(for: key) {
                srand(seed)
                switch profile.synthesizer {
                case .flite:
                    return try FliteSynthesizer.shared.synthesize(text, voice: profile.synthesizerVoice)
                case .espeak:
                    return try EspeakSynthesizer.shared.synthesize(text, voice: profile.synthesizerVoice)
                }
            }
        }
    }
}
