import Foundation

/// The one style of every JSON this project writes (the commands, an export's `session.json`), that of the API's own bodies: snake_case keys,
/// files as plain paths (never `file://` URLs), dates in ISO 8601, keys sorted, one line.
public enum JSONOutput {
    public static func data<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    public static func string<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try data(value), as: UTF8.self)
    }
}
