import CNcursesW
import Foundation
import RemixCore

/// The ncurses screen: set-up and teardown, input, and flushing a `Canvas`. Every call happens on the
/// thread that created it (ncurses is not thread-safe); other threads reach that thread through an
/// `Inbox`, whose posts end `wait` at once.
///
/// The terminal is restored on every way out: `stop()`, `exit`, SIGINT/SIGTERM/SIGHUP (turned into
/// input for the program, so it can quit cleanly), and crashes (the settings saved before ncurses
/// started are put back before the process dies).
public final class Terminal {
    public enum Failure: UserFacingError {
        case notATerminal
        case unusable(String)

        public var description: String {
            switch self {
            case .notATerminal: "the workbench needs a terminal: run it in one, or use `remix generate` in scripts"
            case .unusable(let term): "cannot drive the terminal \"\(term)\" (set TERM to your terminal's type, e.g. xterm-256color)"
            }
        }
    }

    /// What ended a `wait`.
    public struct Wake: Sendable {
        /// Keys, or a resize, to read with `readInput`.
        public var input = false
        public var messages = false
        /// SIGINT, SIGTERM or SIGHUP: the program should quit.
        public var signals: [Int32] = []
    }

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let wakeup: Wakeup
    private var decoder = InputDecoder()
    private var shown: Canvas?
    private var colorPairs: [ColorKey: Int16] = [:]
    public let usesColor: Bool

    private struct ColorKey: Hashable {
        var foreground: Style.Color?
        var background: Style.Color?
    }

    /// Takes over the terminal. Fails without touching it when standard input or output is not one.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw Failure.notATerminal }
        // Before anything else of ncurses: without it, UTF-8 input and output and line drawing break.
        setlocale(LC_ALL, "")
        Restore.saveTerminalSettings()
        let wakeup = Wakeup()
        Restore.install(wakeupFD: wakeup.writeEnd)
        guard let output = fdopen(dup(STDOUT_FILENO), "w"), let input = fdopen(dup(STDIN_FILENO), "r"),
            let screen = newterm(nil, output, input)
        else { throw Failure.unusable(environment["TERM"] ?? "") }
        self.screen = screen
        window = cn_stdscr()
        self.wakeup = wakeup
        raw()
        noecho()
        nonl()
        keypad(window, true)
        nodelay(window, true)
        set_escdelay(25)
        curs_set(0)
        usesColor = environment["NO_COLOR"].map(\.isEmpty) ?? true ? has_colors() : false
        if usesColor {
            start_color()
            use_default_colors()
        }
        // Presses and releases as they happen: ncurses' own click detection would hold each press back
        // for its double-click interval.
        mousemask(cn_mouse_events(), nil)
        mouseinterval(0)
        define_key("\u{1B}[200~", InputDecoder.pasteStart)
        define_key("\u{1B}[201~", InputDecoder.pasteEnd)
        Restore.writeRaw(Restore.enableBracketedPaste)
        Restore.forwardResizes()
    }

    /// Gives the terminal back as it was. Safe to call twice.
    public func stop() {
        Restore.restoreFromNcurses()
    }

    public func makeInbox<Message: Sendable>(of _: Message.Type = Message.self) -> Inbox<Message> {
        Inbox(wakeup: wakeup)
    }

    public var size: (width: Int, height: Int) {
        (Int(getmaxx(window)), Int(getmaxy(window)))
    }

    // MARK: Input

    /// Sleeps until a key, a posted message or a signal arrives, or `timeout` seconds pass.
    public func wait(timeout: Double?) -> Wake {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wakeup.readEnd, events: Int16(POLLIN), revents: 0)]
        let milliseconds = timeout.map { Int32(max(0, min($0 * 1000, 60_000))) } ?? -1
        let ready = poll(&fds, 2, milliseconds)
        var wake = Wake()
        // EINTR is most often SIGWINCH: ncurses' handler noted it, and the next read returns KEY_RESIZE.
        wake.input = ready < 0 || fds[0].revents != 0
        if fds[1].revents != 0 {
            let signals = wakeup.drain()
            wake.signals = signals.filter { $0 != SIGWINCH }
            wake.input = wake.input || signals.contains(SIGWINCH)
            wake.messages = true
        }
        return wake
    }

    /// Everything the terminal has sent since the last call, without blocking.
    public func readInput() -> [TerminalInput] {
        var inputs: [TerminalInput] = []
        var value: wint_t = 0
        while true {
            let status = wget_wch(window, &value)
            if status == ERR { break }
            if status == KEY_CODE_YES, Int32(value) == KEY_RESIZE {
                shown = nil
                inputs.append(.resize(width: size.width, height: size.height))
            } else if status == KEY_CODE_YES, Int32(value) == KEY_MOUSE {
                // Reports that arrive in one read (a press and its release) are queued behind a single
                // KEY_MOUSE: take them all, in order.
                inputs += decoder.flushEscape()
                var event = MEVENT()
                for _ in 0..<64 where getmouse(&event) == OK {
                    if let mouse = InputDecoder.mouse(state: event.bstate, x: event.x, y: event.y) { inputs.append(.mouse(mouse)) }
                }
            } else if status == KEY_CODE_YES {
                inputs += decoder.feed(.keyCode(Int32(value)))
            } else {
                inputs += decoder.feed(.character(UInt32(value)))
            }
        }
        return inputs + decoder.flushEscape()
    }

    // MARK: Output

    /// Draws `canvas`, writing to ncurses only the cells that changed since the last draw; ncurses in
    /// turn sends the terminal only what differs from the screen.
    public func draw(_ canvas: Canvas) {
        let previous = shown.flatMap { $0.width == canvas.width && $0.height == canvas.height ? $0 : nil }
        if previous == nil { werase(window) }
        for y in 0..<canvas.height {
            var x = 0
            while x < canvas.width {
                let cell = canvas[x, y]
                if previous?[x, y] != cell, !cell.text.isEmpty {
                    put(cell, x: x, y: y)
                }
                x += 1
            }
        }
        if let cursor = canvas.cursor, cursor.x < canvas.width, cursor.y < canvas.height {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wrefresh(window)
        shown = canvas
    }

    /// Repaints everything on the next draw (Ctrl+L after another program scribbled on the screen).
    public func invalidate() {
        clearok(window, true)
        shown = nil
    }

    private func put(_ cell: Canvas.Cell, x: Int, y: Int) {
        var attributes: attr_t = 0
        if cell.style.bold { attributes |= cn_a_bold() }
        if cell.style.dim { attributes |= cn_a_dim() }
        if cell.style.underline { attributes |= cn_a_underline() }
        if cell.style.reverse { attributes |= cn_a_reverse() }
        let pair = colorPair(for: cell.style)
        var characters = cell.text.unicodeScalars.prefix(Int(CCHARW_MAX) - 1).map { wchar_t($0.value) } + [0]
        var character = cchar_t()
        setcchar(&character, &characters, attributes, pair, nil)
        // The bottom-right cell reports ERR (the cursor cannot move past it) but is drawn.
        mvwadd_wch(window, Int32(y), Int32(x), &character)
    }

    private func colorPair(for style: Style) -> Int16 {
        guard usesColor, style.foreground != nil || style.background != nil else { return 0 }
        let key = ColorKey(foreground: style.foreground, background: style.background)
        if let pair = colorPairs[key] { return pair }
        let pair = Int16(colorPairs.count + 1)
        guard Int32(pair) < cn_color_pairs(), init_pair(pair, Int16(style.foreground?.rawValue ?? -1), Int16(style.background?.rawValue ?? -1)) == OK else {
            return 0
        }
        colorPairs[key] = pair
        return pair
    }
}
