import RemixCore

/// The backend's reading of the prompt as it is typed: which words it will ignore, and what it will
/// apply. Asked for once typing pauses (`TypingPause`): a burst of keys costs one explanation.
struct PromptHelp: Equatable, Sendable {
    /// Counts the prompt's edits, so that only the last edit's pause asks for an explanation.
    var generation = 0
    /// The prompt text the last explanation was for.
    var explainedText: String?
    var explanation: Interpretation?

    /// The words the backend ignores, as the interpreter splits them (letters, digits, - and ').
    func ignoredWordRanges(in characters: [Character]) -> [Range<Int>] {
        guard let ignored = explanation?.unrecognized, !ignored.isEmpty else { return [] }
        let words = Set(ignored.map { $0.lowercased() })
        var ranges: [Range<Int>] = []
        var start: Int?
        for index in 0...characters.count {
            let inWord = index < characters.count && Self.isWordCharacter(characters[index])
            if inWord, start == nil { start = index }
            if !inWord, let first = start {
                if words.contains(String(characters[first..<index]).lowercased()) { ranges.append(first..<index) }
                start = nil
            }
        }
        return ranges
    }

    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "-" || character == "'"
    }
}

extension WorkbenchState {
    /// Called after every change of the prompt's text: the explanation is asked for once typing pauses.
    mutating func promptEdited() -> [Effect] {
        guard backendExplains else { return [] }
        // Counted even when the text is back to the one explained, so a wait for a text typed over is void.
        promptHelp.generation += 1
        guard prompt.text != promptHelp.explainedText else { return [] }
        return [.awaitTypingPause(.promptExplanation, generation: promptHelp.generation)]
    }

    /// The prompt was replaced whole (an iteration reopened): explained at once, there is no typing to wait for.
    mutating func promptReplaced() -> [Effect] {
        guard backendExplains else { return [] }
        promptHelp.generation += 1
        return prompt.text == promptHelp.explainedText ? [] : [.explain(prompt.text)]
    }

    /// Typing paused: the prompt is explained unless it was edited again since.
    mutating func explainIfStill(_ generation: Int) -> [Effect] {
        guard generation == promptHelp.generation, prompt.text != promptHelp.explainedText else { return [] }
        return [.explain(prompt.text)]
    }

    /// An explanation arrived; one for a text typed over since is dropped (a newer one is on its way).
    mutating func explained(_ text: String, _ explanation: Interpretation?) {
        guard text == prompt.text else { return }
        promptHelp.explainedText = text
        promptHelp.explanation = explanation
    }
}
