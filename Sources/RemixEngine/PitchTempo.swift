@preconcurrency import CRubberBand
import Foundation
import RemixCore

/// Pitch, formant and tempo changes in one offline rubberband pass.
///
/// The R2 engine ("faster", chosen for speed) can only preserve formants or shift them with the
/// pitch, not scale them on their own. So the formant scale `f` comes from relabelling the sample
/// rate: samples recorded at rate r, read as if recorded at r·f, have every frequency (pitch and
/// formants) scaled by f and last 1/f as long. Rubberband then moves the pitch by the remaining
/// ratio with formants preserved and stretches time back to the requested tempo. The result
/// carries the relabelled rate; the resampler takes it to the output rate afterwards.
enum PitchTempo {
    private static let blockSize = 8192

    static func process(_ input: PCMBuffer, semitones: Double, formantRatio: Double, tempo: Double) throws -> PCMBuffer {
        let relabelledRate = max(1, Int((Double(input.sampleRate) * formantRatio).rounded()))
        let actualFormant = Double(relabelledRate) / Double(input.sampleRate)
        let pitchScale = Foundation.pow(2, semitones / 12) / actualFormant
        let timeRatio = actualFormant / tempo

        let options = RubberBandOptionProcessOffline.rawValue | RubberBandOptionEngineFaster.rawValue
            | RubberBandOptionFormantPreserved.rawValue | RubberBandOptionThreadingNever.rawValue
        guard let state = rubberband_new(
            UInt32(relabelledRate), 1, Int32(bitPattern: options), timeRatio, pitchScale)
        else {
            throw RemixError.engineFailure("rubberband could not start a stretcher")
        }
        defer { rubberband_delete(state) }

        let count = input.samples.count
        rubberband_set_expected_input_duration(state, UInt32(count))
        var output: [Float] = []
        output.reserveCapacity(Int(Double(count) * timeRatio) + blockSize)
        var scratch = [Float](repeating: 0, count: blockSize)

        input.samples.withUnsafeBufferPointer { samples in
            // Offline mode needs the whole input studied before any of it is processed.
            forEachBlock(of: samples) { channels, block in rubberband_study(state, channels, UInt32(block.count), block.final) }
            forEachBlock(of: samples) { channels, block in
                rubberband_process(state, channels, UInt32(block.count), block.final)
                drain(state, into: &output, scratch: &scratch, untilFinished: block.final != 0)
            }
        }
        return PCMBuffer(samples: output, sampleRate: relabelledRate, channels: 1)
    }

    private struct Block {
        var count: Int
        var final: Int32
    }

    private static func forEachBlock(
        of samples: UnsafeBufferPointer<Float>,
        _ body: (UnsafePointer<UnsafePointer<Float>?>, Block) -> Void
    ) {
        var start = 0
        repeat {
            let count = min(blockSize, samples.count - start)
            var channel: UnsafePointer<Float>? = samples.baseAddress.map { UnsafePointer($0 + start) }
            withUnsafePointer(to: &channel) { body($0, Block(count: count, final: start + count >= samples.count ? 1 : 0)) }
            start += count
        } while start < samples.count
    }

    /// After the final block, rubberband may report 0 available while it still holds output;
    /// only −1 means it is done (stopping at 0 loses the tail).
    private static func drain(_ state: RubberBandState, into output: inout [Float], scratch: inout [Float], untilFinished: Bool) {
        while true {
            let available = rubberband_available(state)
            if available < 0 { return }
            if available == 0 {
                if untilFinished { continue }
                return
            }
            let wanted = min(Int(available), scratch.count)
            scratch.withUnsafeMutableBufferPointer { buffer in
                var channel: UnsafeMutablePointer<Float>? = buffer.baseAddress
                let got = withUnsafePointer(to: &channel) { rubberband_retrieve(state, $0, UInt32(wanted)) }
                output.append(contentsOf: buffer[0..<Int(got)])
            }
        }
    }
}
