import Foundation
import RemixCore
import TestSupport

/// Test audio made at test time with sox, lame and opusenc, so no binaries live in the repository.
enum TestAudio {
    /// A sine written by sox to `directory/name` in the format its options give.
    @discardableResult
    static func sox(_ directory: URL, _ name: String, options: [String], seconds: Double = 1, frequency: Double = 440) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Tool.run("sox", ["-n"] + options + [url.path, "synth", "\(seconds)", "sine", "\(frequency)", "vol", "0.5"])
        return url
    }

    static func mp3(
        _ directory: URL, rate: Int, channels: Int, seconds: Double = 1, lameOptions: [String] = ["-b", "64"]
    ) throws -> URL {
        let wav = try sox(directory, "source-\(rate)-\(channels).wav", options: ["-r", "\(rate)", "-c", "\(channels)", "-b", "16"], seconds: seconds)
        let url = directory.appendingPathComponent("tone-\(rate)-\(channels)-\(lameOptions.joined()).mp3")
        try Tool.run("lame", ["--quiet"] + lameOptions + [wav.path, url.path])
        return url
    }

    static func opus(_ directory: URL, seconds: Double = 1) throws -> URL {
        let wav = try sox(directory, "opus-source.wav", options: ["-r", "48000", "-c", "2", "-b", "16"], seconds: seconds)
        let url = directory.appendingPathComponent("tone.opus")
        try Tool.run("opusenc", ["--quiet", wav.path, url.path])
        return url
    }

    /// A buffer whose left channel is a sine and whose right channel says where in the buffer each frame
    /// is (`sign` × 0.1…0.9), so captured audio shows which frames were heard and in what order.
    static func positionTagged(seconds: Double, frequency: Double, sign: Float = 1, rate: Int = 44100) -> PCMBuffer {
        let frames = Int(seconds * Double(rate))
        var samples = [Float](repeating: 0, count: frames * 2)
        for i in 0..<frames {
            samples[2 * i] = Float(0.5 * sin(2 * Double.pi * frequency * Double(i) / Double(rate)))
            samples[2 * i + 1] = sign * (0.1 + 0.8 * Float(i) / Float(frames))
        }
        return PCMBuffer(samples: samples, sampleRate: rate, channels: 2)
    }
}
