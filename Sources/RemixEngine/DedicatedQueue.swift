import Dispatch
import Synchronization

/// A serial queue for C code whose state is process-global (libc `rand()`, espeak-ng's globals):
/// every call runs here, one at a time, while callers simply await.
struct DedicatedQueue: Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    /// Runs `work` in its turn, unless the calling task is cancelled before that turn comes: a cancelled
    /// request then throws `CancellationError` without doing it. Once started, `work` runs to its end.
    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        // The queue's thread cannot ask the task whether it is cancelled, so the task tells it.
        let cancellation = CancellationFlag()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                queue.async {
                    continuation.resume(with: Result {
                        guard !cancellation.isRaised else { throw CancellationError() }
                        return try work()
                    })
                }
            }
        } onCancel: {
            cancellation.raise()
        }
    }

    private final class CancellationFlag: Sendable {
        private let raised = Atomic(false)

        var isRaised: Bool { raised.load(ordering: .acquiring) }

        func raise() {
            raised.store(true, ordering: .releasing)
        }
    }
}
