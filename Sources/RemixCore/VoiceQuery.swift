import Foundation

/// A search of a backend's voices: the parameters of `GET /v2/voices` the workbench and the CLI use.
/// Every backend answers it with a `VoicePage`; `page(of:)` is the one implementation over a list of
/// voices, which the local engine and `remix serve` share.
public struct VoiceQuery: Sendable, Hashable {
    public enum Sort: String, Sendable, Hashable, CaseIterable {
        case createdAt = "created_at_unix"
        case name
    }

    public enum Direction: String, Sendable, Hashable, CaseIterable {
        case ascending = "asc"
        case descending = "desc"
    }

    /// Whose voices: the API's `voice_type`. A backend without a voice library of others' voices
    /// counts every voice not premade as the person's own.
    public enum VoiceType: String, Sendable, Hashable, CaseIterable {
        case personal, community, `default`, workspace, saved
        case nonDefault = "non-default"
        case nonCommunity = "non-community"
    }

    public static let defaultPageSize = 10
    public static let pageSizes = 1...100
    public static let maxVoiceIDs = 100
    /// The categories `/v2/voices` filters by (a subset of `Voice.Category`).
    public static let categories: [Voice.Category] = [.premade, .cloned, .generated, .professional]
    /// The labels `/v2/voices` filters by, each as a query parameter of its own.
    public static let labelKeys = ["accent", "age", "gender"]

    /// Words that must all appear in a voice's name, description, category or labels.
    public var text: String?
    public var category: Voice.Category?
    /// Label values the voice must have (case aside), keyed by one of `labelKeys`.
    public var labels: [String: String]
    public var voiceType: VoiceType?
    public var voiceIDs: [String]?
    /// nil keeps the backend's own order.
    public var sort: Sort?
    public var direction: Direction?
    public var pageSize: Int
    /// The `nextPageToken` of the page before; nil asks for the first page. Opaque: only the backend
    /// that issued it reads it.
    public var pageToken: String?

    public init(
        text: String? = nil, category: Voice.Category? = nil, labels: [String: String] = [:],
        voiceType: VoiceType? = nil, voiceIDs: [String]? = nil, sort: Sort? = nil, direction: Direction? = nil,
        pageSize: Int = VoiceQuery.defaultPageSize, pageToken: String? = nil
    ) {
        self.text = text
        self.category = category
        self.labels = labels
        self.voiceType = voiceType
        self.voiceIDs = voiceIDs
        self.sort = sort
        self.direction = direction
        self.pageSize = pageSize
        self.pageToken = pageToken
    }

    /// Every problem with the query at once, named as the API's query parameters.
    public func validationErrors() -> [FieldError] {
        var errors: [FieldError] = []
        if !Self.pageSizes.contains(pageSize) {
            errors.append(FieldError(.query, "page_size", pageSize < 1 ? .greaterThanEqual : .lessThanEqual,
                                     "must be between \(Self.pageSizes.lowerBound) and \(Self.pageSizes.upperBound) (got \(pageSize))"))
        }
        if let category, !Self.categories.contains(category) {
            errors.append(FieldError(.query, "category", .enumeration,
                                     "must be one of \(Self.categories.map(\.rawValue).joined(separator: ", ")) (got \"\(category.rawValue)\")"))
        }
        for key in labels.keys.sorted() where !Self.labelKeys.contains(key) {
            errors.append(FieldError(.query, key, .unsupported,
                                     "is not a label voices can be searched by: use \(Self.labelKeys.joined(separator: ", "))"))
        }
        if let voiceIDs, voiceIDs.count > Self.maxVoiceIDs {
            errors.append(FieldError(.query, "voice_ids", .stringTooLong, "must list at most \(Self.maxVoiceIDs) ids (got \(voiceIDs.count))"))
        }
        return errors
    }

    public func validate() throws(ValidationFailure) {
        let errors = validationErrors()
        if !errors.isEmpty { throw ValidationFailure(errors) }
    }

    /// The page of `voices` this query asks for: filtered, sorted, then cut at the token. Tokens
    /// issued here count the voices passed over, so they stay valid while the list does not change.
    public func page(of voices: [Voice]) throws(ValidationFailure) -> VoicePage {
        var errors = validationErrors()
        let offset = Self.offset(of: pageToken)
        if offset == nil {
            errors.append(FieldError(.query, "next_page_token", .invalidType, "is not a token this server issued (got \"\(pageToken ?? "")\")"))
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }

        let matching = sorted(voices.filter(matches))
        let start = min(offset ?? 0, matching.count)
        let end = min(start + pageSize, matching.count)
        let more = end < matching.count
        return VoicePage(
            voices: Array(matching[start..<end]), hasMore: more, nextPageToken: more ? String(end) : nil,
            totalCount: matching.count)
    }

    /// The count a token stands for; nil for one that is not a count. An empty token is no token (as
    /// a client echoing an absent one sends it), and a count too large for an Int passes over them all.
    private static func offset(of token: String?) -> Int? {
        guard let token, !token.isEmpty else { return 0 }
        guard token.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(token) ?? Int.max
    }

    private func matches(_ voice: Voice) -> Bool {
        if let category, voice.category != category { return false }
        if let voiceIDs, !voiceIDs.isEmpty, !voiceIDs.contains(voice.voiceID) { return false }
        switch voiceType {
        case .personal, .workspace, .nonDefault, .saved: if voice.category == .premade { return false }
        case .default: if voice.category != .premade { return false }
        case .community, .nonCommunity, nil: break
        }
        for (key, value) in labels where voice.labels[key]?.caseInsensitiveCompare(value) != .orderedSame {
            return false
        }
        let words = (text ?? "").lowercased().split(whereSeparator: \.isWhitespace)
        guard !words.isEmpty else { return true }
        let haystack = ([voice.name, voice.description ?? "", voice.category.rawValue] + Array(voice.labels.values))
            .joined(separator: " ").lowercased()
        return words.allSatisfy { haystack.contains($0) }
    }

    private func sorted(_ voices: [Voice]) -> [Voice] {
        guard let sort else { return voices }
        let ascending: [Voice] =
            switch sort {
            case .name: voices.sorted { $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending }
            case .createdAt: voices.sorted { ($0.createdAtUnix ?? 0) < ($1.createdAtUnix ?? 0) }
            }
        return direction == .descending ? ascending.reversed() : ascending
    }
}

/// One page of a `VoiceQuery`'s answer.
public struct VoicePage: Sendable, Hashable {
    public var voices: [Voice]
    /// Pages follow this one; `nextPageToken` asks for the next.
    public var hasMore: Bool
    public var nextPageToken: String?
    /// How many voices match the query across all pages.
    public var totalCount: Int

    public init(voices: [Voice], hasMore: Bool, nextPageToken: String?, totalCount: Int) {
        self.voices = voices
        self.hasMore = hasMore
        self.nextPageToken = nextPageToken
        self.totalCount = totalCount
    }
}
