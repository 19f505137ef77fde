/// SplitMix64: a tiny generator whose sequence depends only on its seed, on every platform and
/// Swift version, so the same request seed always yields the same variations and ids.
/// `SystemRandomNumberGenerator` is used only to pick a seed when the request has none.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in −1…1, for symmetric offsets around a target.
    mutating func nextSymmetric() -> Double {
        Double.random(in: -1...1, using: &self)
    }
}

extension SeededRandom {
    /// A uniform sample in −1…1 for noise: breath, hiss, and the random walk of roughness. The top
    /// 24 bits fill a Float's mantissa exactly, so the value is the same on every platform.
    mutating func nextNoiseSample() -> Float {
        Float(next() >> 40) * (2 / 16_777_216) - 1
    }
}
