/// A remix as a person asks for it: a reference voice, a description of the changes, and the knobs.
/// Field meanings, ranges and defaults are those of `VoiceRemixRequestModel`.
public struct RemixRequest: Sendable, Hashable, Codable {
    public static let descriptionLength = 5...1000
    public static let textLength = 100...1000
    public static let loudnessRange = -1.0...1.0
    public static let guidanceScaleRange = 0.0...100.0
    public static let promptStrengthRange = 0.0...1.0
    public static let seedRange = 0...Int(Int32.max)

    public static let defaultLoudness = 0.5
    public static let defaultGuidanceScale = 2.0

    public var voiceID: String
    public var voiceDescription: String
    /// The preview script; nil lets the backend choose (or write one, with `autoGenerateText`).
    public var text: String?
    public var autoGenerateText: Bool
    public var loudness: Double
    /// nil asks for a fresh random seed on every request.
    public var seed: Int?
    public var guidanceScale: Double
    /// nil leaves the balance to the backend.
    public var promptStrength: Double?
    public var streamPreviews: Bool
    public var remixingSessionID: String?
    public var remixingSessionIterationID: String?
    public var outputFormat: OutputFormat

    public init(
        voiceID: String,
        voiceDescription: String,
        text: String? = nil,
        autoGenerateText: Bool = false,
        loudness: Double = RemixRequest.defaultLoudness,
        seed: Int? = nil,
        guidanceScale: Double = RemixRequest.defaultGuidanceScale,
        promptStrength: Double? = nil,
        streamPreviews: Bool = false,
        remixingSessionID: String? = nil,
        remixingSessionIterationID: String? = nil,
        outputFormat: OutputFormat = .default
    ) {
        self.voiceID = voiceID
        self.voiceDescription = voiceDescription
        self.text = text
        self.autoGenerateText = autoGenerateText
        self.loudness = loudness
        self.seed = seed
        self.guidanceScale = guidanceScale
        self.promptStrength = promptStrength
        self.streamPreviews = streamPreviews
        self.remixingSessionID = remixingSessionID
        self.remixingSessionIterationID = remixingSessionIterationID
        self.outputFormat = outputFormat
    }

    /// Every problem with the request at once, so a person can fix them in one go.
    public func validationErrors() -> [FieldError] {
        var errors: [FieldError] = []
        if voiceID.isEmpty {
            errors.append(FieldError(.path, "voice_id", .missing, "must not be empty"))
        }
        Check.length(voiceDescription, Self.descriptionLength, field: "voice_description", into: &errors)
        if let text {
            Check.length(text, Self.textLength, field: "text", into: &errors)
        }
        Check.range(loudness, Self.loudnessRange, field: "loudness", into: &errors)
        if let seed, !Self.seedRange.contains(seed) {
            let kind: FieldError.Kind = seed < 0 ? .greaterThanEqual : .lessThanEqual
            errors.append(FieldError(.body, "seed", kind, "must be between 0 and \(Self.seedRange.upperBound) (got \(seed))"))
        }
        Check.range(guidanceScale, Self.guidanceScaleRange, field: "guidance_scale", into: &errors)
        if let promptStrength {
            Check.range(promptStrength, Self.promptStrengthRange, field: "prompt_strength", into: &errors)
        }
        return errors
    }

    /// Throws a `ValidationFailure` naming every bad field.
    public func validate() throws(ValidationFailure) {
        let errors = validationErrors()
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}

extension OutputFormat {
    /// Parses a wire name, or says which names exist.
    public static func parse(_ name: String, location: FieldError.Location = .query) throws(ValidationFailure) -> OutputFormat {
        guard let format = OutputFormat(rawValue: name) else {
            throw ValidationFailure([FieldError(location, "output_format", .enumeration, "must be one of \(allowedValues) (got \"\(name)\")")])
        }
        return format
    }
}
