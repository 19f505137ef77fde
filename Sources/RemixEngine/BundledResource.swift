import Foundation
import RemixCore

/// The JSON data files in `Resources/` (catalog, lexicon, scripts), decoded with snake_case keys.
enum BundledResource {
    static func decode<T: Decodable>(_ type: T.Type, named name: String) throws -> T {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Resources") else {
            throw RemixError.engineFailure("resource \(name).json is missing from the bundle")
        }
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(T.self, from: Data(contentsOf: url))
        } catch {
            throw RemixError.engineFailure("resource \(name).json is malformed: \(error)")
        }
    }
}
