import Dispatch

/// A serial queue for C code whose state is process-global (libc `rand()`, espeak-ng's globals):
/// every call runs here, one at a time, while callers simply await.
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
