import Foundation

/// How a voice is made: which synthesizer voice speaks, and the DSP applied on top of it.
struct VoiceProfile: Sendable, Hashable, Codable {
    enum Synthesizer: String, Sendable, Hashable, Codable {
        case flite, espeak
    }

    var synthesizer: Synthesizer
    /// The synthesizer's own voice name: a flite voice (`slt`) or an espeak-ng voice with optional variant (`fr+f2`).
    var synthesizerVoice: String
    /// ISO 639-1 code reported as each preview's `language`.
    var language: String
    /// Pitch shift from the synthesizer's natural pitch.
    var pitchSemitones: Double
    /// Spectral-envelope scale: above 1 sounds smaller and younger, below 1 larger and older.
    var formantRatio: Double
    /// Speaking-rate multiplier: above 1 is faster.
    var tempo: Double
    /// Texture and colour applied after pitch, formant and tempo.
    var effects: VoiceEffects = .none

    /// Bounds that keep every combination of prompt, guidance and variation intelligible.
    static let pitchRange = -12.0...12.0
    static let formantRange = 0.75...1.33
    static let tempoRange = 0.5...2.0

    init(
        synthesizer: Synthesizer, synthesizerVoice: String, language: String, pitchSemitones: Double,
        formantRatio: Double, tempo: Double, effects: VoiceEffects = .none
    ) {
        self.synthesizer = synthesizer
        self.synthesizerVoice = synthesizerVoice
        self.language = language
        self.pitchSemitones = pitchSemitones
        self.formantRatio = formantRatio
        self.tempo = tempo
        self.effects = effects
    }

    /// Profiles stored before a field existed decode with that field's neutral value.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        synthesizer = try container.decode(Synthesizer.self, forKey: .synthesizer)
        synthesizerVoice = try container.decode(String.self, forKey: .synthesizerVoice)
        language = try container.decode(String.self, forKey: .language)
        pitchSemitones = try container.decode(Double.self, forKey: .pitchSemitones)
        formantRatio = try container.decode(Double.self, forKey: .formantRatio)
        tempo = try container.decode(Double.self, forKey: .tempo)
        effects = try container.decodeIfPresent(VoiceEffects.self, forKey: .effects) ?? .none
    }

    func applying(_ change: ProfileChange) -> VoiceProfile {
        var result = self
        result.pitchSemitones = (pitchSemitones + change.semitones).clamped(to: Self.pitchRange)
        result.formantRatio = (formantRatio * change.formantRatio).clamped(to: Self.formantRange)
        result.tempo = (tempo * change.tempo).clamped(to: Self.tempoRange)
        return result
    }
}

/// A move of a profile in the three DSP dimensions. Pitch adds; formant and tempo multiply, so
/// scaling a change by `k` raises the ratios to the power `k` (half of "20 % faster" is ~9.5 % faster).
struct ProfileChange: Sendable, Hashable {
    var semitones: Double = 0
    var formantRatio: Double = 1
    var tempo: Double = 1

    static let none = ProfileChange()

    func scaled(by factor: Double) -> ProfileChange {
        ProfileChange(
            semitones: semitones * factor,
            formantRatio: Foundation.pow(formantRatio, factor),
            tempo: Foundation.pow(tempo, factor))
    }

    static func + (lhs: ProfileChange, rhs: ProfileChange) -> ProfileChange {
        ProfileChange(
            semitones: lhs.semitones + rhs.semitones,
            formantRatio: lhs.formantRatio * rhs.formantRatio,
            tempo: lhs.tempo * rhs.tempo)
    }

    /// Reads like "pitch −4.5 st, tempo ×0.87", naming only the dimensions that move.
    var summary: String {
        var parts: [String] = []
        if abs(semitones) >= 0.05 {
            parts.append("pitch \(semitones < 0 ? "−" : "+")\(Self.decimal(abs(semitones))) st")
        }
        if abs(formantRatio - 1) >= 0.005 {
            parts.append("formant ×\(Self.decimal(formantRatio, places: 2))")
        }
        if abs(tempo - 1) >= 0.005 {
            parts.append("tempo ×\(Self.decimal(tempo, places: 2))")
        }
        return parts.isEmpty ? "no change" : parts.joined(separator: ", ")
    }

    private static func decimal(_ value: Double, places: Int = 1) -> String {
        let scale = Foundation.pow(10, Double(places))
        let rounded = (value * scale).rounded() / scale
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

extension Comparable {
    func clamped(to range: ClosedRange<Self>) -> Self {
        min(max(self, range.lowerBound), range.upperBound)
    }
}
