import Foundation
import Synchronization
import RemixCore

/// Threads of the engine's own for the work that keeps a core busy: synthesis, rendering, encoding.
///
/// Swift's cooperative pool has one thread per core, shared with everything else the process does
/// (a server's handlers, the workbench's effects); rendering there would keep a cheap request
/// waiting behind it. In a server these threads run below the process's priority, so the kernel
/// gives the rest of the process a core first and rendering takes what is left (see `niceness`),
/// and a running job counts in `CoreShare.process`, so that a server answering a request can have a
/// core left free for it. Jobs start in the order they came, at most `threadCount` at a time.
///
/// A job's task is cancelled → its `Cancellation` is raised: a job still waiting is then skipped,
/// a running one stops at its next step.
final class WorkerPool: Sendable {
    /// Everything that renders previews: one thread per core.
    static let rendering = WorkerPool(label: "remix.render", threadCount: ProcessInfo.processInfo.activeProcessorCount)

    /// How far below the process's priority the threads run (nice levels), read as each thread starts:
    /// 0 unless a server asked for `belowRequests` before the engine's first job.
    ///
    /// Nice 10 keeps a share for rendering beside other programs (SCHED_IDLE slowed a served remix by
    /// 15 % beside them, and would stop it beside any busy program of the same session); what keeps a
    /// cheap request quick while every core renders is the core `CoreShare` sets aside, since with
    /// every core busy a woken thread waited milliseconds at any priority. Only a server: `remix
    /// generate` at nice 10 beside a build of the same session took 37 s for a remix of about 1 s.
    static let niceness = Atomic<Int32>(0)
    static let belowRequests: Int32 = 10

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
            let name = "\(label) \(index)"
            Thread { [shared] in
                Self.name(name)
                Self.work(shared)
            }.start()
        }
    }

    /// Each thread ends once it is woken with no job left.
    deinit {
        for _ in 0..<threadCount { shared.waiting.signal() }
    }

    /// Runs `work` on one of the pool's threads in its turn and returns what it returned. If the
    /// calling task is cancelled before the turn comes, `work` is skipped and `CancellationError` thrown.
    func run<T: Sendable>(_ work: @escaping @Sendable (Cancellation) throws -> T) async throws -> T {
        let cancellation = Cancellation(holdingACoreOf: .process)
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

    /// Names the calling thread in `top` and /proc. Foundation's `Thread.name` never reaches the
    /// kernel on Linux (the threads showed their creator's name), and glibc declares
    /// `pthread_setname_np` only for _GNU_SOURCE; the kernel keeps 15 bytes of it.
    private static func name(_ name: String) {
        let file = open("/proc/thread-self/comm", O_WRONLY)
        guard file >= 0 else { return }
        _ = name.utf8.prefix(15).withContiguousStorageIfAvailable { write(file, $0.baseAddress, $0.count) }
        close(file)
    }

    private static func work(_ shared: Shared) {
        // On Linux, PRIO_PROCESS with 0 names the calling thread alone.
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, niceness.load(ordering: .relaxed))
        while true {
            shared.waiting.wait()
            let next = shared.queue.withLock { queue -> (@Sendable () -> Void)? in
                guard !queue.jobs.isEmpty else { return nil }
                queue.running += 1
                return queue.jobs.removeFirst()
            }
            guard let job = next else { return }
            CoreShare.process.start()
            job()
            CoreShare.process.finish()
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
