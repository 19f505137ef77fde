@preconcurrency import CEspeakNG
import Foundation
import RemixCore

/// Speaks with espeak-ng, each utterance in a freshly loaded copy of the library.
///
/// espeak-ng's waveform generator keeps state in static variables that no call resets: the phase of
/// its pitch flutter, the cycle count that times its roughness, its gain control, its breath
/// resonators and its echo buffer. Kept loaded, the library spoke the same text in the same voice a
/// few samples differently after any other utterance in the process. Loaded, initialised, spoken
/// with and unloaded again, every utterance starts from the library's initial state, so with
/// `srand(seed)` (its breath noise draws on libc `rand()`) the waveform depends only on the text,
/// the voice and the seed. The price per utterance is about 6 ms (load, initialise, choose the voice,
/// terminate, unload) and about 4 kB of heap that espeak-ng 1.51 never frees (its voice list and an
/// unused audio device object). Call only on `Synthesizer`'s serial queue: one copy is loaded at a
/// time, and its state is global while it is.
enum EspeakSynthesizer {
    /// Receives the audio of one `espeak_Synth` call. The C callback cannot capture context, so it
    /// finds the collector through the call's `user_data` instead of a global.
    private final class Collector {
        var samples: [Float] = []
    }

    /// espeak-ng's `espeakRANGE` for the voice's own intonation range; 0 is monotone, 100 its maximum.
    static let naturalRange = 50.0

    /// Word gap, in espeak-ng's 10 ms units, added per unit of pause lengthening (`pauses` 2 → 100 ms a word).
    static let wordGapPerPause = 10.0

    /// Speaks `text` in voice `name` with its intonation range scaled by `pitchRange` (1 = the voice's
    /// own). `pauses` above 1 also opens a gap between words: espeak-ng pauses only briefly at
    /// punctuation, so stretching its pauses alone (`PauseLength`) is barely heard.
    static func synthesize(_ text: String, voice name: String, pitchRange: Double, pauses: Double) throws -> PCMBuffer {
        let library = try EspeakNG()
        defer { library.unload() }
        let rate = library.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nil, 0)
        guard rate > 0 else {
            throw RemixError.engineFailure("espeak-ng could not be initialised (its data files may be missing)")
        }
        // Initialisation starts a thread of the library's own; terminating ends it before the unload.
        defer { _ = library.espeak_Terminate() }
        library.espeak_SetSynthCallback { wave, count, events in
            guard let events, let context = events.pointee.user_data else { return 0 }
            let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
            if let wave, count > 0 {
                collector.samples.append(contentsOf: UnsafeBufferPointer(start: wave, count: Int(count)).lazy.map { Float($0) / 32768 })
            }
            return 0
        }
        guard library.espeak_SetVoiceByName(name) == EE_OK else {
            throw RemixError.engineFailure("espeak-ng voice \(name) is not available")
        }
        // espeakRANGE scales the range the voice file sets. Both are left alone when neutral, so unchanged voices stay byte-identical.
        if pitchRange != 1 {
            let range = Int32((naturalRange * pitchRange).rounded().clamped(to: 0...100))
            _ = library.espeak_SetParameter(espeakRANGE, range, 0)
        }
        if pauses > 1 {
            _ = library.espeak_SetParameter(espeakWORDGAP, Int32(((pauses - 1) * wordGapPerPause).rounded()), 0)
        }
        let collector = Collector()
        let context = Unmanaged.passRetained(collector)
        defer { context.release() }
        let status = text.withCString { pointer in
            library.espeak_Synth(
                pointer, strlen(pointer) + 1, 0, POS_CHARACTER, 0, UInt32(espeakCHARS_UTF8), nil,
                context.toOpaque())
        }
        guard status == EE_OK, !collector.samples.isEmpty else {
            throw RemixError.engineFailure("espeak-ng could not synthesise with voice \(name)")
        }
        return PCMBuffer(samples: collector.samples, sampleRate: Int(rate), channels: 1)
    }
}
