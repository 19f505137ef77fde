import Foundation

/// The terminal in single-key mode (no line buffering, no echo, cursor hidden) for as long as a command
/// takes keys. The saved settings are restored by `restore()`, at exit, and on SIGINT/SIGTERM/SIGHUP,
/// so a killed player never leaves the shell without echo.
final class RawTerminal {
    enum Key: Sendable {
        case space, left, right, next, quit
    }

    /// nil when standard input or output is not a terminal.
    static func enter() -> RawTerminal? {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return nil }
        var settings = termios()
        guard tcgetattr(STDIN_FILENO, &settings) == 0 else { return nil }
        savedSettings = settings
        // ISIG stays on, so Ctrl-C still reaches the signal handler below.
        settings.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &settings.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(STDIN_FILENO, TCSANOW, &settings)
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            Foundation.signal(signal) { number in
                RawTerminal.restoreSaved()
                _exit(128 + number)
            }
        }
        atexit { RawTerminal.restoreSaved() }
        write(Self.hideCursor)
        return RawTerminal()
    }

    /// Keys as they are pressed, read on a thread of their own so a waiting read never blocks the player.
    func keys() -> AsyncStream<Key> {
        AsyncStream { continuation in
            let reader = Thread {
                var bytes = [UInt8](repeating: 0, count: 16)
                while true {
                    let count = read(STDIN_FILENO, &bytes, bytes.count)
                    guard count > 0 else { break }
                    if let key = Self.key(from: bytes[..<count]) { continuation.yield(key) }
                }
                continuation.finish()
            }
            reader.start()
        }
    }

    /// Rewrites the one status line in place.
    func showStatus(_ line: String) {
        Self.write("\r\u{1B}[2K" + line)
    }

    func restore() {
        Self.write("\r\u{1B}[2K")
        Self.restoreSaved()
    }

    static func key(from bytes: ArraySlice<UInt8>) -> Key? {
        switch Array(bytes) {
        case [0x20]: .space
        case [0x1B, 0x5B, 0x44], [0x1B, 0x4F, 0x44]: .left
        case [0x1B, 0x5B, 0x43], [0x1B, 0x4F, 0x43]: .right
        case [0x6E]: .next
        case [0x71], [0x1B]: .quit
        default: nil
        }
    }

    private static let hideCursor = "\u{1B}[?25l"
    private static let showCursor = "\u{1B}[?25h"

    /// Read from signal handlers, which cannot capture; written once in `enter()` before they are installed.
    nonisolated(unsafe) private static var savedSettings: termios?

    private static func restoreSaved() {
        guard var settings = savedSettings else { return }
        tcsetattr(STDIN_FILENO, TCSANOW, &settings)
        write(showCursor)
    }

    private static func write(_ text: String) {
        var bytes = Array(text.utf8)
        _ = Foundation.write(STDOUT_FILENO, &bytes, bytes.count)
    }
}
