import Foundation
import RemixCore

/// A one-line spinner with elapsed time on stderr, shown only when stderr is a terminal so that
/// pipes and `--json` consumers see nothing but the result on stdout.
final class ProgressSpinner: @unchecked Sendable {
    // Guarded by `lock`: the ticker thread and the backend's progress callbacks both write.
    private let lock = NSLock()
    private var status = "starting"
    private var finished = false
    private let title: String
    private let start = Date()
    private static let frames = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")

    static func onTerminal(title: String) -> ProgressSpinner? {
        isatty(STDERR_FILENO) == 1 ? ProgressSpinner(title: title) : nil
    }

    private init(title: String) {
        self.title = title
        Thread.detachNewThread { [self] in tick() }
    }

    func report(_ progress: RemixProgress) {
        lock.withLock {
            switch progress {
            case .synthesizing:
                status = "synthesising the script"
            case .previewFinished(let index, let count, let id):
                write("\r\u{1B}[2K  ✓ preview \(index + 1)/\(count) \(id)  \(elapsed)\n")
                status = "rendering previews"
            }
        }
    }

    func finish() {
        lock.withLock {
            finished = true
            write("\r\u{1B}[2K")
        }
    }

    private var elapsed: String { String(format: "%.1f s", Date().timeIntervalSince(start)) }

    private func tick() {
        var frame = 0
        while true {
            let done = lock.withLock {
                if !finished {
                    write("\r\u{1B}[2K\(Self.frames[frame % Self.frames.count]) \(title): \(status)  \(elapsed)")
                }
                return finished
            }
            if done { return }
            frame += 1
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
