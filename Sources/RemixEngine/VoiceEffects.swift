import Foundation

/// The voice effects applied after pitch, formant and tempo: texture (breath, roughness, spectral
/// shape) and colour (a band-limited channel, a room). Every value at zero (or nil) is the dry voice,
/// so profiles written before the effects existed decode to exactly the audio they made then.
struct VoiceEffects: Sendable, Hashable, Codable {
    /// A transmission channel the voice is heard through.
    enum Channel: String, Sendable, Hashable, Codable, CaseIterable {
        case telephone, radio, megaphone
    }

    /// A space the voice is heard in.
    enum Room: String, Sendable, Hashable, Codable, CaseIterable {
        case smallRoom = "small_room", hall
    }

    /// Noise shaped by the speech envelope, 0 (none) … 1 (whisper-like). Measured on Sloane (flite
    /// slt, HNR 16 dB dry), the harmonics-to-noise ratio falls by about 2.4 dB at 0.2, 4 dB at 0.3,
    /// 7.4 dB at 0.5 and 17 dB at 1 (`Breath`).
    var breathiness: Double = 0
    /// Jitter and shimmer, 0 (none) … 1 (gravelly). On Sloane the harmonics-to-noise ratio falls by
    /// about 1.5 dB at 0.2, 2.7 dB at 0.3, 5 dB at 0.5 and 9.7 dB at 1 (`Roughness`).
    var roughness: Double = 0
    /// Spectral tilt in dB per octave around 1 kHz: positive is bright or thin, negative dark or warm.
    var tiltDBPerOctave: Double = 0
    /// Low-shelf gain below ~250 Hz in dB: positive is warm or resonant, negative thin.
    var bassDB: Double = 0
    /// A nasal resonance around 1 kHz with the low end damped, 0 (none) … 1 (strongly nasal).
    var nasality: Double = 0
    /// Telephone 300–3400 Hz with light saturation, old radio 250–4500 Hz with saturation and hiss,
    /// megaphone 500–3000 Hz with a horn resonance and heavy saturation (`ChannelColour`).
    var channel: Channel?
    /// A small room (about 0.4 s reverberation) or a hall (about 2 s); the preview grows by the
    /// tail, 0.4 s or 1.6 s (`RoomReverb`).
    var room: Room?

    static let none = VoiceEffects()

    static let breathinessRange = 0.0...1.0
    static let roughnessRange = 0.0...1.0
    static let tiltRange = -6.0...6.0
    static let bassRange = -12.0...9.0
    static let nasalityRange = 0.0...1.0

    /// True when the effects stage would leave the audio untouched, so the renderer can skip it.
    var isDry: Bool { self == .none }
}

extension VoiceEffects {
    /// Effects stored before a field existed decode with that field's neutral value.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        breathiness = try container.decodeIfPresent(Double.self, forKey: .breathiness) ?? 0
        roughness = try container.decodeIfPresent(Double.self, forKey: .roughness) ?? 0
        tiltDBPerOctave = try container.decodeIfPresent(Double.self, forKey: .tiltDBPerOctave) ?? 0
        bassDB = try container.decodeIfPresent(Double.self, forKey: .bassDB) ?? 0
        nasality = try container.decodeIfPresent(Double.self, forKey: .nasality) ?? 0
        channel = try container.decodeIfPresent(Channel.self, forKey: .channel)
        room = try container.decodeIfPresent(Room.self, forKey: .room)
    }
}
