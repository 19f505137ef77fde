import Foundation

/// A short room or a hall around the voice: a Schroeder–Moorer reverberator in the layout Freeverb
/// made common. Eight parallel feedback combs with damped (low-passed) feedback build the decay,
/// four allpasses in series thicken it into a diffuse tail. Delays are scaled from Freeverb's
/// mutually prime lengths, so the echoes never line up into a flutter.
///
/// The output is longer than the input by the tail, so a hall's decay after the last word is heard
/// rather than cut off.
enum RoomReverb {
    private struct Space {
        /// Multiplies the base delay lengths: the size of the room.
        var size: Double
        /// Comb feedback: how slowly the room decays.
        var feedback: Float
        /// Share of each echo's treble lost per pass: soft walls.
        var damping: Float
        /// Reverberant level relative to the direct sound (RMS).
        var wet: Float
        var tailSeconds: Double
    }

    /// Freeverb's comb and allpass lengths at 44.1 kHz, in seconds.
    private static let combSeconds = [1116, 1188, 1277, 1356, 1422, 1491, 1557, 1617].map { Double($0) / 44100 }
    private static let allpassSeconds = [556, 441, 341, 225].map { Double($0) / 44100 }
    private static let allpassFeedback: Float = 0.5

    private static func space(of room: VoiceEffects.Room) -> Space {
        switch room {
        // About 0.4 s to fall 60 dB.
        case .smallRoom: Space(size: 0.45, feedback: 0.78, damping: 0.35, wet: 0.35, tailSeconds: 0.4)
        // About 2 s.
        case .hall: Space(size: 1.3, feedback: 0.87, damping: 0.25, wet: 0.6, tailSeconds: 1.6)
        }
    }

    static func apply(_ room: VoiceEffects.Room, to samples: inout [Float], sampleRate: Int) {
        guard !samples.isEmpty else { return }
        let space = Self.space(of: room)
        let dry = samples + [Float](repeating: 0, count: Int(space.tailSeconds * Double(sampleRate)))
        var wet = [Float](repeating: 0, count: dry.count)
        for seconds in combSeconds {
            addComb(dry, into: &wet, length: delayLength(seconds, space: space, sampleRate: sampleRate), space: space)
        }
        for seconds in allpassSeconds {
            allpass(&wet, length: delayLength(seconds, space: space, sampleRate: sampleRate))
        }
        let wetGain = space.wet * samples.rootMeanSquare / max(wet.rootMeanSquare, .leastNonzeroMagnitude)
        samples = zip(dry, wet).map { $0 + $1 * wetGain }
    }

    private static func delayLength(_ seconds: Double, space: Space, sampleRate: Int) -> Int {
        max(1, Int(seconds * space.size * Double(sampleRate)))
    }

    /// A feedback comb whose feedback path is low-passed (one pole), added into `output`.
    private static func addComb(_ input: [Float], into output: inout [Float], length: Int, space: Space) {
        var line = [Float](repeating: 0, count: length)
        var position = 0
        var damped: Float = 0
        output.withUnsafeMutableBufferPointer { output in
            for index in input.indices {
                let echo = line[position]
                damped = echo * (1 - space.damping) + damped * space.damping
                line[position] = input[index] + damped * space.feedback
                output[index] += echo
                position = position + 1 == length ? 0 : position + 1
            }
        }
    }

    /// Freeverb's allpass: flat in magnitude on average, it smears each echo in time.
    private static func allpass(_ samples: inout [Float], length: Int) {
        var line = [Float](repeating: 0, count: length)
        var position = 0
        for index in samples.indices {
            let delayed = line[position]
            let input = samples[index]
            line[position] = input + delayed * allpassFeedback
            samples[index] = delayed - input
            position = position + 1 == length ? 0 : position + 1
        }
    }
}
