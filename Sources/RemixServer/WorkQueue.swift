import Foundation
import Synchronization

/// The queue in front of the backend's costly operations (remixes and designs): `running` of them
/// at a time, up to `waiting` more in line in the order they came, and beyond that a refusal the
/// server answers with 429.
///
/// A request takes its place (`admitting`) before anything of it is read but its head, so a client
/// the queue has no room for is refused without its body being buffered; the place is its own until
/// its answer, and its work runs (`perform`) once a turn comes. Waiting costs a suspended task and
/// the request's body, so however many clients ask at once, the work in progress, and the memory
/// it holds, stays bounded.
final class WorkQueue: Sendable {
    /// Thrown when every place is taken: how long a client should wait before it tries again.
    struct Full: Error {
        /// What the places are for, as the refusal says it: "remixes running or waiting".
        let holding: String
        let retryAfterSeconds: Int
    }

    let running: Int
    let waiting: Int
    let holding: String

    private struct State {
        /// Requests holding a place: those running, those in line, and those still being read.
        var places = 0
        var active = 0
        var line: [(id: UInt64, turn: CheckedContinuation<Void, any Error>)] = []
        var nextID: UInt64 = 0
        /// Recent jobs' mean duration, the basis of `Retry-After`.
        var averageSeconds = 1.0
    }

    private let state = Mutex(State())

    /// The queue whose place the current task holds. The generated handlers' signatures have no
    /// room for it, so the place taken around a request reaches its handler's `perform` this way.
    @TaskLocal private static var placeHolder: WorkQueue?

    init(running: Int, waiting: Int, holding: String) {
        self.running = max(1, running)
        self.waiting = max(0, waiting)
        self.holding = holding
    }

    /// Runs `request` holding a place in the queue, taken first; throws `Full` at once when every
    /// place (`running` + `waiting`) is taken.
    func admitting<T>(_ request: () async throws -> T) async throws -> T {
        try state.withLock { state throws(Full) in
            guard state.places < running + waiting else {
                throw Full(holding: holding, retryAfterSeconds: max(1, Int(state.averageSeconds.rounded(.up))))
            }
            state.places += 1
        }
        defer { state.withLock { $0.places -= 1 } }
        return try await Self.$placeHolder.withValue(self) { try await request() }
    }

    /// Runs `work` once its turn comes, in the place the request took with `admitting` (one that
    /// took none takes it now). Throws `CancellationError` if the task is cancelled while it waits
    /// (its turn goes to the next).
    func perform<T>(_ work: () async throws -> T) async throws -> T {
        guard Self.placeHolder === self else { return try await admitting { try await perform(work) } }
        try await takeTurn()
        let started = ContinuousClock.now
        defer { finish(after: started.duration(to: .now)) }
        return try await work()
    }

    private func takeTurn() async throws {
        enum Admission { case now, queued, cancelled }
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (turn: CheckedContinuation<Void, any Error>) in
                // One critical section decides and queues, so a turn freed meanwhile is never missed.
                // The line needs no bound of its own: no more can stand in it than hold places.
                let admission = state.withLock { state -> Admission in
                    if Task.isCancelled { return .cancelled }
                    if state.active < running {
                        state.active += 1
                        return .now
                    }
                    state.line.append((id, turn))
                    return .queued
                }
                switch admission {
                case .now: turn.resume()
                case .queued: break
                case .cancelled: turn.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            let left = state.withLock { state in
                state.line.firstIndex { $0.id == id }.map { state.line.remove(at: $0).turn }
            }
            left?.resume(throwing: CancellationError())
        }
    }

    /// Hands the finished job's turn to the first in line, or frees it.
    private func finish(after duration: Duration) {
        let next = state.withLock { state -> CheckedContinuation<Void, any Error>? in
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            state.averageSeconds = 0.8 * state.averageSeconds + 0.2 * seconds
            guard !state.line.isEmpty else {
                state.active -= 1
                return nil
            }
            return state.line.removeFirst().turn
        }
        next?.resume()
    }
}
