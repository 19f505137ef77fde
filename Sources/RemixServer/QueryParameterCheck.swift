import Foundation
import RemixAPI
import RemixCore

/// Names the query parameter a generated decoder rejected. The decoder reports no coding path for
/// query values, so each typed parameter of the document is checked against its generated type.
enum QueryParameterCheck {
    private typealias Search = Operations.SearchVoices.Input.Query

    private struct Rule: Sendable {
        let accepts: @Sendable (String) -> Bool
        let allowed: String

        static func oneOf<T: RawRepresentable & CaseIterable>(_: T.Type) -> Rule where T.RawValue == String {
            let values = T.allCases.map(\.rawValue)
            return Rule(accepts: { values.contains($0) }, allowed: "must be one of " + values.joined(separator: ", "))
        }

        static let boolean = Rule(accepts: { ["true", "false"].contains($0) }, allowed: "must be true or false")
        static let integer = Rule(accepts: { Int($0) != nil }, allowed: "must be a whole number")
    }

    private static let parameters: [String: Rule] = [
        "output_format": .oneOf(Components.Schemas.AllowedOutputFormats.self),
        "sort": .oneOf(Search.SortPayload.self),
        "sort_direction": .oneOf(Search.SortDirectionPayload.self),
        "voice_type": .oneOf(Search.VoiceTypePayload.self),
        "category": .oneOf(Search.CategoryPayload.self),
        "page_size": .integer,
        "show_legacy": .boolean,
        "include_total_count": .boolean,
        "with_settings": .boolean,
    ]

    /// The first typed parameter of `path`'s query whose value its type refuses.
    static func firstError(inPath path: String?) -> FieldError? {
        guard let path, let items = URLComponents(string: path)?.queryItems else { return nil }
        for item in items {
            guard let parameter = parameters[item.name] else { continue }
            let value = item.value ?? ""
            if !parameter.accepts(value) {
                let kind: FieldError.Kind = item.name == "page_size" ? .invalidType : .enumeration
                return FieldError(.query, item.name, kind, "\(parameter.allowed) (got \"\(value)\")")
            }
        }
        return nil
    }
}
