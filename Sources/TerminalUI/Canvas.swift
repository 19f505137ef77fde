/// A grid of cells that a view draws into and the terminal flushes, after ratatui's `Buffer`: views
/// are pure functions to a Canvas, so what they draw is tested without a terminal.
public struct Canvas: Equatable, Sendable {
    public struct Cell: Equatable, Sendable {
        /// One grapheme; empty in the second column of a wide character.
        public var text: String
        public var style: Style

        public static let blank = Cell(text: " ", style: .plain)
    }

    public struct Point: Equatable, Sendable {
        public var x: Int
        public var y: Int
        public init(x: Int, y: Int) {
            self.x = x
            self.y = y
        }
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor shows (the caret of the focused editor); hidden when nil.
    public var cursor: Point?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes `text` from column `x` of row `y`, clipped at `limit` columns (or the edge); returns the
    /// column after the last one written. A wide character that does not fit whole is left out.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let end = min(width, limit.map { x + $0 } ?? width)
        var column = x
        for character in text {
            let columns = TextWidth.of(character)
            if columns == 0 {
                // A lone combining mark joins the character before it, as a terminal would draw it.
                if column > 0, column <= end, column - 1 >= x {
                    cells[y * width + column - 1].text.append(character)
                }
                continue
            }
            if column + columns > end { break }
            if column >= 0 {
                let control = character.isNewline || character.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F })
                cells[y * width + column] = Cell(text: control ? " " : String(character), style: style)
                if columns == 2 { cells[y * width + column + 1] = Cell(text: "", style: style) }
            }
            column += columns
        }
        return column
    }

    /// Sets the style of a run of cells without changing their text.
    public mutating func restyle(x: Int, y: Int, count: Int, style: Style) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, x + count) {
            cells[y * width + column].style = style
        }
    }

    public mutating func fill(x: Int, y: Int, width columns: Int, height rows: Int, style: Style = .plain) {
        for row in max(0, y)..<min(height, y + rows) {
            for column in max(0, x)..<min(width, x + columns) {
                cells[row * width + column] = Cell(text: " ", style: style)
            }
        }
    }

    /// The rows as text, trailing blanks kept, for tests and text captures.
    public var lines: [String] {
        (0..<height).map { y in (0..<width).map { self[$0, y].text }.joined() }
    }

    /// The rows as one style letter per column (see `Style.letter`), aligned with `lines`.
    public var styleLines: [String] {
        (0..<height).map { y in String((0..<width).map { self[$0, y].style.letter }) }
    }

    /// Both grids, for a readable failure message.
    public var dump: String {
        zip(lines, styleLines).map { "|\($0)|\n|\($1)|" }.joined(separator: "\n")
    }
}
