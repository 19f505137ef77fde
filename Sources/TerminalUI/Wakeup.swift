import Foundation

/// The self-pipe the terminal's wait also watches: other threads (finished effects) and signal
/// handlers write a byte to end the wait at once, so the UI thread sleeps in `poll` with no polling
/// interval and never shares ncurses with anyone (ncurses is not thread-safe).
final class Wakeup: @unchecked Sendable {
    /// Read end, watched by `poll`; write end, written by `post` and signal handlers.
    let readEnd: Int32
    let writeEnd: Int32

    init() {
        var ends: [Int32] = [0, 0]
        precondition(pipe(&ends) == 0, "pipe() failed: the process is out of file descriptors")
        readEnd = ends[0]
        writeEnd = ends[1]
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
    }

    /// A zero byte means "messages are waiting"; a signal handler writes the signal's number.
    func post(_ byte: UInt8 = 0) {
        var byte = byte
        _ = write(writeEnd, &byte, 1)
    }

    /// Empties the pipe; returns the signals that were written into it.
    func drain() -> [Int32] {
        var signals: [Int32] = []
        var buffer = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(readEnd, &buffer, buffer.count)
            guard count > 0 else { break }
            signals += buffer[..<count].filter { $0 != 0 }.map(Int32.init)
        }
        return signals
    }
}

/// Messages from other threads for the UI thread; posting wakes it.
public final class Inbox<Message: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [Message] = []
    private let wakeup: Wakeup

    init(wakeup: Wakeup) {
        self.wakeup = wakeup
    }

    public func post(_ message: Message) {
        let first = lock.withLock {
            messages.append(message)
            return messages.count == 1
        }
        // One byte per batch is enough: the UI thread takes everything queued when it wakes.
        if first { wakeup.post() }
    }

    public func takeAll() -> [Message] {
        lock.withLock {
            defer { messages.removeAll(keepingCapacity: true) }
            return messages
        }
    }
}
