import Foundation
import RemixCore

/// The JSON data files in `Resources/` (catalog, lexicon, scripts), decoded with snake_case keys.
enum BundledResource {
    static func decode<T: Decodable>(_ type: T.Type, named name: String) throws -> T {
        let fileName = "\(name).json"
        let folders = AssetFolders.searched
        guard let file = folders.map({ $0.appendingPathComponent(fileName) })
            .first(where: { FileManager.default.fileExists(atPath: $0.path) })
        else {
            let places = folders.isEmpty ? "(the binary's own path is unknown)" : folders.map(\.path).joined(separator: ", ")
            throw RemixError.engineFailure(
                "its asset \(fileName) is in none of \(places); set REMIX_ASSETS_DIR to the folder holding it, or install with `make install`")
        }
        do {
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(T.self, from: Data(contentsOf: file))
        } catch {
            throw RemixError.engineFailure("its asset \(file.path) is malformed: \(error)")
        }
    }
}
