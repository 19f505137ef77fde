/// A voice a backend offers: a base voice of the catalog, or one kept from a preview.
public struct Voice: Sendable, Hashable, Codable, Identifiable {
    /// The `category` values of `VoiceResponseModel`.
    public enum Category: String, Sendable, Hashable, Codable, CaseIterable {
        case generated, cloned, premade, professional, famous
        case highQuality = "high_quality"
    }

    public var voiceID: String
    public var name: String
    public var category: Category
    /// Free-form labels such as gender, age, accent, description and use_case.
    public var labels: [String: String]
    public var description: String?
    public var previewURL: String?
    public var createdAtUnix: Int?

    public var id: String { voiceID }

    public init(
        voiceID: String, name: String, category: Category, labels: [String: String] = [:],
        description: String? = nil, previewURL: String? = nil, createdAtUnix: Int? = nil
    ) {
        self.voiceID = voiceID
        self.name = name
        self.category = category
        self.labels = labels
        self.description = description
        self.previewURL = previewURL
        self.createdAtUnix = createdAtUnix
    }
}
