/// Tests that play into or record from the private null sink take turns: the tests of every suite run in
/// one process, in parallel, and one test's sound would land in another's capture.
public actor NullSinkLock {
    public static let shared = NullSinkLock()

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    public func withSink<T: Sendable>(_ body: @Sendable () async throws -> T) async rethrows -> T {
        await acquire()
        do {
            let result = try await body()
            release()
            return result
        } catch {
            release()
            throw error
        }
    }

    private func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}
