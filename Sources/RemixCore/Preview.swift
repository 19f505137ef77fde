import Foundation

/// One generated voice sample, as a remix returns it.
public struct Preview: Sendable, Hashable {
    public var generatedVoiceID: String
    /// The encoded audio in the request's output format; empty when the previews are streamed.
    public var audio: Data
    public var mediaType: String
    public var durationSecs: Double
    public var language: String?

    public init(generatedVoiceID: String, audio: Data, mediaType: String, durationSecs: Double, language: String?) {
        self.generatedVoiceID = generatedVoiceID
        self.audio = audio
        self.mediaType = mediaType
        self.durationSecs = durationSecs
        self.language = language
    }
}

/// What the local engine made of a prompt: the changes it applied, the words it could not use, and
/// notes on how it resolved the rest (phrases that contradict each other, an accent it can only
/// approximate). The real API reports nothing like it, so it is nil for remote backends.
public struct Interpretation: Sendable, Hashable, Codable {
    public var applied: [String]
    public var unrecognized: [String]
    public var notes: [String]

    public init(applied: [String], unrecognized: [String], notes: [String] = []) {
        self.applied = applied
        self.unrecognized = unrecognized
        self.notes = notes
    }

    /// Interpretations stored before `notes` existed decode without them.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        applied = try container.decode([String].self, forKey: .applied)
        unrecognized = try container.decode([String].self, forKey: .unrecognized)
        notes = try container.decodeIfPresent([String].self, forKey: .notes) ?? []
    }

    /// One line, as stored with an iteration: the applied changes, then "not understood: …" and
    /// "notes: …" when there are any, the parts separated by " | ".
    public var summary: String {
        var parts: [String] = []
        parts.append(applied.isEmpty ? "no changes recognised" : applied.joined(separator: "; "))
        if !unrecognized.isEmpty {
            parts.append("not understood: " + unrecognized.joined(separator: ", "))
        }
        if !notes.isEmpty {
            parts.append("notes: " + notes.joined(separator: "; "))
        }
        return parts.joined(separator: " | ")
    }
}

/// The answer to one remix: the previews, the script spoken, and the iteration it belongs to.
public struct RemixResult: Sendable, Hashable {
    public var previews: [Preview]
    public var text: String
    public var remixingSessionID: String
    public var remixingSessionIterationID: String
    public var interpretation: Interpretation?

    public init(
        previews: [Preview], text: String, remixingSessionID: String, remixingSessionIterationID: String,
        interpretation: Interpretation? = nil
    ) {
        self.previews = previews
        self.text = text
        self.remixingSessionID = remixingSessionID
        self.remixingSessionIterationID = remixingSessionIterationID
        self.interpretation = interpretation
    }
}

/// Progress of a remix under way, for spinners and status bars.
public enum RemixProgress: Sendable, Hashable {
    /// The script is being synthesised in the reference voice.
    case synthesizing
    /// Preview `index` (0-based) of `count` is done.
    case previewFinished(index: Int, count: Int, generatedVoiceID: String)
}
