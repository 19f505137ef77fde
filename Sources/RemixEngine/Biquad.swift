import Foundation

/// A second-order IIR filter with the designs of Robert Bristow-Johnson's "Audio EQ Cookbook": the
/// building block of every band limit, shelf and resonance in the voice effects.
///
/// Coefficients and state are Double: a low shelf at 250 Hz on 44.1 kHz audio puts its poles so
/// close to the unit circle that Float rounding would colour the result. Corner frequencies are held
/// below 0.45 × the sample rate, so a design for 4.5 kHz still works on 8 kHz audio (as a gentler filter).
struct Biquad: Sendable {
    private let b0, b1, b2, a1, a2: Double

    private init(b0: Double, b1: Double, b2: Double, a0: Double, a1: Double, a2: Double) {
        self.b0 = b0 / a0
        self.b1 = b1 / a0
        self.b2 = b2 / a0
        self.a1 = a1 / a0
        self.a2 = a2 / a0
    }

    /// Butterworth response for `q` = 1/√2; two in a row with q 0.54 and 1.31 make a fourth-order Butterworth.
    static func lowPass(_ frequency: Double, q: Double = 0.5.squareRoot(), sampleRate: Int) -> Biquad {
        let (cosine, alpha) = angle(frequency, q: q, sampleRate: sampleRate)
        return Biquad(
            b0: (1 - cosine) / 2, b1: 1 - cosine, b2: (1 - cosine) / 2,
            a0: 1 + alpha, a1: -2 * cosine, a2: 1 - alpha)
    }

    static func highPass(_ frequency: Double, q: Double = 0.5.squareRoot(), sampleRate: Int) -> Biquad {
        let (cosine, alpha) = angle(frequency, q: q, sampleRate: sampleRate)
        return Biquad(
            b0: (1 + cosine) / 2, b1: -(1 + cosine), b2: (1 + cosine) / 2,
            a0: 1 + alpha, a1: -2 * cosine, a2: 1 - alpha)
    }

    /// A bell of `gainDB` at `frequency`: a resonance (nasality, the megaphone's horn).
    static func peaking(_ frequency: Double, q: Double, gainDB: Double, sampleRate: Int) -> Biquad {
        let (cosine, alpha) = angle(frequency, q: q, sampleRate: sampleRate)
        let amplitude = Foundation.pow(10, gainDB / 40)
        return Biquad(
            b0: 1 + alpha * amplitude, b1: -2 * cosine, b2: 1 - alpha * amplitude,
            a0: 1 + alpha / amplitude, a1: -2 * cosine, a2: 1 - alpha / amplitude)
    }

    /// `gainDB` below `frequency`, unity above; `slope` 1 is the steepest without overshoot.
    static func lowShelf(_ frequency: Double, gainDB: Double, slope: Double = 1, sampleRate: Int) -> Biquad {
        let (amplitude, cosine, alpha) = shelf(frequency, gainDB: gainDB, slope: slope, sampleRate: sampleRate)
        let root = 2 * amplitude.squareRoot() * alpha
        return Biquad(
            b0: amplitude * ((amplitude + 1) - (amplitude - 1) * cosine + root),
            b1: 2 * amplitude * ((amplitude - 1) - (amplitude + 1) * cosine),
            b2: amplitude * ((amplitude + 1) - (amplitude - 1) * cosine - root),
            a0: (amplitude + 1) + (amplitude - 1) * cosine + root,
            a1: -2 * ((amplitude - 1) + (amplitude + 1) * cosine),
            a2: (amplitude + 1) + (amplitude - 1) * cosine - root)
    }

    /// `gainDB` above `frequency`, unity below.
    static func highShelf(_ frequency: Double, gainDB: Double, slope: Double = 1, sampleRate: Int) -> Biquad {
        let (amplitude, cosine, alpha) = shelf(frequency, gainDB: gainDB, slope: slope, sampleRate: sampleRate)
        let root = 2 * amplitude.squareRoot() * alpha
        return Biquad(
            b0: amplitude * ((amplitude + 1) + (amplitude - 1) * cosine + root),
            b1: -2 * amplitude * ((amplitude - 1) + (amplitude + 1) * cosine),
            b2: amplitude * ((amplitude + 1) + (amplitude - 1) * cosine - root),
            a0: (amplitude + 1) - (amplitude - 1) * cosine + root,
            a1: 2 * ((amplitude - 1) - (amplitude + 1) * cosine),
            a2: (amplitude + 1) - (amplitude - 1) * cosine - root)
    }

    /// Filters `samples` in place (transposed direct form II), starting from silence.
    func apply(to samples: inout [Float]) {
        var state1 = 0.0, state2 = 0.0
        samples.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices {
                let input = Double(buffer[index])
                let output = b0 * input + state1
                state1 = b1 * input - a1 * output + state2
                state2 = b2 * input - a2 * output
                buffer[index] = Float(output)
            }
        }
    }

    private static func angle(_ frequency: Double, q: Double, sampleRate: Int) -> (cosine: Double, alpha: Double) {
        let omega = 2 * Double.pi * min(frequency, 0.45 * Double(sampleRate)) / Double(sampleRate)
        return (cos(omega), sin(omega) / (2 * q))
    }

    private static func shelf(
        _ frequency: Double, gainDB: Double, slope: Double, sampleRate: Int
    ) -> (amplitude: Double, cosine: Double, alpha: Double) {
        let amplitude = Foundation.pow(10, gainDB / 40)
        let omega = 2 * Double.pi * min(frequency, 0.45 * Double(sampleRate)) / Double(sampleRate)
        let alpha = sin(omega) / 2 * ((amplitude + 1 / amplitude) * (1 / slope - 1) + 2).squareRoot()
        return (amplitude, cos(omega), alpha)
    }
}

extension [Biquad] {
    /// Runs the filters one after another over `samples`, in place.
    func apply(to samples: inout [Float]) {
        for filter in self {
            filter.apply(to: &samples)
        }
    }

    /// A fourth-order Butterworth low-pass: two sections, for band limits that must be steep.
    static func butterworthLowPass(_ frequency: Double, sampleRate: Int) -> [Biquad] {
        fourthOrderQs.map { Biquad.lowPass(frequency, q: $0, sampleRate: sampleRate) }
    }

    static func butterworthHighPass(_ frequency: Double, sampleRate: Int) -> [Biquad] {
        fourthOrderQs.map { Biquad.highPass(frequency, q: $0, sampleRate: sampleRate) }
    }

    /// The section Qs of a fourth-order Butterworth: 1 / (2 cos(π/8)) and 1 / (2 cos(3π/8)).
    private static let fourthOrderQs = [0.541_196_1, 1.306_563_0]
}
