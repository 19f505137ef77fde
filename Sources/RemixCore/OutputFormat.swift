/// The audio encodings the API offers, named as on the wire (`codec_samplerate[_kbps]`).
public enum OutputFormat: String, CaseIterable, Sendable, Codable, Hashable {
    case mp3_22050_32, mp3_24000_48, mp3_44100_32, mp3_44100_64, mp3_44100_96, mp3_44100_128, mp3_44100_192
    case pcm_8000, pcm_16000, pcm_22050, pcm_24000, pcm_32000, pcm_44100, pcm_48000
    case ulaw_8000, alaw_8000
    case opus_48000_32, opus_48000_64, opus_48000_96, opus_48000_128, opus_48000_192

    public static let `default` = OutputFormat.mp3_44100_192

    public enum Codec: String, Sendable, Hashable {
        case mp3, pcm, ulaw, alaw, opus
    }

    public var codec: Codec {
        Codec(rawValue: String(rawValue.prefix { $0 != "_" }))!
    }

    public var sampleRate: Int {
        Int(rawValue.split(separator: "_")[1])!
    }

    /// Bit rate in kbit/s for the compressed codecs; nil for PCM and G.711.
    public var bitRateKbps: Int? {
        let parts = rawValue.split(separator: "_")
        return parts.count > 2 ? Int(parts[2]) : nil
    }

    /// The `media_type` a preview in this format carries. Only `audio/mpeg` is documented by
    /// ElevenLabs; the others are this project's choice and clients should trust the format they asked for.
    public var mediaType: String {
        switch codec {
        case .mp3: "audio/mpeg"
        case .pcm: "audio/pcm"
        case .ulaw: "audio/basic"
        case .alaw: "audio/x-alaw-basic"
        case .opus: "audio/ogg"
        }
    }

    /// File extension for a preview written to disk.
    public var fileExtension: String {
        switch codec {
        case .mp3: "mp3"
        case .pcm: "pcm"
        case .ulaw: "ulaw"
        case .alaw: "alaw"
        case .opus: "opus"
        }
    }

    /// Every wire name, for error messages that list the allowed values.
    public static var allowedValues: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}
