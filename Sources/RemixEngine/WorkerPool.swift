import Foundation
import Synchronization
import RemixCore

/// Threads of the engine's own for the work that keeps a core busy: synthesis, rendering, encoding.
///
/// Swift's cooperative pool has one thread per core, shared with everything else the process does
/// (a server's handlers, the workbench's effects); rendering there would keep a cheap request
/// waiting behind it. These threads run below the process's priority, so the kernel gives the rest
/// of the process a core first and rendering takes what is left. Jobs start in the order they
/// came, at most `threadCount` at a time.
///
/// A job's task is cancelled → its `Cancellation` is raised: a job still waiting is then skipped,
/// a running one stops at its next check.
final class WorkerPool: Sendable {
    /// Everything that renders previews: one thread per core.
    static let rendering = WorkerPool(label: "remix.render", threadCount: ProcessInfo.processInfo.activeProcessorCount)

    /// How far below the process's priority the threads run (nice levels).
    private static let niceness: Int32 = 10

    private struct Queue {
        var jobs: [@Sendable () -> Void] = []
        var running = 0
    }

    private final class Shared: Sendable {
        let queue = Mutex(Queue())
        let waiting = DispatchSemaphore(value: 0)
    }

    private let shared = Shared()
    private let threadCount: Int

    init(label: String, threadCount: Int) {
        self.threadCount = max(1, threadCount)
        for index in 0..<self.threadCount {
            let thread = Thread { [shared] in Self.work(shared) }
            thread.name = "\(label) \(index)"
            thread.start()
        }
    }

    /// Each thread ends once it is woken with no job left.
    deinit {
        for _ in 0..<threadCount { shared.waiting.signal() }
    }

    /// Runs `work` on one of the pool's threads in its turn and returns what it returned. If the
    /// calling task is cancelled before the turn comes, `work` is skipped and `CancellationError` thrown.
    func run<T: Sendable>(_ work: @escaping @Sendable (Cancellation) throws -> T) async throws -> T {
        let cancellation = Cancellation()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                shared.queue.withLock {
                    $0.jobs.append {
                        continuation.resume(with: Result {
                            try cancellation.check()
                            return try work(cancellation)
                        })
                    }
                }
                shared.waiting.signal()
            }
        } onCancel: {
            cancellation.raise()
        }
    }

    private static func work(_ shared: Shared) {
        // On Linux, PRIO_PROCESS with 0 names the calling thread alone.
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness)
        while true {
            shared.waiting.wait()
            let next = shared.queue.withLock { queue -> (@Sendable () -> Void)? in
                guard !queue.jobs.isEmpty else { return nil }
                queue.running += 1
                return queue.jobs.removeFirst()
            }
            guard let job = next else { return }
            job()
            let idle = shared.queue.withLock { queue in
                queue.running -= 1
                return queue.running == 0 && queue.jobs.isEmpty
            }
            // Rendering allocates and frees tens of megabytes per preview on these threads, and glibc
            // keeps what they freed in per-thread arenas; without this an idle engine holds its peak.
            if idle { Allocator.releaseFreedMemory() }
        }
    }
}
