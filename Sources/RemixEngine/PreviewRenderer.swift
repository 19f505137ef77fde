import Foundation
import RemixCore

/// One preview's audio: the finished samples (at the output format's rate) and their encoding.
struct RenderedAudio: Sendable {
    var pcm: PCMBuffer
    var encoded: EncodedAudio
}

/// The per-preview pipeline after synthesis: pitch/formant/tempo → resample → loudness → encoder.
/// Pure and self-contained, so the three previews of a request render in parallel; it throws
/// `CancellationError` once `cancellation` is raised.
enum PreviewRenderer {
    static func render(
        speech: PCMBuffer, profile: VoiceProfile, loudness: Double, format: OutputFormat, cancellation: Cancellation
    ) throws -> RenderedAudio {
        // Checked before each stage (and within the longest), so a cancelled remix stops there instead of rendering on.
        try cancellation.check()
        let shaped = try PitchTempo.process(
            speech, semitones: profile.pitchSemitones, formantRatio: profile.formantRatio, tempo: profile.tempo,
            cancellation: cancellation)
        try cancellation.check()
        let resampled = Resampler.resample(shaped, to: format.sampleRate)
        try cancellation.check()
        let normalized = try LoudnessNormalizer.normalize(resampled, loudness: loudness)
        try cancellation.check()
        return RenderedAudio(pcm: normalized, encoded: try OutputEncoder.encode(normalized, as: format))
    }
}
