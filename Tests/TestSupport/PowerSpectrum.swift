import Foundation
import RemixCore

/// The average power spectrum of a signal (Welch's method: Hann-windowed frames, half overlapping),
/// for measuring where a voice's energy sits: its spectral centroid, and the share of it in a band.
public struct PowerSpectrum {
    public static let frameLength = 1024

    /// Power per bin, bin k centred on k · binWidth Hz, from 0 to the Nyquist frequency.
    public let power: [Double]
    public let binWidth: Double

    /// Frames quieter than `silenceDB` below the loudest are left out, so pauses (and the noise floor
    /// in them) do not weigh on the measures.
    public init(_ buffer: PCMBuffer, silenceDB: Double = 50) {
        let length = Self.frameLength
        binWidth = Double(buffer.sampleRate) / Double(length)
        let window = (0..<length).map { 0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(length)) }
        let starts = Array(stride(from: 0, to: max(0, buffer.samples.count - length + 1), by: length / 2))
        let energies = starts.map { start in buffer.samples[start..<(start + length)].reduce(0.0) { $0 + Double($1 * $1) } }
        let loudest = energies.max() ?? 0
        var total = [Double](repeating: 0, count: length / 2 + 1)
        for (start, energy) in zip(starts, energies) where energy > 0 && energy >= loudest * Foundation.pow(10, -silenceDB / 10) {
            var real = (0..<length).map { Double(buffer.samples[start + $0]) * window[$0] }
            var imaginary = [Double](repeating: 0, count: length)
            FourierTransform.inPlace(real: &real, imaginary: &imaginary)
            for bin in total.indices {
                total[bin] += real[bin] * real[bin] + imaginary[bin] * imaginary[bin]
            }
        }
        power = total
    }

    /// The power-weighted mean frequency in Hz: higher for a brighter or thinner voice.
    public var centroid: Double {
        let sum = power.reduce(0, +)
        guard sum > 0 else { return 0 }
        return power.enumerated().reduce(0) { $0 + Double($1.offset) * binWidth * $1.element } / sum
    }

    /// The share (0…1) of the total power in bins whose centre lies in `band` (Hz, lower bound
    /// included, upper excluded).
    public func fraction(in band: Range<Double>) -> Double {
        let sum = power.reduce(0, +)
        guard sum > 0 else { return 0 }
        let inside = power.enumerated().filter { band.contains(Double($0.offset) * binWidth) }.reduce(0) { $0 + $1.element }
        return inside / sum
    }
}

/// An iterative radix-2 FFT; enough for test measures, where clarity beats speed.
enum FourierTransform {
    /// Transforms (real, imaginary) in place; the length must be a power of two.
    static func inPlace(real: inout [Double], imaginary: inout [Double]) {
        let count = real.count
        precondition(count > 0 && count & (count - 1) == 0, "the FFT length must be a power of two")
        var reversed = 0
        for index in 1..<count {
            var bit = count >> 1
            while reversed & bit != 0 {
                reversed ^= bit
                bit >>= 1
            }
            reversed |= bit
            if index < reversed {
                real.swapAt(index, reversed)
                imaginary.swapAt(index, reversed)
            }
        }
        var size = 2
        while size <= count {
            let angle = -2 * Double.pi / Double(size)
            for start in stride(from: 0, to: count, by: size) {
                for offset in 0..<(size / 2) {
                    let (cosine, sine) = (cos(angle * Double(offset)), sin(angle * Double(offset)))
                    let even = start + offset, odd = even + size / 2
                    let oddReal = real[odd] * cosine - imaginary[odd] * sine
                    let oddImaginary = real[odd] * sine + imaginary[odd] * cosine
                    (real[odd], imaginary[odd]) = (real[even] - oddReal, imaginary[even] - oddImaginary)
                    (real[even], imaginary[even]) = (real[even] + oddReal, imaginary[even] + oddImaginary)
                }
            }
            size <<= 1
        }
    }
}
