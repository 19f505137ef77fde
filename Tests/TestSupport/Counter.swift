import Synchronization

/// A count tasks running at once add to, such as how many of a group's requests have finished.
public final class Counter: Sendable {
    private let count = Mutex(0)

    public init() {}

    public func increment() { count.withLock { $0 += 1 } }

    public var value: Int { count.withLock { $0 } }
}
