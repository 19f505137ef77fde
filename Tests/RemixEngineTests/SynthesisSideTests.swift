import RemixCore
import Testing
import TestSupport
@testable import RemixEngine

/// The parts of a voice made at synthesis — intonation range and pauses — measured on the speech
/// itself, before any per-preview DSP.
@Suite struct SynthesisSideTests {
    static let voices = [
        VoiceProfile(synthesizer: .flite, synthesizerVoice: "slt", language: "en", pitchSemitones: 0, formantRatio: 1, tempo: 1),
        VoiceProfile(synthesizer: .espeak, synthesizerVoice: "en-us", language: "en", pitchSemitones: 0, formantRatio: 1, tempo: 1),
    ]

    /// How far the pitch wanders: the spread (in semitones, 10th to 90th percentile) of the median F0
    /// of each quarter second.
    static func intonationSpread(_ speech: PCMBuffer) -> Double {
        let chunk = speech.sampleRate / 4
        let medians = stride(from: 0, to: speech.samples.count - chunk, by: chunk).compactMap { start in
            PitchEstimator.medianF0(PCMBuffer(
                samples: Array(speech.samples[start..<(start + chunk)]), sampleRate: speech.sampleRate, channels: 1))
        }.sorted()
        guard medians.count >= 5 else { return 0 }
        return PitchEstimator.semitones(
            from: medians[medians.count / 10], to: medians[medians.count * 9 / 10])
    }

    @Test(arguments: voices)
    func pitchRangeNarrowsAndWidensTheIntonation(voice: VoiceProfile) async throws {
        func spread(_ range: Double) async throws -> Double {
            var profile = voice
            profile.pitchRange = range
            return Self.intonationSpread(try await Synthesizer().synthesize(Fixtures.text, profile: profile, seed: 3))
        }
        let (monotone, natural, singSong) = (try await spread(0.2), try await spread(1), try await spread(2))
        #expect(monotone < natural * 0.6, "\(voice.synthesizerVoice): monotone \(monotone) st, natural \(natural) st")
        #expect(singSong > natural * 1.3, "\(voice.synthesizerVoice): sing-song \(singSong) st, natural \(natural) st")
    }

    /// Pauses fall at punctuation, so this text has plenty.
    static let punctuated = "Well, yes. I think so; but then, who knows? Perhaps, in the end, it hardly matters. We shall see."

    @Test(arguments: voices)
    func pausesLengthenAndShortenTheSilencesOnly(voice: VoiceProfile) async throws {
        func duration(_ pauses: Double) async throws -> Double {
            var profile = voice
            profile.pauses = pauses
            return try await Synthesizer().synthesize(Self.punctuated, profile: profile, seed: 3).duration
        }
        let (short, natural, long) = (try await duration(0.4), try await duration(1), try await duration(2.5))
        #expect(short < natural && natural < long, "\(voice.synthesizerVoice): \(short) s, \(natural) s, \(long) s")
        #expect(long > natural * 1.1, "\(voice.synthesizerVoice): \(long) s vs \(natural) s")
    }
}
