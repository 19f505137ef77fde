import Synchronization

/// The streams a player's events go to, one per subscriber, so a consumer that stops (its task
/// cancelled, its loop left) ends only its own stream and the others keep receiving.
final class EventSubscribers: Sendable {
    /// Enough for a consumer busy for three seconds of ticks; older events give way to newer ones.
    static let buffered = 64

    private struct Registry {
        var next = 0
        var continuations: [Int: AsyncStream<PlayerEvent>.Continuation] = [:]
        var isFinished = false
    }

    private let registry = Mutex(Registry())

    /// A stream of the events from now on; it ends when its consumer stops or `finish()` is called.
    func subscribe() -> AsyncStream<PlayerEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: PlayerEvent.self, bufferingPolicy: .bufferingNewest(Self.buffered))
        let id = registry.withLock { registry -> Int? in
            guard !registry.isFinished else { return nil }
            defer { registry.next += 1 }
            registry.continuations[registry.next] = continuation
            return registry.next
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.registry.withLock { $0.continuations.removeValue(forKey: id) }
        }
        return stream
    }

    /// Yields outside the lock, which a consumer stopping at that moment needs to remove itself.
    func send(_ event: PlayerEvent) {
        for continuation in registry.withLock({ Array($0.continuations.values) }) {
            continuation.yield(event)
        }
    }

    /// Finishes outside the lock: each stream's termination handler takes it.
    func finish() {
        let continuations = registry.withLock { registry in
            registry.isFinished = true
            defer { registry.continuations = [:] }
            return Array(registry.continuations.values)
        }
        for continuation in continuations { continuation.finish() }
    }
}
