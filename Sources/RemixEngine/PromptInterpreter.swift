import Foundation

/// What a prompt asks for, before `prompt_strength` and `guidance_scale` scale it.
struct PromptReading: Sendable, Hashable {
    /// One recognised phrase ("much deeper") and the change it asks for.
    struct Match: Sendable, Hashable {
        var phrase: String
        /// The lexicon's trait name ("deeper"), used to pick sentences for auto-generated text.
        var trait: String
        var change: ProfileChange
    }

    var matches: [Match]
    var unrecognized: [String]

    var change: ProfileChange {
        matches.reduce(.none) { $0 + $1.change }
    }

    var traits: [String] {
        matches.map(\.trait)
    }
}

/// Reads a voice description with the lexicon of `Resources/lexicon.json`: modifier phrases
/// ("much", "a bit") scale the next trait word ("deeper", "faster"); filler words are skipped;
/// anything else is reported as not understood. The vocabulary lives in the data file so that it
/// can grow without code changes.
struct PromptInterpreter: Sendable {
    private struct Trait: Decodable {
        var trait: String
        var pitchSemitones: Double?
        var formantRatio: Double?
        var tempo: Double?

        var change: ProfileChange {
            ProfileChange(semitones: pitchSemitones ?? 0, formantRatio: formantRatio ?? 1, tempo: tempo ?? 1)
        }
    }

    private struct Lexicon: Decodable {
        var modifiers: [String: Double]
        var traits: [String: Trait]
        var fillers: [String]
    }

    private let lexicon: Lexicon
    private let fillers: Set<String>
    /// The longest phrase in the lexicon, in words, so matching can try longest first.
    private let longestPhrase: Int

    init() throws {
        lexicon = try BundledResource.decode(Lexicon.self, named: "lexicon")
        fillers = Set(lexicon.fillers)
        let phrases = Array(lexicon.modifiers.keys) + Array(lexicon.traits.keys)
        longestPhrase = phrases.map { $0.split(separator: " ").count }.max() ?? 1
    }

    func read(_ description: String) -> PromptReading {
        let words = description.lowercased()
            .split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "'") }
            .map(String.init)
        var matches: [PromptReading.Match] = []
        var unrecognized: [String] = []
        var pendingModifiers: [String] = []
        var pendingFactor = 1.0
        var index = 0

        while index < words.count {
            if let modifier = longestMatch(in: words, at: index, from: lexicon.modifiers) {
                pendingModifiers.append(modifier.phrase)
                pendingFactor *= modifier.value
                index += modifier.length
            } else if let trait = longestMatch(in: words, at: index, from: lexicon.traits) {
                let spoken = (pendingModifiers + [trait.phrase]).joined(separator: " ")
                matches.append(.init(
                    phrase: spoken, trait: trait.value.trait, change: trait.value.change.scaled(by: pendingFactor)))
                pendingModifiers = []
                pendingFactor = 1
                index += trait.length
            } else {
                let word = words[index]
                if !fillers.contains(word), !unrecognized.contains(word) {
                    unrecognized.append(word)
                }
                index += 1
            }
        }
        // A modifier with nothing after it ("make it much") changed nothing, so say so.
        for modifier in pendingModifiers where !unrecognized.contains(modifier) {
            unrecognized.append(modifier)
        }
        return PromptReading(matches: matches, unrecognized: unrecognized)
    }

    /// The longest phrase of `table` that starts at `words[index]`, with its entry and length in words.
    private func longestMatch<Value>(
        in words: [String], at index: Int, from table: [String: Value]
    ) -> (phrase: String, value: Value, length: Int)? {
        let maxLength = min(longestPhrase, words.count - index)
        for length in stride(from: maxLength, through: 1, by: -1) {
            let candidate = words[index..<(index + length)].joined(separator: " ")
            if let value = table[candidate] {
                return (candidate, value, length)
            }
        }
        return nil
    }
}
