/// A voice designed from a description alone (`POST /v1/text-to-voice/design`). Backends that have
/// no designer of their own answer it as a remix of the catalog voice closest to the description
/// (`RemixBackend.design`'s default); the local engine designs from a neutral base.
public struct DesignRequest: Sendable, Hashable {
    public static let descriptionLength = 20...1000
    public static let defaultGuidanceScale = 5.0
    public static let qualityRange = -1.0...1.0

    /// Everything a remix takes, but the voice: the design's fields carry the same meaning.
    public var parameters: RemixRequest
    /// The API's trade of quality against variety; checked, and left to backends that have one.
    public var quality: Double?

    public init(parameters: RemixRequest, quality: Double? = nil) {
        self.parameters = parameters
        self.quality = quality
    }

    public func validationErrors() -> [FieldError] {
        var errors: [FieldError] = []
        Check.length(parameters.voiceDescription, Self.descriptionLength, field: "voice_description", into: &errors)
        // The remix's own checks, without its shorter description minimum and its voice id.
        errors += parameters.validationErrors().filter { $0.field != "voice_description" && $0.field != "voice_id" }
        if let quality { Check.range(quality, Self.qualityRange, field: "quality", into: &errors) }
        return errors
    }

    public func validate() throws(ValidationFailure) {
        let errors = validationErrors()
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }

    /// The voice whose labels and name share the most words with the description; the first one on a tie.
    public func closestVoice(among voices: [Voice]) -> Voice? {
        let words = Set(parameters.voiceDescription.lowercased().split { !$0.isLetter }.map(String.init))
        func score(_ voice: Voice) -> Int {
            let described = ([voice.name] + Array(voice.labels.values)).joined(separator: " ").lowercased()
            return Set(described.split { !$0.isLetter }.map(String.init)).intersection(words).count
        }
        return voices.max { score($0) < score($1) }.flatMap { best in
            voices.first { score($0) == score(best) }
        }
    }
}
