import Synchronization

/// Tells work running on an engine thread that the task it was done for has been cancelled: those
/// threads cannot ask the task, so the task raises this and the work checks it between its steps.
final class Cancellation: Sendable {
    private let raised = Atomic(false)

    var isRaised: Bool { raised.load(ordering: .acquiring) }

    func raise() {
        raised.store(true, ordering: .releasing)
    }

    func check() throws(CancellationError) {
        if isRaised { throw CancellationError() }
    }
}
