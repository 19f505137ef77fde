/// Wall-clock timing for the benchmarks; medians, since this machine is shared and noisy.
enum Stopwatch {
    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    static func time(_ work: () async throws -> Void) async rethrows -> Double {
        let start = ContinuousClock.now
        try await work()
        return seconds(since: start)
    }

    static func time(_ work: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try work()
        return seconds(since: start)
    }

    static func median(_ values: [Double]) -> Double {
        values.sorted()[values.count / 2]
    }

    /// The median of `runs` measurements, each taken by `measure` (seconds).
    static func median(of runs: Int, _ measure: () throws -> Double) rethrows -> Double {
        median(try (0..<runs).map { _ in try measure() })
    }
}
