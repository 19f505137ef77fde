import Foundation
import RemixCore

/// Windowed-sinc sample-rate conversion of mono audio (Blackman window), used to reach each output
/// format's rate.
/// The kernel is tabulated once per conversion across its whole width; for one output sample all
/// taps share the same fractional offset into the table, so the inner loop is two loads, an
/// interpolation and a multiply-add. The cutoff sits just below the lower of the two Nyquist
/// frequencies, so downsampling to 8 kHz does not alias.
enum Resampler {
    /// Kernel half-width in zero crossings of the output band; 16 puts the stopband well below
    /// 16-bit quantisation noise for speech.
    private static let zeroCrossings = 16
    private static let tableResolution = 256

    static func resample(_ input: PCMBuffer, to outputRate: Int) -> PCMBuffer {
        guard input.sampleRate != outputRate, !input.samples.isEmpty else {
            return PCMBuffer(samples: input.samples, sampleRate: outputRate, channels: input.channels)
        }
        let step = Double(input.sampleRate) / Double(outputRate)
        let cutoff = min(1, 1 / step) * 0.94
        let halfWidth = Double(zeroCrossings) / cutoff
        let table = kernelTable(cutoff: cutoff, halfWidth: halfWidth)
        let resolution = Double(tableResolution)
        let outputCount = Int((Double(input.samples.count) / step).rounded())
        var output = [Float](repeating: 0, count: outputCount)

        input.samples.withUnsafeBufferPointer { source in
            table.withUnsafeBufferPointer { kernel in
                output.withUnsafeMutableBufferPointer { destination in
                    let last = source.count - 1
                    for index in 0..<outputCount {
                        let center = Double(index) * step
                        let first = max(0, Int((center - halfWidth).rounded(.up)))
                        let end = min(last, Int((center + halfWidth).rounded(.down)))
                        guard first <= end else { continue }
                        // Table position of the first tap; each further tap is `tableResolution` on.
                        let position = (Double(first) - center + halfWidth) * resolution
                        var slot = Int(position)
                        let fraction = Float(position - Double(slot))
                        var sum: Float = 0
                        for tap in first...end {
                            let weight = kernel[slot] + (kernel[slot + 1] - kernel[slot]) * fraction
                            sum += source[tap] * weight
                            slot += tableResolution
                        }
                        destination[index] = sum
                    }
                }
            }
        }
        return PCMBuffer(samples: output, sampleRate: outputRate, channels: 1)
    }

    /// The kernel sampled every 1/`tableResolution` input samples from −`halfWidth` to
    /// +`halfWidth`, padded with zeros so interpolation at the edges stays in bounds.
    private static func kernelTable(cutoff: Double, halfWidth: Double) -> [Float] {
        let count = Int(2 * halfWidth * Double(tableResolution)) + 2
        return (0..<count).map { slot in
            let x = Double(slot) / Double(tableResolution) - halfWidth
            guard abs(x) < halfWidth else { return 0 }
            let sinc = x == 0 ? 1 : sin(Double.pi * cutoff * x) / (Double.pi * cutoff * x)
            let phase = Double.pi * (x / halfWidth + 1)
            let blackman = 0.42 - 0.5 * cos(phase) + 0.08 * cos(2 * phase)
            return Float(cutoff * sinc * blackman)
        }
    }
}
