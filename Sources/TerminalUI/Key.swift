/// A key as the workbench sees it, decoded from whatever the terminal sent.
public enum Key: Hashable, Sendable {
    /// A printable character, typed or as part of a paste.
    case character(Character)
    /// Ctrl with a letter, lowercase: Ctrl+R is `.control("r")`.
    case control(Character)
    /// Alt (or Esc right before) with a character.
    case alt(Character)
    case enter, tab, backTab, backspace, delete, escape
    case up, down, left, right
    case shiftLeft, shiftRight, shiftUp, shiftDown
    case controlLeft, controlRight
    case home, end, pageUp, pageDown
    case function(Int)

    /// How the key is written in help and hints: `^R`, `Space`, `←`, `S-←`.
    public var label: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .control(let c): "^" + c.uppercased()
        case .alt(let c): "M-\(c)"
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "Bksp"
        case .delete: "Del"
        case .escape: "Esc"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .shiftLeft: "S-←"
        case .shiftRight: "S-→"
        case .shiftUp: "S-↑"
        case .shiftDown: "S-↓"
        case .controlLeft: "C-←"
        case .controlRight: "C-→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .function(let n): "F\(n)"
        }
    }
}

/// What the terminal delivers to a program.
public enum TerminalInput: Hashable, Sendable {
    case key(Key)
    /// A bracketed paste, whole.
    case paste(String)
    /// The terminal has a new size (already in effect).
    case resize(width: Int, height: Int)
    case mouse(MouseEvent)
}

/// A press, release or wheel turn at a cell, counted from the top left corner.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// The left button; the others are not asked for.
        case press, release
        case wheelUp, wheelDown
    }

    public let kind: Kind
    public let x: Int
    public let y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}
