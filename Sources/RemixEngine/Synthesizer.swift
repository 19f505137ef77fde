import RemixCore

/// Speaks a script in a profile's synthesizer voice, routing to the library that owns the voice.
struct Synthesizer: Sendable {
    private let flite = FliteSynthesizer.shared
    private let espeak = EspeakSynthesizer.shared

    /// `seed` fixes flite's noise; espeak-ng is deterministic on its own.
    func synthesize(_ text: String, profile: VoiceProfile, seed: UInt32) async throws -> PCMBuffer {
        switch profile.synthesizer {
        case .flite:
            try await flite.synthesize(text, voice: profile.synthesizerVoice, seed: seed)
        case .espeak:
            try await espeak.synthesize(text, voice: profile.synthesizerVoice)
        }
    }
}
