import Dispatch
import Foundation

/// Ctrl+C during `operation` cancels it instead of ending the process there and then: a remix stops
/// rendering and the store records its iteration as cancelled rather than leaving it pending. A
/// second Ctrl+C ends the process at once, for a backend that does not answer a cancellation.
func cancellingOnInterrupt<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
    let task = Task { try await operation() }
    signal(SIGINT, SIG_IGN)
    let interrupts = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    interrupts.setEventHandler {
        signal(SIGINT, SIG_DFL)
        task.cancel()
    }
    interrupts.resume()
    defer {
        interrupts.cancel()
        signal(SIGINT, SIG_DFL)
    }
    return try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
}
