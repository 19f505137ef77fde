@preconcurrency import CFlite
import Foundation
import RemixCore

/// Speaks with flite's cmu_us voices. Call only on `Synthesizer`'s queue, which also seeds the
/// libc `rand()` that flite draws its noise from.
final class FliteSynthesizer: @unchecked Sendable {
    /// One per process, because the library state it holds is per process.
    static let shared = FliteSynthesizer()
    private init() {}

    // @unchecked: `voices` is only touched on `Synthesizer`'s serial queue.
    private var voices: [String: UnsafeMutablePointer<cst_voice>] = [:]
    private var initialized = false

    private static let registrations: [String: @convention(c) (UnsafePointer<CChar>?) -> UnsafeMutablePointer<cst_voice>?] = [
        "slt": register_cmu_us_slt,
        "rms": register_cmu_us_rms,
        "awb": register_cmu_us_awb,
        "kal16": register_cmu_us_kal16,
    ]

    func synthesize(_ text: String, voice name: String) throws -> PCMBuffer {
        let voice = try registeredVoice(name)
        guard let wave = flite_text_to_wave(text, voice) else {
            throw RemixError.engineFailure("flite could not synthesise with voice \(name)")
        }
        defer { delete_wave(wave) }
        let count = Int(wave.pointee.num_samples)
        let rate = Int(wave.pointee.sample_rate)
        guard let samples = wave.pointee.samples, count > 0, rate > 0 else {
            throw RemixError.engineFailure("flite returned no audio for voice \(name)")
        }
        let floats = UnsafeBufferPointer(start: samples, count: count).map { Float($0) / 32768 }
        return PCMBuffer(samples: floats, sampleRate: rate, channels: 1)
    }

    private func registeredVoice(_ name: String) throws -> UnsafeMutablePointer<cst_voice> {
        if let voice = voices[name] { return voice }
        if !initialized {
            flite_init()
            initialized = true
        }
        guard let register = Self.registrations[name], let voice = register(nil) else {
            throw RemixError.engineFailure("flite voice \(name) is not available")
        }
        voices[name] = voice
        return voice
    }
}
