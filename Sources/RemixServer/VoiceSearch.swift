import Foundation
import RemixCore

/// `GET /v2/voices`: filter, sort and page a backend's voices. Page tokens are opaque to clients;
/// here they are the offset of the next page, so they stay valid as long as the list does not change.
struct VoiceSearch {
    static let defaultPageSize = 10
    static let pageSizes = 1...100

    struct Page {
        let voices: [Voice]
        let totalCount: Int
        let nextPageToken: String?
    }

    let text: String?
    let category: String?
    let voiceType: String?
    let voiceIDs: [String]?
    let sort: String?
    let descending: Bool
    let pageSize: Int
    let offset: Int

    init(
        text: String?, category: String?, voiceType: String?, voiceIDs: [String]?, sort: String?,
        descending: Bool, pageSize: Int, pageToken: String?
    ) throws(ValidationFailure) {
        var errors: [FieldError] = []
        if !Self.pageSizes.contains(pageSize) {
            errors.append(FieldError(.query, "page_size", pageSize < 1 ? .greaterThanEqual : .lessThanEqual,
                                     "must be between 1 and 100 (got \(pageSize))"))
        }
        // An empty token is no token (the document allows it), as a client echoing an absent one sends it.
        // A token is a count of voices to pass over, as the document's pattern says; one too large for
        // an Int passes over them all.
        let token = pageToken.flatMap { $0.isEmpty ? nil : $0 }
        let isCount = token.map { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } } ?? true
        let offset = isCount ? token.map { Int($0) ?? Int.max } ?? 0 : nil
        if offset == nil {
            errors.append(FieldError(.query, "next_page_token", .invalidType, "is not a token this server issued (got \"\(pageToken ?? "")\")"))
        }
        if let voiceIDs, voiceIDs.count > 100 {
            errors.append(FieldError(.query, "voice_ids", .stringTooLong, "must list at most 100 ids (got \(voiceIDs.count))"))
        }
        if !errors.isEmpty { throw ValidationFailure(errors) }
        self.text = text?.lowercased()
        self.category = category
        self.voiceType = voiceType
        self.voiceIDs = voiceIDs
        self.sort = sort
        self.descending = descending
        self.pageSize = pageSize
        self.offset = offset ?? 0
    }

    func page(of voices: [Voice]) -> Page {
        let matching = sorted(voices.filter(matches))
        let start = min(offset, matching.count)
        let end = min(start + pageSize, matching.count)
        let slice = Array(matching[start..<end])
        return Page(voices: slice, totalCount: matching.count, nextPageToken: end < matching.count ? String(end) : nil)
    }

    private func matches(_ voice: Voice) -> Bool {
        if let category, voice.category.rawValue != category { return false }
        if let voiceIDs, !voiceIDs.isEmpty, !voiceIDs.contains(voice.voiceID) { return false }
        switch voiceType {
        case "personal", "workspace", "non-default", "saved": if voice.category == .premade { return false }
        case "default": if voice.category != .premade { return false }
        default: break
        }
        guard let text, !text.isEmpty else { return true }
        let haystack = ([voice.name, voice.description ?? "", voice.category.rawValue] + Array(voice.labels.values))
            .joined(separator: " ").lowercased()
        return haystack.contains(text)
    }

    private func sorted(_ voices: [Voice]) -> [Voice] {
        guard let sort else { return voices }
        let ascending: [Voice] =
            switch sort {
            case "name": voices.sorted { $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending }
            default: voices.sorted { ($0.createdAtUnix ?? 0) < ($1.createdAtUnix ?? 0) }
            }
        return descending ? ascending.reversed() : ascending
    }
}
