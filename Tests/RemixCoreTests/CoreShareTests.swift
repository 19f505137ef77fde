import Foundation
import Synchronization
import Testing
@testable import RemixCore

/// Threads computing under a `CoreShare` of two cores, started and stopped in a known order.
@Suite struct CoreShareTests {
    /// A value the test's threads share.
    private final class Shared<Value: Sendable>: Sendable {
        private let value: Mutex<Value>
        init(_ value: Value) { self.value = Mutex(value) }
        var current: Value { value.withLock { $0 } }
        func set(_ new: Value) { value.withLock { $0 = new } }
    }

    /// Runs `body` on a thread of its own and returns once it has returned.
    private func onThread(_ body: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread { body(); done.resume() }.start()
        }
    }

    @Test func withNothingSetAsideEveryThreadComputes() async {
        let share = CoreShare(cores: 2)
        for _ in 0..<3 { await onThread { share.start() } }
        await onThread { share.giveWayIfAsked() }  // returns: nobody asked
        for _ in 0..<3 { share.finish() }
    }

    @Test func aThreadBeyondTheCoresLeftWaitsUntilTheMomentPasses() async {
        let share = CoreShare(cores: 2)
        share.start()
        let moment = ContinuousClock.now + .milliseconds(300)
        share.setOneAside(for: .milliseconds(300))
        let startedAt = Shared<ContinuousClock.Instant?>(nil)
        await onThread {
            share.start()
            startedAt.set(.now)
        }
        #expect(startedAt.current.map { $0 >= moment } == true)
        share.finish()
        share.finish()
    }

    @Test func aThreadGivesWayAtItsNextStepAndResumesWhenAnotherFinishes() async throws {
        let share = CoreShare(cores: 2)
        share.start()
        let resumed = Shared(false)
        let otherFinished = Shared(false)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await onThread {
                    share.start()
                    share.setOneAside(for: .seconds(30))
                    share.giveWayIfAsked()  // two computing, one core left: waits
                    #expect(otherFinished.current, "resumed before the other thread finished")
                    resumed.set(true)
                    share.finish()
                }
            }
            group.addTask {
                try? await Task.sleep(for: .milliseconds(200))
                #expect(!resumed.current, "did not give way")
                otherFinished.set(true)
                share.finish()
            }
        }
        #expect(resumed.current)
    }

    @Test func aSingleCoreIsNeverSetAside() async {
        let share = CoreShare(cores: 1)
        share.start()
        share.setOneAside(for: .seconds(30))
        await onThread { share.start() }  // returns: the one core is not taken away
        share.finish()
        share.finish()
    }
}
