import TerminalUI

/// A multi-line text field, as bubbles' textarea: its own state, editing commands and view. Text is
/// kept as characters (grapheme clusters), so the caret never lands inside "é" or "日" and a combining
/// mark typed after a letter joins it.
struct TextEditor: Equatable, Sendable {
    enum Edit: Equatable, Sendable {
        case left, right, up, down, wordLeft, wordRight, lineStart, lineEnd
        case deleteBackward, deleteForward, deleteWordBackward, newline
        case undo, redo
    }

    private(set) var characters: [Character] = []
    private(set) var caret = 0
    /// The allowed length, as the API counts it (characters); the counter shows it, typing stops at the top.
    let limit: ClosedRange<Int>
    private var undoStack: [Snapshot] = []
    private var redoStack: [Snapshot] = []
    /// Typing coalesces into one undo step until something other than typing happens.
    private var typing = false

    private struct Snapshot: Equatable, Sendable {
        var characters: [Character]
        var caret: Int
    }

    init(_ text: String = "", limit: ClosedRange<Int>) {
        characters = Array(text)
        caret = characters.count
        self.limit = limit
    }

    var text: String { String(characters) }
    /// As the API counts it (`String.apiLength`), so the counter turns red where the request would be refused.
    var count: Int { characters.reduce(0) { $0 + $1.unicodeScalars.count } }
    var isWithinLimit: Bool { limit.contains(count) }

    /// Replaces the whole text (an iteration reopened); one undo step.
    mutating func setText(_ text: String) {
        guard text != self.text else { return }
        remember()
        characters = Array(text.prefix(limit.upperBound))
        caret = characters.count
    }

    /// Inserts at the caret; returns how many characters had to be dropped to stay within the limit.
    @discardableResult
    mutating func insert(_ text: String) -> Int {
        let incoming = Array(text.filter { !$0.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" } })
        guard !incoming.isEmpty else { return 0 }
        if incoming.count > 1 || !typing { remember() }
        typing = incoming.count == 1
        var dropped = 0
        // The limit is counted as `count` counts (code points), kept here rather than recounted for each
        // character, so a 100 KB paste stays linear.
        var length = count
        for character in incoming {
            let added = character.unicodeScalars.count
            guard length + added <= limit.upperBound else {
                dropped += 1
                continue
            }
            length += added
            // A combining mark typed on its own becomes part of the character before the caret.
            if TextWidth.of(character) == 0, caret > 0, character != "\n" {
                characters[caret - 1] = Character(String(characters[caret - 1]) + String(character))
                continue
            }
            characters.insert(character, at: caret)
            caret += 1
        }
        return dropped
    }

    mutating func apply(_ edit: Edit, width: Int) {
        if edit != .undo, edit != .redo { typing = false }
        switch edit {
        case .left: caret = max(0, caret - 1)
        case .right: caret = min(characters.count, caret + 1)
        case .wordLeft: caret = wordBoundary(before: caret)
        case .wordRight: caret = wordBoundary(after: caret)
        case .lineStart: caret = lineStart(of: caret)
        case .lineEnd: caret = lineEnd(of: caret)
        case .up, .down: caret = verticalMove(edit == .up ? -1 : 1, width: width)
        case .deleteBackward:
            guard caret > 0 else { return }
            remember()
            characters.remove(at: caret - 1)
            caret -= 1
        case .deleteForward:
            guard caret < characters.count else { return }
            remember()
            characters.remove(at: caret)
        case .deleteWordBackward:
            let start = wordBoundary(before: caret)
            guard start < caret else { return }
            remember()
            characters.removeSubrange(start..<caret)
            caret = start
        case .newline:
            insert("\n")
            typing = false
        case .undo:
            guard let snapshot = undoStack.popLast() else { return }
            redoStack.append(Snapshot(characters: characters, caret: caret))
            restore(snapshot)
        case .redo:
            guard let snapshot = redoStack.popLast() else { return }
            undoStack.append(Snapshot(characters: characters, caret: caret))
            restore(snapshot)
        }
    }

    // MARK: View

    /// The text soft-wrapped to `width` columns: each row's range of characters.
    func rows(width: Int) -> [Range<Int>] {
        let width = max(1, width)
        var rows: [Range<Int>] = []
        var start = 0, used = 0
        for (index, character) in characters.enumerated() {
            if character == "\n" {
                rows.append(start..<index)
                start = index + 1
                used = 0
                continue
            }
            let columns = TextWidth.of(character)
            if used + columns > width {
                rows.append(start..<index)
                start = index
                used = 0
            }
            used += columns
        }
        rows.append(start..<characters.count)
        return rows
    }

    /// The row and column of the caret in `rows(width:)`.
    func caretPosition(width: Int) -> (row: Int, column: Int) {
        let rows = rows(width: width)
        // The caret at a wrap point belongs to the next row, where typing continues.
        let row = rows.lastIndex { $0.lowerBound <= caret } ?? 0
        let column = TextWidth.of(String(characters[rows[row].lowerBound..<min(caret, rows[row].upperBound)]))
        return (row, column)
    }

    /// Draws the editor into `height` rows of `width` columns at (x, y), scrolled to the caret.
    /// With `placeholder`, an empty editor shows it dimmed; the characters in `marked` are drawn in `markStyle`.
    func draw(
        into canvas: inout Canvas, x: Int, y: Int, width: Int, height: Int, focused: Bool, placeholder: String,
        marked: [Range<Int>] = [], markStyle: Style = .underline
    ) {
        guard width > 0, height > 0 else { return }
        if characters.isEmpty {
            canvas.put(placeholder, x: x, y: y, style: .dim, limit: width)
            if focused { canvas.cursor = Canvas.Point(x: x, y: y) }
            return
        }
        let rows = rows(width: width)
        let caretAt = caretPosition(width: width)
        let first = max(0, min(caretAt.row - height + 1, rows.count - height))
        for (offset, range) in rows[first..<min(rows.count, first + height)].enumerated() {
            canvas.put(String(characters[range]), x: x, y: y + offset, limit: width)
            for mark in marked where mark.overlaps(range) {
                let start = max(mark.lowerBound, range.lowerBound), end = min(mark.upperBound, range.upperBound)
                let column = TextWidth.of(String(characters[range.lowerBound..<start]))
                canvas.restyle(x: x + column, y: y + offset, count: min(TextWidth.of(String(characters[start..<end])), width - column), style: markStyle)
            }
        }
        if focused {
            canvas.cursor = Canvas.Point(x: x + min(caretAt.column, width - 1), y: y + caretAt.row - first)
        }
    }

    // MARK: Movement

    private func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "'" || character == "_"
    }

    private func wordBoundary(before index: Int) -> Int {
        var i = index
        while i > 0, !isWordCharacter(characters[i - 1]) { i -= 1 }
        while i > 0, isWordCharacter(characters[i - 1]) { i -= 1 }
        return i
    }

    private func wordBoundary(after index: Int) -> Int {
        var i = index
        while i < characters.count, !isWordCharacter(characters[i]) { i += 1 }
        while i < characters.count, isWordCharacter(characters[i]) { i += 1 }
        return i
    }

    private func lineStart(of index: Int) -> Int {
        var i = index
        while i > 0, characters[i - 1] != "\n" { i -= 1 }
        return i
    }

    private func lineEnd(of index: Int) -> Int {
        var i = index
        while i < characters.count, characters[i] != "\n" { i += 1 }
        return i
    }

    private func verticalMove(_ direction: Int, width: Int) -> Int {
        let rows = rows(width: width)
        let (row, column) = caretPosition(width: width)
        let target = row + direction
        guard rows.indices.contains(target) else { return direction < 0 ? 0 : characters.count }
        var index = rows[target].lowerBound, used = 0
        while index < rows[target].upperBound {
            let columns = TextWidth.of(characters[index])
            if used + columns > column { break }
            used += columns
            index += 1
        }
        return index
    }

    private mutating func remember() {
        undoStack.append(Snapshot(characters: characters, caret: caret))
        if undoStack.count > 200 { undoStack.removeFirst() }
        redoStack.removeAll()
    }

    private mutating func restore(_ snapshot: Snapshot) {
        characters = snapshot.characters
        caret = snapshot.caret
        typing = false
    }
}
