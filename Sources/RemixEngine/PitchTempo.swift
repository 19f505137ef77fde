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
    /// Rubberband resamples by 1/pitch scale with a filter whose length grows with the terms of that
    /// ratio as a fraction; an arbitrary ratio like 2^(−2/12) becomes a fraction with terms in the
    /// tens of thousands and a filter that takes longer to build than the audio takes to stretch.
    /// Snapping the ratio to the nearest fraction with terms up to 96 moves the pitch by at most
    /// about 0.005 semitones and roughly halves rubberband's time.
    private static let maxFractionTerm = 96

    /// Stops with `CancellationError` between blocks once `cancellation` is raised: a long script
    /// takes rubberband seconds.
    static func process(
        _ input: PCMBuffer, semitones: Double, formantRatio: Double, tempo: Double, cancellation: Cancellation
    ) throws -> PCMBuffer {
        let relabelledRate = max(1, Int((Double(input.sampleRate) * formantRatio).rounded()))
        let actualFormant = Double(relabelledRate) / Double(input.sampleRate)
        let pitchScale = 1 / nearestFraction(to: actualFormant / Foundation.pow(2, semitones / 12))
        let timeRatio = actualFormant / tempo

        let options = RubberBandOptionProcessOffline.rawValue | RubberBandOptionEngineFaster.rawValue
            | RubberBandOptionFormantPreserved.rawValue | RubberBandOptionThreadingNever.rawValue
        let library = try RubberBand.functions.get()
        guard let state = library.rubberband_new(
            UInt32(relabelledRate), 1, Int32(bitPattern: options), timeRatio, pitchScale)
        else {
            throw RemixError.engineFailure("rubberband could not start a stretcher")
        }
        defer { library.rubberband_delete(state) }

        let count = input.samples.count
        library.rubberband_set_expected_input_duration(state, UInt32(count))
        var output: [Float] = []
        output.reserveCapacity(Int(Double(count) * timeRatio) + blockSize)
        var scratch = [Float](repeating: 0, count: blockSize)

        try input.samples.withUnsafeBufferPointer { samples in
            // Offline mode needs the whole input studied before any of it is processed.
            try forEachBlock(of: samples, cancellation: cancellation) { channels, block in
                library.rubberband_study(state, channels, UInt32(block.count), block.final)
            }
            try forEachBlock(of: samples, cancellation: cancellation) { channels, block in
                library.rubberband_process(state, channels, UInt32(block.count), block.final)
                drain(state, library, into: &output, scratch: &scratch, untilFinished: block.final != 0)
            }
        }
        return PCMBuffer(samples: output, sampleRate: relabelledRate, channels: 1)
    }

    /// The fraction with numerator and denominator at most `maxFractionTerm` closest to `value`,
    /// found by walking the Stern–Brocot tree.
    static func nearestFraction(to value: Double) -> Double {
        var (lowNumerator, lowDenominator) = (0, 1)
        var (highNumerator, highDenominator) = (1, 0)
        var best = Double(Int.max)
        while true {
            let numerator = lowNumerator + highNumerator
            let denominator = lowDenominator + highDenominator
            guard numerator <= maxFractionTerm, denominator <= maxFractionTerm else { break }
            let mediant = Double(numerator) / Double(denominator)
            if abs(mediant - value) < abs(best - value) {
                best = mediant
            }
            if mediant == value { break }
            if value > mediant {
                (lowNumerator, lowDenominator) = (numerator, denominator)
            } else {
                (highNumerator, highDenominator) = (numerator, denominator)
            }
        }
        return best
    }

    private struct Block {
        var count: Int
        var final: Int32
    }

    private static func forEachBlock(
        of samples: UnsafeBufferPointer<Float>, cancellation: Cancellation,
        _ body: (UnsafePointer<UnsafePointer<Float>?>, Block) -> Void
    ) throws {
        var start = 0
        repeat {
            try cancellation.step()
            let count = min(blockSize, samples.count - start)
            var channel: UnsafePointer<Float>? = samples.baseAddress.map { UnsafePointer($0 + start) }
            withUnsafePointer(to: &channel) { body($0, Block(count: count, final: start + count >= samples.count ? 1 : 0)) }
            start += count
        } while start < samples.count
    }

    /// After the final block, rubberband may report 0 available while it still holds output;
    /// only −1 means it is done (stopping at 0 loses the tail).
    private static func drain(
        _ state: RubberBandState, _ library: RubberBand, into output: inout [Float], scratch: inout [Float], untilFinished: Bool
    ) {
        while true {
            let available = library.rubberband_available(state)
            if available < 0 { return }
            if available == 0 {
                if untilFinished { continue }
                return
            }
            let wanted = min(Int(available), scratch.count)
            scratch.withUnsafeMutableBufferPointer { buffer in
                var channel: UnsafeMutablePointer<Float>? = buffer.baseAddress
                let got = withUnsafePointer(to: &channel) { library.rubberband_retrieve(state, $0, UInt32(wanted)) }
                output.append(contentsOf: buffer[0..<Int(got)])
            }
        }
    }
}
