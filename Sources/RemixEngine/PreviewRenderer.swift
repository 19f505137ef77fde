import Foundation
import RemixCore

/// One preview's audio: the finished samples (at the output format's rate) and their encoding.
struct RenderedAudio: Sendable {
    var pcm: PCMBuffer
    var encoded: EncodedAudio
}

/// The per-preview pipeline after synthesis: pitch/formant/tempo → resample → loudness → encoder.
/// Pure and self-contained, so the three previews of a request render in parallel.
enum PreviewRenderer {
    static func render(
        speech: PCMBuffer, profile: VoiceProfile, loudness: Double, format: OutputFormat
    ) throws -> RenderedAudio {
        let shaped = try PitchTempo.process(
            speech, semitones: profile.pitchSemitones, formantRatio: profile.formantRatio, tempo: profile.tempo)
        let resampled = Resampler.resample(shaped, to: format.sampleRate)
        let normalized = try LoudnessNormalizer.normalize(resampled, loudness: loudness)
        return RenderedAudio(pcm: normalized, encoded: try OutputEncoder.encode(normalized, as: format))
    }
}
