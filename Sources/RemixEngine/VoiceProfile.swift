import Foundation

/// How a voice is made: which synthesizer voice speaks and how (the synthesis side, shared by the
/// previews of one request), and the DSP applied on top of it (pitch, formant, tempo, effects).
struct VoiceProfile: Sendable, Hashable, Codable {
    enum Synthesizer: String, Sendable, Hashable, Codable {
        case flite, espeak
    }

    var synthesizer: Synthesizer
    /// The synthesizer's own voice name: a flite voice (`slt`) or an espeak-ng voice with optional variant (`fr+f2`).
    var synthesizerVoice: String
    /// ISO 639-1 code reported as each preview's `language`; also the language auto-generated text is written in.
    var language: String
    /// Pitch shift from the synthesizer's natural pitch.
    var pitchSemitones: Double
    /// Spectral-envelope scale: above 1 sounds smaller and younger, below 1 larger and older.
    var formantRatio: Double
    /// Speaking-rate multiplier: above 1 is faster.
    var tempo: Double
    /// Intonation range as a multiple of the synthesizer voice's own: 0 is monotone, 2 sing-song.
    /// Applied at synthesis, where the intonation is made.
    var pitchRange: Double = 1
    /// Length of the pauses the synthesizer makes, as a multiple of its own. Applied at synthesis.
    var pauses: Double = 1
    /// Texture and colour applied after pitch, formant and tempo.
    var effects: VoiceEffects = .none

    /// Bounds that keep every combination of prompt, guidance and variation intelligible.
    static let pitchRange = -12.0...12.0
    static let formantRange = 0.75...1.33
    static let tempoRange = 0.5...2.0
    static let intonationRange = 0.0...2.0
    static let pauseRange = 0.3...3.0
    /// One step of "androgynous": how far pitch and formants move toward the other presentation.
    static let androgynyStep = (semitones: 3.0, formantRatio: 1.06)

    /// The espeak-ng variant (`+f3`, or empty for espeak-ng's default male voice) that keeps this
    /// voice's sex when an accent moves it to another espeak-ng voice.
    var espeakVariant: String {
        switch synthesizer {
        case .espeak:
            synthesizerVoice.firstIndex(of: "+").map { String(synthesizerVoice[$0...]) } ?? ""
        case .flite:
            FliteSynthesizer.espeakVariants[synthesizerVoice] ?? ""
        }
    }

    /// Whether the synthesizer voice presents as feminine, which decides the direction "androgynous" moves it.
    var presentsFeminine: Bool { espeakVariant.hasPrefix("+f") }

    func applying(_ change: ProfileChange) -> VoiceProfile {
        var result = self
        // Toward the middle: up for a masculine voice, down for a feminine one.
        let androgyny = change.androgyny * (presentsFeminine ? -1 : 1)
        result.pitchSemitones = (pitchSemitones + change.semitones + androgyny * Self.androgynyStep.semitones)
            .clamped(to: Self.pitchRange)
        result.formantRatio = (formantRatio * change.formantRatio * Foundation.pow(Self.androgynyStep.formantRatio, androgyny))
            .clamped(to: Self.formantRange)
        result.tempo = (tempo * change.tempo).clamped(to: Self.tempoRange)
        result.pitchRange = (pitchRange * change.pitchRange).clamped(to: Self.intonationRange)
        result.pauses = (pauses * change.pauses).clamped(to: Self.pauseRange)
        result.effects = effects.applying(change)
        if let accent = change.accent {
            result.synthesizer = .espeak
            result.synthesizerVoice = accent.espeakVoice + espeakVariant
            result.language = accent.language
        }
        return result
    }
}

extension VoiceProfile {
    /// Profiles stored before a field existed decode with that field's neutral value.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        synthesizer = try container.decode(Synthesizer.self, forKey: .synthesizer)
        synthesizerVoice = try container.decode(String.self, forKey: .synthesizerVoice)
        language = try container.decode(String.self, forKey: .language)
        pitchSemitones = try container.decode(Double.self, forKey: .pitchSemitones)
        formantRatio = try container.decode(Double.self, forKey: .formantRatio)
        tempo = try container.decode(Double.self, forKey: .tempo)
        pitchRange = try container.decodeIfPresent(Double.self, forKey: .pitchRange) ?? 1
        pauses = try container.decodeIfPresent(Double.self, forKey: .pauses) ?? 1
        effects = try container.decodeIfPresent(VoiceEffects.self, forKey: .effects) ?? .none
    }
}

/// An accent or language: the espeak-ng voice that speaks it. `closest` says so when espeak-ng has
/// no voice of its own for it and a neighbour stands in.
struct Accent: Sendable, Hashable, Decodable {
    var name: String
    var espeakVoice: String
    var language: String
    var closest: String?
}

/// A choice a phrase makes (a channel, a room) or takes back ("no echo").
enum Selection<Value: Sendable & Hashable>: Sendable, Hashable {
    case set(Value)
    case remove
}

/// A move of a profile. Pitch and the effect levels add; formant, tempo, pitch range and pauses
/// multiply, so scaling a change by `k` raises those ratios to the power `k` (half of "20 % faster"
/// is ~9.5 % faster). Selections (accent, channel, room) cannot be scaled: any positive share keeps
/// them, a negative one ("not on the phone") takes a channel or room away, and zero drops them.
struct ProfileChange: Sendable, Hashable {
    var semitones: Double = 0
    var formantRatio: Double = 1
    var tempo: Double = 1
    var pitchRange: Double = 1
    var pauses: Double = 1
    /// Steps toward the middle between masculine and feminine, see `VoiceProfile.androgynyStep`.
    var androgyny: Double = 0
    var breathiness: Double = 0
    var roughness: Double = 0
    var tiltDBPerOctave: Double = 0
    var bassDB: Double = 0
    var nasality: Double = 0
    var channel: Selection<VoiceEffects.Channel>?
    var room: Selection<VoiceEffects.Room>?
    var accent: Accent?

    static let none = ProfileChange()

    func scaled(by factor: Double) -> ProfileChange {
        func select<Value: Sendable & Hashable>(_ selection: Selection<Value>?) -> Selection<Value>? {
            guard let selection, factor != 0 else { return nil }
            return factor > 0 ? selection : .remove
        }
        return ProfileChange(
            semitones: semitones * factor,
            formantRatio: Foundation.pow(formantRatio, factor),
            tempo: Foundation.pow(tempo, factor),
            pitchRange: Foundation.pow(pitchRange, factor),
            pauses: Foundation.pow(pauses, factor),
            androgyny: androgyny * factor,
            breathiness: breathiness * factor,
            roughness: roughness * factor,
            tiltDBPerOctave: tiltDBPerOctave * factor,
            bassDB: bassDB * factor,
            nasality: nasality * factor,
            channel: select(channel),
            room: select(room),
            accent: factor > 0 ? accent : nil)
    }

    /// Numbers combine (sum, or product for ratios); for selections the right-hand (later) one wins.
    static func + (lhs: ProfileChange, rhs: ProfileChange) -> ProfileChange {
        ProfileChange(
            semitones: lhs.semitones + rhs.semitones,
            formantRatio: lhs.formantRatio * rhs.formantRatio,
            tempo: lhs.tempo * rhs.tempo,
            pitchRange: lhs.pitchRange * rhs.pitchRange,
            pauses: lhs.pauses * rhs.pauses,
            androgyny: lhs.androgyny + rhs.androgyny,
            breathiness: lhs.breathiness + rhs.breathiness,
            roughness: lhs.roughness + rhs.roughness,
            tiltDBPerOctave: lhs.tiltDBPerOctave + rhs.tiltDBPerOctave,
            bassDB: lhs.bassDB + rhs.bassDB,
            nasality: lhs.nasality + rhs.nasality,
            channel: rhs.channel ?? lhs.channel,
            room: rhs.room ?? lhs.room,
            accent: rhs.accent ?? lhs.accent)
    }

    /// Each numeric dimension with its direction (+1 / −1 / 0), named as the summary names it, so
    /// phrases that pull one dimension opposite ways can be reported.
    var directions: [(dimension: String, sign: Int)] {
        func sign(_ value: Double, around neutral: Double) -> Int {
            abs(value - neutral) < 1e-9 ? 0 : (value > neutral ? 1 : -1)
        }
        return [
            ("pitch", sign(semitones, around: 0)), ("formant", sign(formantRatio, around: 1)),
            ("tempo", sign(tempo, around: 1)), ("pitch range", sign(pitchRange, around: 1)),
            ("pauses", sign(pauses, around: 1)), ("breathiness", sign(breathiness, around: 0)),
            ("roughness", sign(roughness, around: 0)), ("tilt", sign(tiltDBPerOctave, around: 0)),
            ("bass", sign(bassDB, around: 0)), ("nasality", sign(nasality, around: 0)),
        ]
    }

    /// Reads like "pitch −4.5 st, tempo ×0.87, breathiness +0.35", naming only what moves.
    var summary: String {
        var parts: [String] = []
        func signed(_ name: String, _ value: Double, unit: String = "", places: Int = 1, threshold: Double = 0.05) {
            if abs(value) >= threshold {
                parts.append("\(name) \(value < 0 ? "−" : "+")\(Self.decimal(abs(value), places: places))\(unit)")
            }
        }
        func ratio(_ name: String, _ value: Double) {
            if abs(value - 1) >= 0.005 {
                parts.append("\(name) ×\(Self.decimal(value, places: 2))")
            }
        }
        signed("pitch", semitones, unit: " st")
        ratio("formant", formantRatio)
        ratio("tempo", tempo)
        ratio("pitch range", pitchRange)
        ratio("pauses", pauses)
        signed("androgyny", androgyny, places: 2, threshold: 0.005)
        signed("breathiness", breathiness, places: 2, threshold: 0.005)
        signed("roughness", roughness, places: 2, threshold: 0.005)
        signed("tilt", tiltDBPerOctave, unit: " dB/oct")
        signed("bass", bassDB, unit: " dB")
        signed("nasality", nasality, places: 2, threshold: 0.005)
        for (name, selection) in [("channel", channel.map { $0.map(\.rawValue) }), ("room", room.map { $0.map(\.rawValue) })] {
            switch selection {
            case .set(let value): parts.append("\(name) \(value.replacingOccurrences(of: "_", with: " "))")
            case .remove: parts.append("no \(name)")
            case nil: break
            }
        }
        if let accent {
            parts.append("accent \(accent.name) (espeak-ng \(accent.espeakVoice), \(accent.language))")
        }
        return parts.isEmpty ? "no change" : parts.joined(separator: ", ")
    }

    private static func decimal(_ value: Double, places: Int = 1) -> String {
        let scale = Foundation.pow(10, Double(places))
        let rounded = (value * scale).rounded() / scale
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

extension Selection {
    func map<Other: Sendable & Hashable>(_ transform: (Value) -> Other) -> Selection<Other> {
        switch self {
        case .set(let value): .set(transform(value))
        case .remove: .remove
        }
    }
}

extension VoiceEffects {
    /// Effect levels add and stay in their ranges; a channel or room is set or taken away.
    func applying(_ change: ProfileChange) -> VoiceEffects {
        var result = self
        result.breathiness = (breathiness + change.breathiness).clamped(to: Self.breathinessRange)
        result.roughness = (roughness + change.roughness).clamped(to: Self.roughnessRange)
        result.tiltDBPerOctave = (tiltDBPerOctave + change.tiltDBPerOctave).clamped(to: Self.tiltRange)
        result.bassDB = (bassDB + change.bassDB).clamped(to: Self.bassRange)
        result.nasality = (nasality + change.nasality).clamped(to: Self.nasalityRange)
        switch change.channel {
        case .set(let channel): result.channel = channel
        case .remove: result.channel = nil
        case nil: break
        }
        switch change.room {
        case .set(let room): result.room = room
        case .remove: result.room = nil
        case nil: break
        }
        return result
    }
}

extension Comparable {
    func clamped(to range: ClosedRange<Self>) -> Self {
        min(max(self, range.lowerBound), range.upperBound)
    }
}
