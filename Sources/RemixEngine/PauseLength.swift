import RemixCore

/// Lengthens or shortens the pauses a synthesizer put between phrases and words.
///
/// Done on the synthesized speech rather than in either library: flite has no pause parameter, and
/// espeak-ng's word gap only adds time at word boundaries (`EspeakSynthesizer` uses it as well, to
/// lengthen), while scaling the silences that are there keeps the rhythm each synthesizer chose and
/// works the same for both. The speech itself is not touched, only the quiet between it.
enum PauseLength {
    /// The analysis frame: fine enough to find word gaps.
    static let frameSeconds = 0.01
    /// Quieter than this, relative to the loudest frame, counts as silence (−40 dB).
    static let silenceRatio: Float = 0.01
    /// Shorter silences are stop closures inside words, not pauses.
    static let shortestPause = 0.06

    static func scale(_ speech: PCMBuffer, by factor: Double) -> PCMBuffer {
        guard factor != 1, speech.channels == 1 else { return speech }
        let frame = max(1, Int(Double(speech.sampleRate) * frameSeconds))
        let samples = speech.samples
        let levels = stride(from: 0, to: samples.count, by: frame).map { start in
            let slice = samples[start..<min(start + frame, samples.count)]
            return (slice.reduce(0) { $0 + $1 * $1 } / Float(slice.count)).squareRoot()
        }
        guard let loudest = levels.max(), loudest > 0 else { return speech }
        let threshold = loudest * silenceRatio
        let shortest = Int((shortestPause / frameSeconds).rounded(.up))

        var output: [Float] = []
        output.reserveCapacity(Int(Double(samples.count) * max(1, factor)))
        var copied = 0
        var index = 0
        while index < levels.count {
            guard levels[index] < threshold else { index += 1; continue }
            var end = index
            while end < levels.count, levels[end] < threshold { end += 1 }
            // Silence before the first word and after the last is not a pause.
            if index > 0, end < levels.count, end - index >= shortest {
                let start = index * frame
                let length = min(end * frame, samples.count) - start
                let middle = start + length / 2
                let change = Int((Double(length) * abs(factor - 1)).rounded())
                if factor > 1 {
                    output.append(contentsOf: samples[copied..<middle])
                    output.append(contentsOf: repeatElement(0, count: change))
                    copied = middle
                } else {
                    let removed = min(change, length)
                    output.append(contentsOf: samples[copied..<(middle - removed / 2)])
                    copied = middle - removed / 2 + removed
                }
            }
            index = end
        }
        output.append(contentsOf: samples[copied...])
        return PCMBuffer(samples: output, sampleRate: speech.sampleRate, channels: 1)
    }
}
