import RemixCore

/// The audio a player holds: decoded chunks in order, growing while a progressive decode runs.
/// Chunks are kept apart, not concatenated, so appending never copies what is already there.
struct Track {
    typealias Sample = PCM16Buffer.Sample

    let sampleRate: Int
    let channels: Int
    private var chunks: [[Sample]] = []
    /// The first frame of each chunk.
    private var starts: [Int] = []
    private(set) var frameCount = 0
    var isComplete: Bool

    init(_ first: PCM16Buffer, isComplete: Bool) {
        sampleRate = first.sampleRate
        channels = first.channels
        self.isComplete = isComplete
        append(first.samples)
    }

    var duration: Double { Double(frameCount) / Double(sampleRate) }

    mutating func append(_ samples: [Sample]) {
        guard !samples.isEmpty else { return }
        starts.append(frameCount)
        chunks.append(samples)
        frameCount += samples.count / channels
    }

    /// Calls `body` with the samples of frames `range`, in as many contiguous runs as chunks it spans.
    func forEachRun(in range: Range<Int>, _ body: (UnsafeBufferPointer<Sample>) -> Void) {
        guard !range.isEmpty else { return }
        var index = chunkIndex(containing: range.lowerBound)
        var frame = range.lowerBound
        while frame < range.upperBound, index < chunks.count {
            let chunkEnd = starts[index] + chunks[index].count / channels
            let end = min(chunkEnd, range.upperBound)
            chunks[index].withUnsafeBufferPointer { all in
                let from = (frame - starts[index]) * channels
                body(UnsafeBufferPointer(rebasing: all[from..<(from + (end - frame) * channels)]))
            }
            frame = end
            index += 1
        }
    }

    /// RMS and peak over `range`, for the level meter.
    func level(in range: Range<Int>) -> (rms: Float, peak: Float) {
        var sum: Float = 0, peak: Float = 0, count = 0
        forEachRun(in: range) { run in
            for sample in run {
                let value = Float(sample) / Float(Sample.max)
                sum += value * value
                peak = max(peak, abs(value))
            }
            count += run.count
        }
        return count == 0 ? (0, 0) : ((sum / Float(count)).squareRoot(), peak)
    }

    private func chunkIndex(containing frame: Int) -> Int {
        var low = 0, high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= frame { low = mid } else { high = mid - 1 }
        }
        return low
    }
}
