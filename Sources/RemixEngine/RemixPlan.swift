import Foundation
import RemixCore

/// Decides, before any audio is made, what each of the three previews will be: its id and its
/// voice profile. Everything random is drawn from one `SeededRandom`, in a fixed order, so a seed
/// and the same inputs always give the same plan.
///
/// Parameter mapping:
/// - **prompt_strength** `s` (0…1, nil → `defaultPromptStrength` 0.75) is the share of the
///   prompt's change applied: 0 keeps the reference voice, 1 applies it fully.
/// - **guidance_scale** `g` (0…100, default 2) is how closely the previews follow the prompt: it
///   sets the share of the prompt's change the previews reach, `min(0.5 + 0.25·g, 1)` (g = 0 → half,
///   g ≥ 2 → all of it, never beyond: more guidance is closer to the prompt, not a caricature of it),
///   and narrows the spread between previews by `1 / (1 + g/4)` (g = 0 → 1, g = 2 → 0.67,
///   g = 100 → 0.04), so at high guidance the three previews are nearly the same voice, as the API
///   warns ("stiff").
/// - The spread sets each preview's random offset: up to ±1.5 st pitch, ±4 % formant, ±8 % tempo.
struct RemixPlan: Sendable {
    static let previewCount = 3
    static let defaultPromptStrength = 0.75
    static let maxGuidanceMultiplier = 1.0
    static let variationLimit = ProfileChange(semitones: 1.5, formantRatio: 1.04, tempo: 1.08)

    struct PreviewPlan: Sendable, Hashable {
        var generatedVoiceID: String
        var profile: VoiceProfile

        /// Seeds the noise of the preview's voice effects. Derived from the id, which the seed and
        /// inputs already fix, rather than drawn from the plan's generator: a further draw would move
        /// everything drawn after it (the auto-generated script) and change audio made before effects existed.
        var noiseSeed: UInt64 {
            var hash = StableHash()
            hash.combine(generatedVoiceID)
            return hash.value
        }
    }

    /// The prompt applied to the reference voice, before per-preview variation: its synthesis side
    /// (voice, pitch range, pauses) speaks the script once for all three previews.
    var target: VoiceProfile
    var previews: [PreviewPlan]
    var interpretation: Interpretation

    static func promptScale(promptStrength: Double?, guidanceScale: Double) -> Double {
        (promptStrength ?? defaultPromptStrength) * min(0.5 + 0.25 * guidanceScale, maxGuidanceMultiplier)
    }

    static func variationSpread(guidanceScale: Double) -> Double {
        1 / (1 + guidanceScale / 4)
    }

    init(
        request: RemixRequest, reading: PromptReading, reference: VoiceProfile, notes: [String] = [],
        random: inout SeededRandom
    ) {
        let scale = Self.promptScale(promptStrength: request.promptStrength, guidanceScale: request.guidanceScale)
        let spread = Self.variationSpread(guidanceScale: request.guidanceScale)
        let target = reference.applying(reading.change.scaled(by: scale))
        self.target = target
        previews = (0..<Self.previewCount).map { _ in
            let id = Identifier.make(using: &random)
            let offset = ProfileChange(
                semitones: Self.variationLimit.semitones * random.nextSymmetric(),
                formantRatio: Foundation.pow(Self.variationLimit.formantRatio, random.nextSymmetric()),
                tempo: Foundation.pow(Self.variationLimit.tempo, random.nextSymmetric()))
            return PreviewPlan(generatedVoiceID: id, profile: target.applying(offset.scaled(by: spread)))
        }
        interpretation = reading.interpretation(scale: scale, notes: notes)
    }
}
