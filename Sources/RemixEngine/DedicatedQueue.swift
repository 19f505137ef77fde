import Dispatch

/// One serial queue per C library whose state is process-global (flite's `rand()`, espeak-ng's
/// globals): every call into it runs here, one at a time, while callers simply await.
struct DedicatedQueue: Sendable {
    private let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label, qos: .userInitiated)
    }

    func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
