import RemixCore

/// Writes the preview script for `auto_generate_text` from the sentences of `Resources/scripts.json`:
/// an opening, one sentence for each trait the prompt asked for, general sentences until the script
/// is long enough, and a closing, all picked with the request's seeded generator.
struct ScriptWriter: Sendable {
    private struct Sentences: Decodable {
        var `default`: String
        var openings: [String]
        var byTrait: [String: [String]]
        var general: [String]
        var closings: [String]
    }

    /// Long enough to judge a voice, comfortably inside the API's 100…1000 characters.
    static let targetLength = 220

    private let sentences: Sentences

    init() throws {
        sentences = try BundledResource.decode(Sentences.self, named: "scripts")
    }

    /// The script spoken when a request brings neither text nor `auto_generate_text`.
    var defaultScript: String { sentences.default }

    func write(traits: [String], random: inout SeededRandom) -> String {
        var parts = [sentences.openings.randomElement(using: &random) ?? sentences.default]
        var seen = Set<String>()
        for trait in traits where seen.insert(trait).inserted {
            if let line = sentences.byTrait[trait]?.randomElement(using: &random) {
                parts.append(line)
            }
        }
        var general = sentences.general.shuffled(using: &random)
        while parts.joined(separator: " ").count < Self.targetLength, let line = general.popLast() {
            parts.append(line)
        }
        if let closing = sentences.closings.randomElement(using: &random) {
            parts.append(closing)
        }
        return String(parts.joined(separator: " ").prefix(RemixRequest.textLength.upperBound))
    }
}
