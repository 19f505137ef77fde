import RemixCore

/// Writes the preview script for `auto_generate_text` from the sentences of `Resources/scripts.json`,
/// in the language the voice speaks: an opening, one sentence for each trait the prompt asked for
/// (where the language has one), general sentences until the script is long enough, and a closing,
/// all picked with the request's seeded generator. A language without sentences of its own gets
/// English; the Japanese ones are in kana because espeak-ng reads kanji as the words "Chinese letter".
struct ScriptWriter: Sendable {
    private struct Sentences: Decodable {
        /// Long enough to judge a voice, comfortably inside the API's 100…1000 characters.
        var targetLength: Int
        var `default`: String
        var openings: [String]
        var byTrait: [String: [String]]
        var general: [String]
        var closings: [String]
    }

    private struct File: Decodable {
        var languages: [String: Sentences]
    }

    static let fallbackLanguage = "en"

    private let languages: [String: Sentences]

    init() throws {
        languages = try BundledResource.decode(File.self, named: "scripts").languages
        guard languages[Self.fallbackLanguage] != nil else {
            throw RemixError.engineFailure("its asset scripts.json has no \(Self.fallbackLanguage) sentences")
        }
    }

    /// The languages that have sentences of their own.
    var writtenLanguages: Set<String> { Set(languages.keys) }

    /// The script spoken when a request brings neither text nor `auto_generate_text`.
    func defaultScript(language: String) -> String {
        sentences(in: language).default
    }

    func write(traits: [String], language: String, random: inout SeededRandom) -> String {
        let sentences = sentences(in: language)
        var parts = [sentences.openings.randomElement(using: &random) ?? sentences.default]
        var seen = Set<String>()
        for trait in traits where seen.insert(trait).inserted {
            if let line = sentences.byTrait[trait]?.randomElement(using: &random) {
                parts.append(line)
            }
        }
        var general = sentences.general.shuffled(using: &random)
        while parts.joined(separator: " ").count < sentences.targetLength, let line = general.popLast() {
            parts.append(line)
        }
        if let closing = sentences.closings.randomElement(using: &random) {
            parts.append(closing)
        }
        return String(parts.joined(separator: " ").prefix(RemixRequest.textLength.upperBound))
    }

    private func sentences(in language: String) -> Sentences {
        languages[language] ?? languages[Self.fallbackLanguage]!
    }
}
