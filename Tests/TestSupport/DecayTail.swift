import Foundation
import RemixCore

/// How long sound lingers after the last word: the seconds from the last 10 ms frame within
/// `speechDB` of the loudest to the last frame within `floorDB` of it. Dry speech stops within tens
/// of milliseconds; a room's reverberation stretches it.
public enum DecayTail {
    public static func seconds(_ buffer: PCMBuffer, speechDB: Double = 20, floorDB: Double = 50) -> Double {
        let frame = max(1, buffer.sampleRate / 100)
        let levels = stride(from: 0, to: buffer.samples.count - frame + 1, by: frame).map { start in
            10 * log10(max(1e-20, buffer.samples[start..<(start + frame)].reduce(0.0) { $0 + Double($1 * $1) } / Double(frame)))
        }
        guard let loudest = levels.max(),
            let lastSpeech = levels.lastIndex(where: { $0 >= loudest - speechDB }),
            let lastSound = levels.lastIndex(where: { $0 >= loudest - floorDB })
        else { return 0 }
        return Double(lastSound - lastSpeech) * Double(frame) / Double(buffer.sampleRate)
    }
}
