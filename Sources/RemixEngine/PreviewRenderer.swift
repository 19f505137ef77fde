import Foundation
import RemixCore

/// One preview's audio: the finished samples (at the output format's rate) and their encoding.
struct RenderedAudio: Sendable {
    var pcm: PCMBuffer
    var encoded: EncodedAudio
}

/// The per-preview pipeline after synthesis: pitch/formant/tempo → resample → loudness → encoder.
/// Pure and self-contained, so the three previews of a request render in parallel; it throws
/// `CancellationError` once the task it runs in is cancelled.
enum PreviewRenderer {
    static func render(
        speech: PCMBuffer, profile: VoiceProfile, loudness: Double, format: OutputFormat
    ) throws -> RenderedAudio {
        // Checked before each stage, so a cancelled remix stops at the next one instead of rendering on.
        try Task.checkCancellation()
        let shaped = try PitchTempo.process(
            speech, semitones: profile.pitchSemitones, formantRatio: profile.formantRatio, tempo: profile.tempo)
        try Task.checkCancellation()
        let resampled = Resampler.resample(shaped, to: format.sampleRate)
        try Task.checkCancellation()
        let normalized = try LoudnessNormalizer.normalize(resampled, loudness: loudness)
        try Task.checkCancellation()
        return RenderedAudio(pcm: normalized, encoded: try OutputEncoder.encode(normalized, as: format))
    }
}
