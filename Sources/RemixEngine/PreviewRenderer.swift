import Foundation
import RemixCore

/// One preview's audio: the finished samples (at the output format's rate) and their encoding.
struct RenderedAudio: Sendable {
    var pcm: PCMBuffer
    var encoded: EncodedAudio
}

/// The per-preview pipeline after synthesis: pitch/formant/tempo → voice effects → resample →
/// loudness → encoder. Effects run at the synthesizer's rate, before resampling to the output rate:
/// cheaper than at 44.1 kHz, and the speech has nothing above the synthesizer's band anyway.
/// Pure and self-contained, so the three previews of a request render in parallel; it throws
/// `CancellationError` once `cancellation` is raised.
enum PreviewRenderer {
    static func render(
        speech: PCMBuffer, profile: VoiceProfile, noiseSeed: UInt64, loudness: Double, format: OutputFormat,
        cancellation: Cancellation
    ) throws -> RenderedAudio {
        // A step before each stage (and within the longest): a cancelled remix stops there instead of
        // rendering on, and the thread gives way there to a core a server has set aside.
        try cancellation.step()
        let shaped = try PitchTempo.process(
            speech, semitones: profile.pitchSemitones, formantRatio: profile.formantRatio, tempo: profile.tempo,
            cancellation: cancellation)
        try cancellation.step()
        let coloured = VoiceEffectsStage.apply(profile.effects, to: shaped, noiseSeed: noiseSeed)
        try cancellation.step()
        let resampled = Resampler.resample(coloured, to: format.sampleRate)
        try cancellation.step()
        let normalized = try LoudnessNormalizer.normalize(resampled, loudness: loudness)
        try cancellation.step()
        return RenderedAudio(pcm: normalized, encoded: try OutputEncoder.encode(normalized, as: format))
    }
}
