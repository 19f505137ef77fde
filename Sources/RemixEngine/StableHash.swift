/// FNV-1a over UTF-8. Swift's `Hasher` is randomised per process, so it cannot tie a seed to the
/// request's inputs in a way that repeats across runs.
struct StableHash {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func combine(_ text: String) {
        for byte in text.utf8 {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        // A separator keeps ("ab", "c") and ("a", "bc") apart.
        value = (value ^ 0xFF) &* 0x0000_0100_0000_01B3
    }

    mutating func combine(_ number: Double) {
        combine(String(number))
    }
}
