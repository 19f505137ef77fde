import RemixCore

/// The palette of prompt changes (`p`): the backend's phrases grouped by family, filtered by what is
/// typed; Enter inserts the selected phrase into the prompt at the caret.
struct PromptPalette: Equatable, Sendable {
    var filter = TextEditor(limit: 0...60)
    /// Over `entries`' phrases only; family headings are not selectable.
    var cursor = ListCursor()

    /// One line of the palette: a family's heading, or one of its phrases.
    enum Entry: Equatable, Sendable {
        case family(String)
        case phrase(String, family: String)

        var isPhrase: Bool {
            if case .phrase = self { true } else { false }
        }
    }

    /// The families' phrases that contain every word of the filter (a family's name matches all of
    /// its phrases), each family under its heading.
    func entries(_ families: [PromptFamily]) -> [Entry] {
        let words = filter.text.lowercased().split(separator: " ")
        return families.flatMap { family -> [Entry] in
            let phrases = family.phrases.filter { phrase in
                let haystack = (family.name + " " + phrase).lowercased()
                return words.allSatisfy { haystack.contains($0) }
            }
            guard !phrases.isEmpty else { return [] }
            return [.family(family.name)] + phrases.map { .phrase($0, family: family.name) }
        }
    }

    func phrases(_ families: [PromptFamily]) -> [String] {
        entries(families).compactMap {
            if case .phrase(let phrase, _) = $0 { phrase } else { nil }
        }
    }

    /// The line of `entries` the selected phrase is on (headings count as lines), so the view scrolls to it.
    func selectedLine(_ families: [PromptFamily]) -> Int {
        let lines = entries(families)
        let phraseLines = lines.indices.filter { lines[$0].isPhrase }
        return phraseLines.indices.contains(cursor.selected) ? phraseLines[cursor.selected] : 0
    }

    func selectedPhrase(_ families: [PromptFamily]) -> String? {
        let phrases = phrases(families)
        return phrases.indices.contains(cursor.selected) ? phrases[cursor.selected] : nil
    }
}

extension TextEditor {
    /// Inserts a phrase from the palette at the caret, separated from the text before it by ", "
    /// unless a separator is already there, so "older" becomes "older, breathy".
    mutating func insertPhrase(_ phrase: String) -> Int {
        let before = caret > 0 ? characters[caret - 1] : nil
        let separator: String = switch before {
        case nil, " ", "\n": ""
        case ",", ";": " "
        default: ", "
        }
        return insert(separator + phrase)
    }
}
