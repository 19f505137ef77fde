import Foundation

/// ITU-T G.711 companding for the `ulaw_8000` and `alaw_8000` formats: one byte per sample.
enum G711Encoder {
    static func muLaw(_ samples: [Float]) -> Data {
        Data(PCMEncoder.int16Samples(samples).map(muLawByte))
    }

    static func aLaw(_ samples: [Float]) -> Data {
        Data(PCMEncoder.int16Samples(samples).map(aLawByte))
    }

    /// µ-law works on 14-bit magnitudes with a bias of 0x84 so every segment starts on a power of two.
    private static func muLawByte(_ sample: Int16) -> UInt8 {
        let bias = 0x84, clip = 32635
        let sign = sample < 0 ? 0x80 : 0
        let magnitude = min(Int(sample.magnitude), clip) + bias
        let exponent = max(0, (Int.bitWidth - magnitude.leadingZeroBitCount) - 8)
        let mantissa = (magnitude >> (exponent + 3)) & 0x0F
        return ~UInt8(sign | (exponent << 4) | mantissa)
    }

    /// A-law: linear below 1/64 of full scale, logarithmic segments above; even bits inverted (0x55).
    private static func aLawByte(_ sample: Int16) -> UInt8 {
        let sign = sample >= 0 ? 0x80 : 0
        let magnitude = min(Int(sample.magnitude) >> 3, 0x0FFF)
        let byte: Int
        if magnitude < 32 {
            byte = magnitude >> 1
        } else {
            let exponent = (Int.bitWidth - magnitude.leadingZeroBitCount) - 5
            byte = (exponent << 4) | ((magnitude >> exponent) & 0x0F)
        }
        return UInt8((sign | byte) ^ 0x55)
    }
}
