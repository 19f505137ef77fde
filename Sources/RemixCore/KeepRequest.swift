import Foundation

/// Turns a preview into a lasting voice (`POST /v1/text-to-voice`).
public struct KeepRequest: Sendable, Hashable, Codable {
    public static let descriptionLength = 20...1000

    public var voiceName: String
    public var voiceDescription: String
    public var generatedVoiceID: String
    public var labels: [String: String]?
    /// Previews the person listened to but did not pick.
    public var playedNotSelectedVoiceIDs: [String]?

    public init(
        voiceName: String, voiceDescription: String, generatedVoiceID: String,
        labels: [String: String]? = nil, playedNotSelectedVoiceIDs: [String]? = nil
    ) {
        self.voiceName = voiceName
        self.voiceDescription = voiceDescription
        self.generatedVoiceID = generatedVoiceID
        self.labels = labels
        self.playedNotSelectedVoiceIDs = playedNotSelectedVoiceIDs
    }

    public func validationErrors() -> [FieldError] {
        var errors: [FieldError] = []
        // As the document says (minLength 1). An empty `generated_voice_id` is valid there and names
        // no preview, which the backend answers as it answers any unknown id.
        if voiceName.isEmpty {
            errors.append(FieldError(.body, "voice_name", .stringTooShort, "must not be empty"))
        }
        Check.length(voiceDescription, Self.descriptionLength, field: "voice_description", into: &errors)
        return errors
    }

    public func validate() throws(ValidationFailure) {
        let errors = validationErrors()
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }
}
