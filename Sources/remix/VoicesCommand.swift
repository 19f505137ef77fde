import ArgumentParser
import Foundation
import RemixAPI
import RemixCore
import SessionStore

struct VoicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voices", abstract: "List or search the voices of the chosen backend.",
        discussion: """
            Without search options it lists every voice (GET /v1/voices). With any of them it prints one \
            page of the matches (GET /v2/voices); when more follow, stderr says which --page-token asks for them.
            """)

    @OptionGroup var backendOptions: BackendOptions

    @Option(help: "Words that must all appear in a voice's name, description, category or labels.")
    var search: String?

    @Option(help: "Only voices of this category: \(VoiceQuery.categories.map(\.rawValue).joined(separator: ", ")).")
    var category: String?

    @Option(help: ArgumentHelp(
        "Only voices with this label, as key=value; the keys are \(VoiceQuery.labelKeys.joined(separator: ", ")). Repeatable.",
        valueName: "key=value"))
    var label: [String] = []

    @Option(help: "Order by \(VoiceQuery.Sort.allCases.map(\.rawValue).joined(separator: " or ")) (default: the backend's order).")
    var sort: String?

    @Option(help: "asc or desc.")
    var sortDirection: String?

    @Option(help: "Voices per page, \(VoiceQuery.pageSizes.lowerBound)–\(VoiceQuery.pageSizes.upperBound) (default: \(VoiceQuery.pageSizes.upperBound)).")
    var pageSize: Int?

    @Option(help: "The page after the one that printed this token.")
    var pageToken: String?

    @Flag(help: "Print exactly the response body: GET /v1/voices's, or GET /v2/voices's when searching.")
    var json = false

    /// Whether any option asks for a search rather than the whole list.
    private var searching: Bool {
        search != nil || category != nil || !label.isEmpty || sort != nil || sortDirection != nil || pageSize != nil
            || pageToken != nil
    }

    func run() async throws {
        let backend = try backendOptions.makeBackend(store: try SessionStore())
        guard searching else {
            let voices = try await backend.voices()
            if json {
                print(try Self.encoded(Components.Schemas.GetVoicesResponseModel(voices: voices.map(WireVoice.init))))
            } else {
                print(Self.table(voices))
            }
            return
        }
        let query = try makeQuery()
        try query.validate()
        let page = try await backend.searchVoices(query)
        if json {
            print(try Self.encoded(WireVoicePage(page)))
        } else {
            print(Self.table(page.voices))
        }
        if let token = page.nextPageToken, page.hasMore {
            FileHandle.standardError.write(Data("\(page.voices.count) of \(page.totalCount) voices; the next page: --page-token \(token)\n".utf8))
        }
    }

    private func makeQuery() throws -> VoiceQuery {
        var labels: [String: String] = [:]
        for pair in label {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw UsageError("--label must be key=value, e.g. accent=scottish (got \"\(pair)\")")
            }
            labels[parts[0]] = parts[1]
        }
        return VoiceQuery(
            text: search, category: try Self.choice(category, "--category", among: VoiceQuery.categories), labels: labels,
            sort: try Self.choice(sort, "--sort", among: VoiceQuery.Sort.allCases),
            direction: try Self.choice(sortDirection, "--sort-direction", among: VoiceQuery.Direction.allCases),
            pageSize: pageSize ?? VoiceQuery.pageSizes.upperBound, pageToken: pageToken)
    }

    /// The value `flag` names among `allowed`, or a failure that lists them.
    private static func choice<T: RawRepresentable<String>>(_ value: String?, _ flag: String, among allowed: [T]) throws -> T? {
        guard let value else { return nil }
        guard let match = allowed.first(where: { $0.rawValue == value }) else {
            throw UsageError("\(flag) must be one of \(allowed.map(\.rawValue).joined(separator: ", ")) (got \"\(value)\")")
        }
        return match
    }

    private static func encoded<T: Encodable>(_ body: T) throws -> String {
        String(decoding: try WireJSON.encode(body), as: UTF8.self)
    }

    private static func table(_ voices: [Voice]) -> String {
        var table = TextTable(headers: ["VOICE ID", "NAME", "CATEGORY", "GENDER", "AGE", "ACCENT", "DESCRIPTION"])
        for voice in voices {
            table.rows.append([
                voice.voiceID, voice.name, voice.category.rawValue, voice.labels["gender"] ?? "",
                voice.labels["age"] ?? "", voice.labels["accent"] ?? "",
                voice.labels["description"] ?? voice.description ?? "",
            ])
        }
        return table.render()
    }
}
