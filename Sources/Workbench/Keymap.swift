import TerminalUI

/// What a key can ask of the workbench. Bound to keys only in `Keymap.bindings`.
enum Command: Hashable, Sendable {
    case remix, cancel, quit, forceQuit, redraw, help, errorDetails
    case focusNext, focusPrevious
    case up, down, open
    /// Moves a list's selection this many rows (negative: up).
    case scroll(Int)
    case edit(TextEditor.Edit)
    case toggleAutoText
    case sliderStep(Int, coarse: Bool), sliderReset, typeValue, toggleSeedLock
    case playPause, playNumber(Int), switchAB, seek(Double)
    case keep, useKept, newSession, pickVoice
    case rate(Int), note, export, palette
    case confirm
}

/// Where a binding applies. Several contexts are active at once (see `Keymap.activeContexts`);
/// a key is bound at most once across the active ones, which the tests check.
enum KeyContext: String, CaseIterable, Sendable {
    /// Everywhere, dialogs included: these keys never mean text.
    case anywhere = "Anywhere"
    /// Everywhere but the editors and dialogs, where letters are text.
    case workbench = "Outside the editors"
    case editor = "Editors (prompt, text)"
    case parameters = "Parameters"
    case previews = "Previews"
    case history = "History"
    case picker = "Voice picker"
    case palette = "Prompt palette"
    case dialog = "Dialogs"

    var isOverlay: Bool { [.picker, .palette, .dialog].contains(self) }
}

struct Binding: Sendable {
    let keys: [Key]
    let context: KeyContext
    let command: Command
    let help: String
    /// The word in the hint line; only the most used bindings have one.
    let hint: String?

    init(_ keys: [Key], _ context: KeyContext, _ command: Command, _ help: String, hint: String? = nil) {
        self.keys = keys
        self.context = context
        self.command = command
        self.help = help
        self.hint = hint
    }
}

/// The one table of key bindings, after lazygit: it drives dispatch, the `?` overlay and the hint line.
enum Keymap {
    static let bindings: [Binding] = [
        Binding([.control("r")], .anywhere, .remix, "send the remix", hint: "remix"),
        Binding([.escape], .anywhere, .cancel, "close the dialog, or cancel the remix in flight"),
        Binding([.control("c")], .anywhere, .forceQuit, "quit at once"),
        Binding([.control("l")], .anywhere, .redraw, "redraw the screen"),
        Binding([.tab], .anywhere, .focusNext, "next pane", hint: "focus"),
        Binding([.backTab], .anywhere, .focusPrevious, "previous pane"),
        Binding([.control("t")], .anywhere, .toggleAutoText, "preview text: auto-generated or your own"),

        Binding([.character("?")], .workbench, .help, "this help", hint: "help"),
        Binding([.character("q")], .workbench, .quit, "quit (asks while a remix runs)", hint: "quit"),
        Binding([.character(" ")], .workbench, .playPause, "play / pause the selected preview", hint: "play"),
        Binding([.character("1")], .workbench, .playNumber(0), "play preview 1"),
        Binding([.character("2")], .workbench, .playNumber(1), "play preview 2"),
        Binding([.character("3")], .workbench, .playNumber(2), "play preview 3"),
        Binding([.character("a")], .workbench, .switchAB, "switch the playing preview to the next, same position", hint: "A/B"),
        Binding([.character("[")], .workbench, .seek(-5), "seek back 5 s"),
        Binding([.character("]")], .workbench, .seek(5), "seek forward 5 s", hint: "seek"),
        Binding([.character("s")], .workbench, .keep, "keep the selected preview as a voice", hint: "keep"),
        Binding([.character("+")], .workbench, .rate(1), "rate the selected preview up"),
        Binding([.character("-")], .workbench, .rate(-1), "rate the selected preview down"),
        Binding([.character("m")], .workbench, .note, "a note on the selected preview"),
        Binding([.character("e")], .workbench, .export, "export the session to a folder"),
        Binding([.character("u")], .workbench, .useKept, "use the voice just kept as the base"),
        Binding([.character("n")], .workbench, .newSession, "start a new session"),
        Binding([.character("p")], .workbench, .palette, "prompt palette: insert a change into the prompt", hint: "palette"),
        Binding([.character("v")], .workbench, .pickVoice, "change the base voice", hint: "voice"),
        Binding([.character("!")], .workbench, .errorDetails, "details of the last error"),

        Binding([.left], .editor, .edit(.left), "caret left"),
        Binding([.right], .editor, .edit(.right), "caret right"),
        Binding([.up], .editor, .edit(.up), "caret up a row"),
        Binding([.down], .editor, .edit(.down), "caret down a row"),
        Binding([.controlLeft, .alt("b")], .editor, .edit(.wordLeft), "word left"),
        Binding([.controlRight, .alt("f")], .editor, .edit(.wordRight), "word right"),
        Binding([.home, .control("a")], .editor, .edit(.lineStart), "start of line"),
        Binding([.end, .control("e")], .editor, .edit(.lineEnd), "end of line"),
        Binding([.backspace], .editor, .edit(.deleteBackward), "delete before the caret"),
        Binding([.delete, .control("d")], .editor, .edit(.deleteForward), "delete after the caret"),
        Binding([.control("w")], .editor, .edit(.deleteWordBackward), "delete the word before the caret"),
        Binding([.enter], .editor, .edit(.newline), "new line"),
        Binding([.control("z")], .editor, .edit(.undo), "undo"),
        Binding([.control("y")], .editor, .edit(.redo), "redo"),
        Binding([.control("p")], .editor, .palette, "prompt palette (from the prompt or the text)"),

        Binding([.up, .character("k")], .parameters, .up, "previous parameter"),
        Binding([.down, .character("j")], .parameters, .down, "next parameter"),
        Binding([.left, .character("h")], .parameters, .sliderStep(-1, coarse: false), "decrease (fine)"),
        Binding([.right, .character("l")], .parameters, .sliderStep(1, coarse: false), "increase (fine)"),
        Binding([.shiftLeft, .character("H")], .parameters, .sliderStep(-1, coarse: true), "decrease (coarse)"),
        Binding([.shiftRight, .character("L")], .parameters, .sliderStep(1, coarse: true), "increase (coarse)"),
        Binding([.character("0")], .parameters, .sliderReset, "reset to the default"),
        Binding([.enter], .parameters, .typeValue, "type a value"),
        Binding([.character("x")], .parameters, .toggleSeedLock, "seed: lock it, or roll one per remix"),

        Binding([.up, .character("k")], .previews, .up, "previous preview"),
        Binding([.down, .character("j")], .previews, .down, "next preview"),
        Binding([.enter], .previews, .open, "play the selected preview"),

        Binding([.up, .character("k")], .history, .up, "earlier iteration"),
        Binding([.down, .character("j")], .history, .down, "later iteration"),
        Binding([.enter], .history, .open, "reopen the iteration: prompt, parameters, previews", hint: "reopen"),

        Binding([.up], .picker, .up, "previous voice"),
        Binding([.down], .picker, .down, "next voice"),
        Binding([.pageUp], .picker, .scroll(-10), "ten voices up"),
        Binding([.pageDown], .picker, .scroll(10), "ten voices down"),
        Binding([.enter], .picker, .confirm, "use this voice", hint: "use"),
        Binding([.escape], .picker, .cancel, "close the list, keeping the voice", hint: "close"),
        Binding([.up], .palette, .up, "previous phrase"),
        Binding([.down], .palette, .down, "next phrase"),
        Binding([.enter], .palette, .confirm, "insert the phrase at the prompt's caret", hint: "insert"),
        Binding([.escape], .palette, .cancel, "close the palette", hint: "close"),
        Binding([.enter], .dialog, .confirm, "confirm", hint: "confirm"),
        Binding([.escape], .dialog, .cancel, "cancel the dialog", hint: "cancel"),
        Binding([.up], .dialog, .up, "previous field"),
        Binding([.down], .dialog, .down, "next field"),
    ]

    /// The contexts whose bindings apply, most specific first.
    static func activeContexts(focus: Pane, overlay: Overlay.Kind?) -> [KeyContext] {
        switch overlay {
        case .picker: return [.picker, .editor, .anywhere]
        case .palette: return [.palette, .editor, .anywhere]
        case .help, .errorDetails: return [.anywhere]
        case .keep, .valueEntry: return [.dialog, .editor, .anywhere]
        case .confirmQuit, .confirmExport: return [.dialog, .anywhere]
        case nil: break
        }
        switch focus {
        case .prompt, .text: return [.editor, .anywhere]
        case .parameters: return [.parameters, .workbench, .anywhere]
        case .previews: return [.previews, .workbench, .anywhere]
        case .history: return [.history, .workbench, .anywhere]
        }
    }

    static func command(for key: Key, in contexts: [KeyContext]) -> Command? {
        for context in contexts {
            if let binding = bindings.first(where: { $0.context == context && $0.keys.contains(key) }) {
                return binding.command
            }
        }
        return nil
    }

    /// `^R remix  Tab focus …`, from the active contexts' bindings that have a hint. Over the
    /// workbench the global ones lead; over a list or dialog its own keys do, being the ones to know.
    static func hints(in contexts: [KeyContext]) -> [(keys: String, word: String)] {
        let ordered = contexts.first?.isOverlay == true ? contexts : contexts.reversed()
        return ordered.flatMap { context in
            bindings.filter { $0.context == context && $0.hint != nil }.map { ($0.keys.map(\.label).joined(separator: "/"), $0.hint!) }
        }
    }
}
