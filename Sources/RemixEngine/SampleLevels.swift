extension [Float] {
    /// Root mean square: the level effects mix against, so a mix does not depend on how loud the
    /// synthesizer happened to speak. Zero for no samples.
    var rootMeanSquare: Float {
        isEmpty ? 0 : (reduce(0) { $0 + $1 * $1 } / Float(count)).squareRoot()
    }

    /// The largest magnitude; zero for no samples.
    var peakMagnitude: Float {
        lazy.map(abs).max() ?? 0
    }
}
