import Foundation

/// A child started by `Tool.start`: fed and drained on threads of its own from the start, so a chatty
/// child can never fill a pipe and stall, whenever the test gets round to waiting for it.
public final class RunningProcess: @unchecked Sendable {
    public let pid: pid_t
    private let feeder: Thread
    private let outReader: Thread
    private let errReader: Thread
    private let collected: Collected

    /// Written by the reader threads before they finish; read only after they have.
    private final class Collected: @unchecked Sendable {
        var out = Data()
        var err = Data()
    }

    init(pid: pid_t, stdin: Data?, input: Int32, output: Int32, errors: Int32) {
        self.pid = pid
        feeder = Thread {
            if let stdin {
                stdin.withUnsafeBytes { bytes in
                    var offset = 0
                    while offset < bytes.count {
                        let written = write(input, bytes.baseAddress! + offset, bytes.count - offset)
                        if written <= 0 { break }
                        offset += written
                    }
                }
            }
            close(input)
        }
        let collected = Collected()
        self.collected = collected
        outReader = Thread { collected.out = Self.readToEnd(output) }
        errReader = Thread { collected.err = Self.readToEnd(errors) }
        feeder.start()
        outReader.start()
        errReader.start()
    }

    /// Sends `signal` to the child; only before `wait()`, after which its pid may be another's.
    public func kill(_ signal: Int32) {
        _ = Glibc.kill(pid, signal)
    }

    /// Waits for the child to end and returns its status and everything it wrote; called once.
    public func wait() -> ProcessOutcome {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        while !outReader.isFinished || !errReader.isFinished || !feeder.isFinished { usleep(1000) }
        // Exit status, or 128 + the signal, as a shell reports it.
        let exited = status & 0x7F == 0
        return ProcessOutcome(status: exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F), stdout: collected.out, stderr: collected.err)
    }

    private static func readToEnd(_ descriptor: Int32) -> Data {
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            data.append(buffer, count: count)
        }
        return data
    }
}
