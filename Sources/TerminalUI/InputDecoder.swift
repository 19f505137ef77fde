import CNcursesW

/// Turns what `wget_wch` returns into keys and pastes. Pure apart from `keyname`, so the mapping
/// is in one place: key codes under `keypad`, control bytes, Esc as Alt, and bracketed paste.
struct InputDecoder {
    /// Key codes given to the bracketed-paste markers with `define_key`.
    static let pasteStart: Int32 = 0x1F00
    static let pasteEnd: Int32 = 0x1F01
    /// A paste longer than this is cut (the editors cut to their own limit anyway); reading it all
    /// would only spend memory.
    static let pasteLimit = 200_000

    private var paste: String?
    private var pendingEscape = false

    enum Raw {
        case character(UInt32)
        case keyCode(Int32)
    }

    /// Feeds one result of `wget_wch`; returns what it completes.
    mutating func feed(_ raw: Raw) -> [TerminalInput] {
        if case .keyCode(let code) = raw {
            if code == Self.pasteStart {
                paste = ""
                return flushEscape()
            }
            if code == Self.pasteEnd {
                defer { paste = nil }
                return paste.map { [.paste($0)] } ?? []
            }
        }
        if paste != nil {
            if case .character(let value) = raw, let scalar = Unicode.Scalar(value), paste!.unicodeScalars.count < Self.pasteLimit {
                paste!.unicodeScalars.append(scalar == "\r" ? "\n" : scalar)
            }
            return []
        }
        switch raw {
        case .character(0x1B):
            let previous = flushEscape()
            pendingEscape = true
            return previous
        case .character(let value):
            if pendingEscape, value >= 0x20, value != 0x7F, let scalar = Unicode.Scalar(value) {
                pendingEscape = false
                return [.key(.alt(Character(scalar)))]
            }
            return flushEscape() + (Self.key(forCharacter: value).map { [.key($0)] } ?? [])
        case .keyCode(let code):
            return flushEscape() + (Self.key(forCode: code).map { [.key($0)] } ?? [])
        }
    }

    /// An Esc with nothing after it in the same read is the Esc key.
    mutating func flushEscape() -> [TerminalInput] {
        guard pendingEscape else { return [] }
        pendingEscape = false
        return [.key(.escape)]
    }

    /// What ncurses reports of a mouse event, if it is one the workbench asked for; a terminal that
    /// reports something else (another button, a drag) is ignored.
    static func mouse(state: mmask_t, x: Int32, y: Int32) -> MouseEvent? {
        let kind: MouseEvent.Kind
        if cn_mouse_is_press(state) != 0 {
            kind = .press
        } else if cn_mouse_is_release(state) != 0 {
            kind = .release
        } else if cn_mouse_is_wheel_up(state) != 0 {
            kind = .wheelUp
        } else if cn_mouse_is_wheel_down(state) != 0 {
            kind = .wheelDown
        } else {
            return nil
        }
        guard x >= 0, y >= 0 else { return nil }
        return MouseEvent(kind, x: Int(x), y: Int(y))
    }

    static func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 0x09: return .tab
        case 0x0A, 0x0D: return .enter
        case 0x08, 0x7F: return .backspace
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(value + 0x60)!))
        case 0..<0x20: return nil
        default:
            // Invalid UTF-8 arrives as nothing or as an invalid scalar: never a crash, never text.
            guard let scalar = Unicode.Scalar(value), scalar.properties.generalCategory != .control else { return nil }
            return .character(Character(scalar))
        }
    }

    static func key(forCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_SLEFT: return .shiftLeft
        case KEY_SRIGHT: return .shiftRight
        case KEY_SR: return .shiftUp
        case KEY_SF: return .shiftDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case cn_key_f(1)...cn_key_f(24): return .function(Int(code - cn_key_f(0)))
        default:
            // Ctrl+arrows have no KEY_ constant; ncurses names them from terminfo's extended caps.
            switch keyname(code).map({ String(cString: $0) }) {
            case "kLFT5": return .controlLeft
            case "kRIT5": return .controlRight
            case "kHOM2", "kHOM5": return .home
            case "kEND2", "kEND5": return .end
            default: return nil
            }
        }
    }
}
