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

    /// The cmu_us voices the catalog uses; each is a library of its own.
    static let voiceNames: Set<String> = ["slt", "rms", "awb", "kal16"]
    /// The espeak-ng variant of the same sex, for when an accent moves a flite voice to espeak-ng
    /// (whose default voice is male, so the male voices need none).
    static let espeakVariants = ["slt": "+f3", "rms": "", "awb": "", "kal16": ""]
    /// The F0 feature flite scales a voice's intonation to.
    private static let stddevFeature = "int_f0_target_stddev"

    /// Each voice's own F0 standard deviation, so a pitch range scales it rather than the last request's.
    private var naturalStddev: [String: Float] = [:]

    private typealias Register = @convention(c) (UnsafePointer<CChar>?) -> UnsafeMutablePointer<cst_voice>?

    /// Speaks `text` in voice `name` with its intonation range scaled by `pitchRange` (1 = the voice's own).
    func synthesize(_ text: String, voice name: String, pitchRange: Double) throws -> PCMBuffer {
        let library = try Flite.functions.get()
        let voice = try registeredVoice(name, library)
        // Set on every call: the voice is shared by every request of the process.
        if let natural = naturalStddev[name] {
            library.flite_feat_set_float(voice.pointee.features, Self.stddevFeature, natural * Float(pitchRange))
        }
        guard let wave = library.flite_text_to_wave(text, voice) else {
            throw RemixError.engineFailure("flite could not synthesise with voice \(name)")
        }
        defer { library.delete_wave(wave) }
        let count = Int(wave.pointee.num_samples)
        let rate = Int(wave.pointee.sample_rate)
        guard let samples = wave.pointee.samples, count > 0, rate > 0 else {
            throw RemixError.engineFailure("flite returned no audio for voice \(name)")
        }
        let floats = UnsafeBufferPointer(start: samples, count: count).map { Float($0) / 32768 }
        return PCMBuffer(samples: floats, sampleRate: rate, channels: 1)
    }

    private func registeredVoice(_ name: String, _ library: Flite) throws -> UnsafeMutablePointer<cst_voice> {
        if let voice = voices[name] { return voice }
        if !initialized {
            _ = library.flite_init()
            initialized = true
        }
        guard Self.voiceNames.contains(name), let register = Self.loadRegistration(name), let voice = register(nil) else {
            throw RemixError.engineFailure("flite voice \(name) is not available (libflite_cmu_us_\(name).so.1 from flite1-dev)")
        }
        voices[name] = voice
        naturalStddev[name] = Self.stddev(of: voice, library)
        return voice
    }

    /// The voice's F0 standard deviation in Hz: its feature when it sets one (the diphone voices), else
    /// the one its clustergen model was trained with, which the model also reads the feature against.
    private static func stddev(of voice: UnsafeMutablePointer<cst_voice>, _ library: Flite) -> Float? {
        let features = voice.pointee.features
        let set = library.flite_get_param_float(features, stddevFeature, -1)
        if set > 0 { return set }
        guard library.feat_present(features, "cg_db") != 0, let db = library.val_cg_db(library.feat_val(features, "cg_db"))
        else { return nil }
        return db.pointee.f0_stddev
    }

    /// The voice libraries are megabytes of tables full of pointers, relocated when loaded: like
    /// flite itself (see `LateBoundLibrary`), each is opened when first spoken with.
    private static func loadRegistration(_ name: String) -> Register? {
        try? LateBoundLibrary("libflite_cmu_us_\(name).so.1").function("register_cmu_us_\(name)")
    }
}
