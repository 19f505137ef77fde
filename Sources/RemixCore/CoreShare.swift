import Foundation

/// The cores the engine's threads compute on, and a server's way to keep one of them free for a
/// moment so that the threads answering a cheap request find it idle.
///
/// When every core is busy rendering, a thread woken to answer has to take a core from a rendering
/// one, and now and then that waits for the scheduler's next tick, milliseconds, whatever the
/// rendering's priority. Measured on a 2-core virtual machine with `remix-bench server`: `GET
/// /v1/voices` p99 about 1 ms on the idle server and 4–6 ms with every core spinning at nice 10 (as
/// much with SCHED_IDLE spinners); a core nobody computes on is taken at once. So a server, on each
/// request it answers outside the work queue, sets one core aside for a moment (`setOneAside`);
/// engine threads beyond the cores left give theirs up at their next step and take it back once the
/// moment has passed. Outside a server nobody asks, and the engine computes on every core.
public final class CoreShare: @unchecked Sendable {
    public static let process = CoreShare(cores: ProcessInfo.processInfo.activeProcessorCount)

    private let cores: Int
    // `computing` and `setAsideUntil` are guarded by `condition`.
    private let condition = NSCondition()
    private var computing = 0
    private var setAsideUntil = ContinuousClock.now

    init(cores: Int) {
        self.cores = cores
    }

    /// Keeps one core free of the engine's work until `duration` from now (no sooner than already asked).
    /// On a single core nothing is set aside: the engine would stop.
    public func setOneAside(for duration: Duration) {
        guard cores > 1 else { return }
        condition.lock()
        defer { condition.unlock() }
        setAsideUntil = max(setAsideUntil, .now + duration)
    }

    /// Before a thread computes: waits while a core is set aside and the others are taken. Pair with `finish`.
    public func start() {
        condition.lock()
        defer { condition.unlock() }
        waitForACore()
        computing += 1
    }

    public func finish() {
        condition.lock()
        defer { condition.unlock() }
        computing -= 1
        condition.broadcast()
    }

    /// Between two steps of a computation: gives its core up while one is set aside and more threads
    /// compute than the cores left.
    public func giveWayIfAsked() {
        condition.lock()
        defer { condition.unlock() }
        guard computing > coresLeft else { return }
        computing -= 1
        condition.broadcast()
        waitForACore()
        computing += 1
    }

    /// Without a core set aside, as many threads as want to: the kernel shares the cores among them as before.
    private var coresLeft: Int { ContinuousClock.now < setAsideUntil ? cores - 1 : .max }

    private func waitForACore() {
        while computing >= coresLeft {
            let remaining = setAsideUntil - .now
            _ = condition.wait(until: Date(timeIntervalSinceNow: Double(remaining.components.seconds)
                + Double(remaining.components.attoseconds) * 1e-18))
        }
    }
}
