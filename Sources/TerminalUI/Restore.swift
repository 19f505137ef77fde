import CNcursesW
import Foundation

/// Puts the terminal back however the process ends. Signal handlers cannot capture, so the saved
/// settings live in globals written once before any handler is installed.
enum Restore {
    static let enableBracketedPaste: StaticString = "\u{1B}[?2004h"
    /// Bracketed paste and mouse reports off, attributes reset, cursor shown, main screen back.
    static let resetSequence: StaticString = "\u{1B}[?2004l\u{1B}[?1000l\u{1B}[?1006l\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

    nonisolated(unsafe) private static var savedSettings = termios()
    nonisolated(unsafe) private static var haveSettings = false
    nonisolated(unsafe) private static var active = false
    nonisolated(unsafe) private static var wakeupFD: Int32 = -1

    static func saveTerminalSettings() {
        haveSettings = tcgetattr(STDIN_FILENO, &savedSettings) == 0
    }

    static func install(wakeupFD fd: Int32) {
        wakeupFD = fd
        active = true
        // A parent may hand down these signals blocked (test runners do, and tmux passes the mask on to
        // its panes): then resizes and quit signals would never arrive.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGWINCH] { sigaddset(&unblocked, signal) }
        pthread_sigmask(SIG_UNBLOCK, &unblocked, nil)
        // Quit signals become input: the program stops its work and restores the screen itself.
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(Restore.wakeupFD, &byte, 1)
            }
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
        // A crash must not leave the shell without echo; the settings saved before ncurses started
        // are put back, then the signal takes its default course (the backtrace, the core).
        for signal in [SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { number in
                Restore.restoreSettingsOnly()
                var reset = sigaction()
                reset.__sigaction_handler.sa_handler = SIG_DFL
                sigaction(number, &reset, nil)
                raise(number)
            }
            sigemptyset(&action.sa_mask)
            sigaction(signal, &action, nil)
        }
        atexit { Restore.restoreFromNcurses() }
    }

    nonisolated(unsafe) private static var ncursesResizeHandler: (@convention(c) (Int32) -> Void)?

    /// SIGWINCH goes to whichever thread the kernel picks, often not the one waiting in `poll`, which
    /// then sleeps through it. So, after ncurses has installed its own handler (which notes the new size
    /// for `KEY_RESIZE`), a handler in front of it also writes to the wake-up pipe.
    static func forwardResizes() {
        var previous = sigaction()
        sigaction(SIGWINCH, nil, &previous)
        ncursesResizeHandler = previous.__sigaction_handler.sa_handler
        var action = previous
        action.__sigaction_handler.sa_handler = { number in
            Restore.ncursesResizeHandler?(number)
            var byte = UInt8(truncatingIfNeeded: number)
            _ = write(Restore.wakeupFD, &byte, 1)
        }
        sigaction(SIGWINCH, &action, nil)
    }

    /// The orderly way: ncurses restores what it changed, then the rest is reset.
    static func restoreFromNcurses() {
        guard active else { return }
        active = false
        endwin()
        restoreSettingsOnly()
    }

    /// Only async-signal-safe calls: usable from a crash handler.
    static func restoreSettingsOnly() {
        if haveSettings { tcsetattr(STDIN_FILENO, TCSANOW, &savedSettings) }
        writeRaw(resetSequence)
    }

    static func writeRaw(_ text: StaticString) {
        _ = write(STDOUT_FILENO, text.utf8Start, text.utf8CodeUnitCount)
    }
}
