import RemixCore
import Synchronization

/// Tells work running on an engine thread that the task it was done for has been cancelled: those
/// threads cannot ask the task, so the task raises this and the work checks it between its steps.
final class Cancellation: Sendable {
    private let raised = Atomic(false)
    /// The cores the work holds one of, when it runs on a thread of the engine's that took it.
    private let cores: CoreShare?

    init(holdingACoreOf cores: CoreShare? = nil) {
        self.cores = cores
    }

    var isRaised: Bool { raised.load(ordering: .acquiring) }

    func raise() {
        raised.store(true, ordering: .releasing)
    }

    func check() throws(CancellationError) {
        if isRaised { throw CancellationError() }
    }

    /// The boundary between two steps of the work: also where its thread gives way to a core a
    /// server has set aside (see `CoreShare`), since these are the points the work can pause at.
    func step() throws(CancellationError) {
        cores?.giveWayIfAsked()
        try check()
    }
}
