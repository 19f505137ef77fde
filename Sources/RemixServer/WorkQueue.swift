import Foundation
import Synchronization

/// The queue in front of the backend's costly operations (remixes and designs): `running` of them
/// at a time, up to `waiting` more in line in the order they came, and beyond that a refusal the
/// server answers with 429. Waiting costs a suspended task and nothing else, so however many
/// clients ask at once, the work in progress, and the memory it holds, stays bounded.
final class WorkQueue: Sendable {
    /// Thrown when the line is full: how long a client should wait before it tries again.
    struct Full: Error {
        let retryAfterSeconds: Int
    }

    let running: Int
    let waiting: Int

    private struct State {
        var active = 0
        var line: [(id: UInt64, turn: CheckedContinuation<Void, any Error>)] = []
        var nextID: UInt64 = 0
        /// Recent jobs' mean duration, the basis of `Retry-After`.
        var averageSeconds = 1.0
    }

    private let state = Mutex(State())

    init(running: Int, waiting: Int) {
        self.running = max(1, running)
        self.waiting = max(0, waiting)
    }

    /// Runs `work` once its turn comes. Throws `Full` at once when the line is full, and
    /// `CancellationError` if the task is cancelled while it waits (its place goes to the next).
    func perform<T>(_ work: () async throws -> T) async throws -> T {
        try await takeTurn()
        let started = ContinuousClock.now
        defer { finish(after: started.duration(to: .now)) }
        return try await work()
    }

    private func takeTurn() async throws {
        enum Admission { case now, queued, refused(Int), cancelled }
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (turn: CheckedContinuation<Void, any Error>) in
                // One critical section decides and queues, so a place freed meanwhile is never missed.
                let admission = state.withLock { state -> Admission in
                    if Task.isCancelled { return .cancelled }
                    if state.active < running {
                        state.active += 1
                        return .now
                    }
                    guard state.line.count < waiting else {
                        return .refused(max(1, Int(state.averageSeconds.rounded(.up))))
                    }
                    state.line.append((id, turn))
                    return .queued
                }
                switch admission {
                case .now: turn.resume()
                case .queued: break
                case .refused(let seconds): turn.resume(throwing: Full(retryAfterSeconds: seconds))
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

    /// Hands the finished job's place to the first in line, or frees it.
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
