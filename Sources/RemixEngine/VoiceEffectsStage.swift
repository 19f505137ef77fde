import Foundation
import RemixCore

/// Applies a profile's `VoiceEffects` to the shaped speech, between pitch/tempo and loudness.
///
/// The order follows the sound's path: the voice's own texture (rough cycles, then breath riding on
/// them), the vocal tract and mouth (nasal resonance, tilt, bass), the channel it is sent through,
/// and last the room the listener hears it in, so a megaphone in a hall rings in the hall.
/// Band limits survive the room, since the reverberator is linear.
///
/// Noise comes from `SeededRandom` streams seeded by the preview (one stream per effect, so turning
/// one effect on does not change the noise of another): the same preview is the same audio, byte
/// for byte. Dry effects return the input untouched.
enum VoiceEffectsStage {
    /// Keeps each effect's noise stream apart from the others drawn from the same preview seed.
    private enum Stream: UInt64 {
        case roughness = 1, breath, channel
    }

    static func apply(_ effects: VoiceEffects, to buffer: PCMBuffer, noiseSeed: UInt64) -> PCMBuffer {
        guard !effects.isDry, !buffer.samples.isEmpty else { return buffer }
        // Not `noiseSeed + k·γ`: SplitMix steps its state by γ, so that would be the same stream shifted.
        func random(_ stream: Stream) -> SeededRandom {
            SeededRandom(seed: noiseSeed ^ (stream.rawValue &* 0xD1B5_4A32_D192_ED03))
        }
        let rate = buffer.sampleRate
        var samples = buffer.samples
        var roughnessNoise = random(.roughness)
        Roughness.apply(roughness: effects.roughness, to: &samples, sampleRate: rate, random: &roughnessNoise)
        var breathNoise = random(.breath)
        Breath.apply(breathiness: effects.breathiness, to: &samples, sampleRate: rate, random: &breathNoise)
        SpectralShape.filters(for: effects, sampleRate: rate).apply(to: &samples)
        if let channel = effects.channel {
            var hiss = random(.channel)
            ChannelColour.apply(channel, to: &samples, sampleRate: rate, random: &hiss)
        }
        if let room = effects.room {
            RoomReverb.apply(room, to: &samples, sampleRate: rate)
        }
        return PCMBuffer(samples: samples, sampleRate: rate, channels: buffer.channels)
    }
}
