@preconcurrency import CEspeakNG
import Foundation
import RemixCore

/// Speaks with espeak-ng. Its state lives in process-global variables, so it is initialised once
/// per process and called only on `Synthesizer`'s serial queue. (It cannot be re-initialised:
/// `espeak_Initialize` after `espeak_Terminate` hangs.)
final class EspeakSynthesizer: @unchecked Sendable {
    /// One per process, because the library state it holds is per process.
    static let shared = EspeakSynthesizer()
    private init() {}

    // @unchecked: `sampleRate` is only touched on `Synthesizer`'s serial queue.
    private var sampleRate: Int?

    /// Receives the audio of one `espeak_Synth` call. The C callback cannot capture context, so it
    /// finds the collector through the call's `user_data` instead of a global.
    private final class Collector {
        var samples: [Float] = []
    }

    func synthesize(_ text: String, voice name: String) throws -> PCMBuffer {
        let library = try EspeakNG.functions.get()
        let rate = try initializedSampleRate(library)
        guard library.espeak_SetVoiceByName(name) == EE_OK else {
            throw RemixError.engineFailure("espeak-ng voice \(name) is not available")
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
        return PCMBuffer(samples: collector.samples, sampleRate: rate, channels: 1)
    }

    private func initializedSampleRate(_ library: EspeakNG) throws -> Int {
        if let sampleRate { return sampleRate }
        let rate = library.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nil, 0)
        guard rate > 0 else {
            throw RemixError.engineFailure("espeak-ng could not be initialised (its data files may be missing)")
        }
        library.espeak_SetSynthCallback { wave, count, events in
            guard let events, let context = events.pointee.user_data else { return 0 }
            let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
            if let wave, count > 0 {
                collector.samples.append(contentsOf: UnsafeBufferPointer(start: wave, count: Int(count)).lazy.map { Float($0) / 32768 })
            }
            return 0
        }
        sampleRate = Int(rate)
        return Int(rate)
    }
}
