import Foundation
import RemixCore

/// What a prompt asks for, before `prompt_strength` and `guidance_scale` scale it.
struct PromptReading: Sendable, Hashable {
    /// One recognised phrase ("much deeper") and the change it asks for.
    struct Match: Sendable, Hashable {
        var phrase: String
        /// The lexicon's trait name ("deeper"), used to pick sentences for auto-generated text.
        var trait: String
        var family: String
        var change: ProfileChange
        /// The presentation a designed voice starts from when this phrase is in its description.
        var designBase: String?
    }

    var matches: [Match]
    var unrecognized: [String]

    /// Every phrase's change combined: numbers sum, and for a selection the later phrase wins.
    var change: ProfileChange {
        matches.reduce(.none) { $0 + $1.change }
    }

    var traits: [String] {
        matches.map(\.trait)
    }

    /// The presentation named last ("a woman … no, a man" is a man), if any.
    var designBase: String? {
        matches.last { $0.designBase != nil }?.designBase
    }

    /// The accent or language named last, if any.
    var accent: Accent? {
        change.accent
    }

    /// Where phrases disagree, and how that was resolved: numbers add up (so "higher and deeper"
    /// nets the two), and of two accents, channels or rooms the later phrase wins.
    var contradictions: [String] {
        var notes: [String] = []
        let total = change
        for (index, dimension) in ProfileChange.none.directions.map(\.dimension).enumerated() {
            let up = matches.filter { $0.change.directions[index].sign > 0 }.map(\.phrase)
            let down = matches.filter { $0.change.directions[index].sign < 0 }.map(\.phrase)
            if !up.isEmpty, !down.isEmpty {
                let net = total.directions[index].sign
                let outcome = net == 0 ? "they cancel out" : "they add up to \(net > 0 ? "more" : "less")"
                notes.append("\(dimension): \(Self.quoted(up)) and \(Self.quoted(down)) pull opposite ways; \(outcome)")
            }
        }
        func laterWins(_ name: String, _ chosen: (Match) -> String?) {
            let named = matches.compactMap { match in chosen(match).map { (match.phrase, $0) } }
            if Set(named.map { $0.1 }).count > 1, let last = named.last {
                let others = named.dropLast().filter { $0.1 != last.1 }.map { $0.0 }
                notes.append("\(name): \(Self.quoted([last.0])) wins over \(Self.quoted(others)) (the later phrase wins)")
            }
        }
        laterWins("accent") { $0.change.accent?.name }
        laterWins("channel") { match in match.change.channel.map { "\($0)" } }
        laterWins("room") { match in match.change.room.map { "\($0)" } }
        return notes
    }

    /// Accents espeak-ng cannot speak, and the neighbour that stands in for each.
    var substitutions: [String] {
        guard let accent, let closest = accent.closest else { return [] }
        return ["\(accent.name): \(closest)"]
    }

    /// What the remix will do with the prompt once `scale` (prompt strength × guidance) applies.
    func interpretation(scale: Double, notes extra: [String] = []) -> Interpretation {
        Interpretation(
            applied: matches.map { "\($0.phrase): \($0.change.scaled(by: scale).summary)" },
            unrecognized: unrecognized,
            notes: contradictions + substitutions + extra)
    }

    private static func quoted(_ phrases: [String]) -> String {
        phrases.map { "“\($0)”" }.joined(separator: ", ")
    }
}

/// Reads a voice description with the lexicon of `Resources/lexicon.json`: modifier phrases
/// ("much", "a bit", "not") scale the next trait phrase ("deeper", "old radio"); filler words are
/// skipped; anything else is reported as not understood. The vocabulary — phrases, the families the
/// prompt palette groups them in, the changes they make, the accents and the bases a design starts
/// from — lives in the data file, so it grows without code changes.
struct PromptInterpreter: Sendable {
    private struct Trait: Decodable {
        var trait: String
        var family: String
        /// Spelled for the palette; matched lowercased. The first one is the palette's.
        var phrases: [String]
        var designBase: String?
        var pitchSemitones: Double?
        var formantRatio: Double?
        var tempo: Double?
        var pitchRange: Double?
        var pauses: Double?
        var androgyny: Double?
        var breathiness: Double?
        var roughness: Double?
        var tiltDbPerOctave: Double?
        var bassDb: Double?
        var nasality: Double?
        var channel: VoiceEffects.Channel?
        var room: VoiceEffects.Room?
        var accent: Accent?

        var change: ProfileChange {
            ProfileChange(
                semitones: pitchSemitones ?? 0, formantRatio: formantRatio ?? 1, tempo: tempo ?? 1,
                pitchRange: pitchRange ?? 1, pauses: pauses ?? 1, androgyny: androgyny ?? 0,
                breathiness: breathiness ?? 0, roughness: roughness ?? 0, tiltDBPerOctave: tiltDbPerOctave ?? 0,
                bassDB: bassDb ?? 0, nasality: nasality ?? 0, channel: channel.map { .set($0) },
                room: room.map { .set($0) }, accent: accent)
        }
    }

    /// Where `POST …/design` starts: the accent spoken when the description names none (a trait
    /// name), and the espeak-ng variant for each presentation (`unspecified` when none is named).
    private struct Design: Decodable {
        var accent: String
        var espeakVariants: [String: String]
    }

    private struct Lexicon: Decodable {
        var families: [String]
        var modifiers: [String: Double]
        var traits: [Trait]
        var design: Design
        var fillers: [String]
    }

    private let lexicon: Lexicon
    /// What a design speaks when its description names no accent.
    private let designAccent: Accent
    private let traitsByPhrase: [String: Trait]
    private let fillers: Set<String>
    /// The longest phrase in the lexicon, in words, so matching can try longest first.
    private let longestPhrase: Int

    init() throws {
        lexicon = try BundledResource.decode(Lexicon.self, named: "lexicon")
        let designAccentTrait = lexicon.design.accent
        guard let designAccent = lexicon.traits.first(where: { $0.trait == designAccentTrait })?.accent else {
            throw RemixError.engineFailure("its asset lexicon.json names design accent \(designAccentTrait), which is no accent trait")
        }
        self.designAccent = designAccent
        var traitsByPhrase: [String: Trait] = [:]
        for trait in lexicon.traits {
            for phrase in trait.phrases {
                traitsByPhrase[Self.words(phrase).joined(separator: " ")] = trait
            }
        }
        self.traitsByPhrase = traitsByPhrase
        fillers = Set(lexicon.fillers)
        let phrases = Array(lexicon.modifiers.keys) + Array(traitsByPhrase.keys)
        longestPhrase = phrases.map { $0.split(separator: " ").count }.max() ?? 1
    }

    func read(_ description: String) -> PromptReading {
        let words = Self.words(description)
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
            } else if let match = longestMatch(in: words, at: index, from: traitsByPhrase) {
                let trait = match.value
                let spoken = (pendingModifiers + [match.phrase]).joined(separator: " ")
                matches.append(.init(
                    phrase: spoken, trait: trait.trait, family: trait.family,
                    change: trait.change.scaled(by: pendingFactor),
                    // "not a woman" names no presentation to start from.
                    designBase: pendingFactor > 0 ? trait.designBase : nil))
                pendingModifiers = []
                pendingFactor = 1
                index += match.length
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

    /// The lexicon's phrases by family, in the file's order, each trait once by its first phrase.
    var palette: [PromptFamily] {
        lexicon.families.map { family in
            PromptFamily(name: family, phrases: lexicon.traits.filter { $0.family == family }.compactMap(\.phrases.first))
        }
    }

    /// The neutral voice a design starts from: the accent the description names (else the lexicon's
    /// design accent) spoken by espeak-ng with the variant of the presentation it names, at its own
    /// pitch, formants and pace, so that everything else comes from the description through the lexicon.
    func designBase(for reading: PromptReading) -> (profile: VoiceProfile, note: String) {
        let accent = reading.accent ?? designAccent
        let presentation = reading.designBase ?? "unspecified"
        let voice = accent.espeakVoice + (lexicon.design.espeakVariants[presentation] ?? "")
        let profile = VoiceProfile(
            synthesizer: .espeak, synthesizerVoice: voice, language: accent.language, pitchSemitones: 0,
            formantRatio: 1, tempo: 1)
        return (profile, "designed from a neutral base: \(accent.name), \(presentation) (espeak-ng \(voice))")
    }

    /// Lowercased words; hyphens and apostrophes stay inside words ("middle-aged", "man's").
    private static func words(_ text: String) -> [String] {
        text.lowercased()
            .split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "'" || $0 == "’") }
            .map { $0.replacingOccurrences(of: "’", with: "'") }
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
