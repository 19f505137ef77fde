import RemixCore

/// The backend's reading of the prompt as it is typed: which words it will ignore, and what it will
/// apply. Asked for once typing pauses, so a burst of keys costs one explanation, not one per key.
struct PromptHelp: Equatable, Sendable {
    /// How long typing must pause before the prompt is explained.
    static let pause = 0.25

    /// When the prompt, edited since its last explanation, is due to be explained.
    var dueAt: Double?
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
    /// Called after every change of the prompt's text: the explanation is asked for after the pause.
    mutating func promptEdited() {
        guard backendExplains else { return }
        promptHelp.dueAt = prompt.text == promptHelp.explainedText ? nil : now + PromptHelp.pause
    }

    /// The explanation asked for once the pause is over.
    mutating func explainIfDue() -> [Effect] {
        guard let due = promptHelp.dueAt, now >= due else { return [] }
        promptHelp.dueAt = nil
        return [.explain(prompt.text)]
    }

    /// An explanation arrived; one for a text typed over since is dropped (a newer one is on its way).
    mutating func explained(_ text: String, _ explanation: Interpretation?) {
        guard text == prompt.text else { return }
        promptHelp.explainedText = text
        promptHelp.explanation = explanation
    }

    /// How long the loop may sleep before the state needs a tick: the spinner's next frame while a
    /// remix runs, the end of the typing pause while one is pending, otherwise until input.
    var nextTickIn: Double? {
        let spinner = request != nil ? Spinner.interval : nil
        let explanation = promptHelp.dueAt.map { max(0, $0 - now) }
        return [spinner, explanation].compactMap { $0 }.min()
    }
}
