import Foundation
import NIOCore
import RemixAPI
import RemixCore

/// Checks the request body's fields that take one of a list of values the document gives (a
/// design's `model_id`), on the JSON as it came. The generated decoder reads `null` there as
/// absent, though the document's type has no null (as ElevenLabs refuses it, so does this), and it
/// refuses a value outside the list without saying what the list is; a refusal here names both.
enum BodyEnumCheck {
    /// The fields of each operation's body, by the document's path of the operation, with their values.
    private static let fields: [String: [(name: String, values: [String])]] = [
        "/v1/text-to-voice/design": [
            ("model_id", Components.Schemas.VoiceDesignRequestModel.ModelIdPayload.allCases.map(\.rawValue))
        ]
    ]

    /// The first field of the body of `operation` whose value is not one of its list; nil when all
    /// are, or the body is not a JSON object (the decoder says so).
    static func firstError(inBody body: ByteBuffer, of operation: String) -> FieldError? {
        guard let fields = fields[operation],
            let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        else { return nil }
        for (name, values) in fields {
            guard let value = object[name] else { continue }
            if let text = value as? String, values.contains(text) { continue }
            let given = (try? JSONSerialization.data(withJSONObject: value, options: .fragmentsAllowed))
                .map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
            return FieldError(.body, name, .enumeration, "must be one of \(values.joined(separator: ", ")) (got \(given))")
        }
        return nil
    }
}
