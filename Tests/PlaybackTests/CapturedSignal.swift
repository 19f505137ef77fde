import Foundation

/// What a capture of `TestAudio.positionTagged` shows: the runs of consecutive source frames heard.
struct HeardRuns {
    struct Run {
        var sign: Float
        /// Source frames, from the right channel's tag.
        var first: Int
        var last: Int
        /// Captured frames, where the run lies in the recording.
        var capturedStart: Int
        var capturedEnd: Int
    }

    var runs: [Run] = []

    /// `tolerance` allows for the 16-bit sink rounding the tag (one step ≈ 5 frames of a 3 s buffer).
    init(_ captured: [Float], sourceFrames: Int, tolerance: Int = 12) {
        for frame in 0..<(captured.count / 2) {
            let tag = captured[2 * frame + 1]
            guard abs(tag) > 0.05 else { continue }
            let position = Int(((abs(tag) - 0.1) / 0.8 * Float(sourceFrames)).rounded())
            let sign: Float = tag < 0 ? -1 : 1
            if var run = runs.last, run.sign == sign, run.capturedEnd == frame,
               abs(position - (run.last + 1)) <= tolerance {
                run.last = position
                run.capturedEnd = frame + 1
                runs[runs.count - 1] = run
            } else {
                runs.append(Run(sign: sign, first: position, last: position, capturedStart: frame, capturedEnd: frame + 1))
            }
        }
    }
}

enum Signal {
    /// The captured frames where the left channel is not silent, as one range (first to last sound).
    static func soundingFrames(_ stereo: [Float], threshold: Float = 1e-3) -> Range<Int>? {
        let frames = stereo.count / 2
        guard let first = (0..<frames).first(where: { abs(stereo[2 * $0]) > threshold }),
              let last = (0..<frames).last(where: { abs(stereo[2 * $0]) > threshold }) else { return nil }
        return first..<(last + 1)
    }

    /// Frequency of a pure tone from its rising zero crossings, interpolated between samples.
    static func frequency(_ samples: [Float], rate: Int) -> Double {
        var crossings: [Double] = []
        for i in 1..<samples.count where samples[i - 1] < 0 && samples[i] >= 0 {
            let fraction = Double(-samples[i - 1] / (samples[i] - samples[i - 1]))
            crossings.append(Double(i - 1) + fraction)
        }
        guard crossings.count > 1 else { return 0 }
        return Double(crossings.count - 1) * Double(rate) / (crossings.last! - crossings.first!)
    }

    static func left(_ stereo: [Float], frames: Range<Int>) -> [Float] {
        frames.map { stereo[2 * $0] }
    }
}
