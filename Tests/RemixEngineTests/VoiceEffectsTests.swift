import Foundation
import RemixCore
@testable import RemixEngine
import Testing
import TestSupport

/// Each voice effect, measured against the same voice without it: one reference voice (Sloane,
/// flite slt) speaks the fixture text once on a fixed seed, and every case renders that speech
/// through the preview pipeline with its effects, checking the direction and a minimum size of
/// the change. The profiles are built here, not from prompt words: which words set which values
/// is the lexicon's business; this suite holds the effects to what their settings promise.
@Suite struct VoiceEffectsTests {
    enum Expectation: Sendable {
        /// Harmonics-to-noise ratio at least this many dB below the dry voice's.
        case lowerHarmonicsToNoise(byDB: Double)
        /// Spectral centroid at least this share above (positive) or below (negative) the dry voice's.
        case centroidMoves(byAtLeast: Double)
        /// At most `share` of the power below `band.lowerBound` and at most `share` above `band.upperBound`.
        case bandLimited(to: Range<Double>, share: Double)
        /// A resonance: the share of power in `band` grows by at least `factor`, and below `damped` Hz it falls.
        case resonance(in: Range<Double>, factor: Double, damped: Double)
        /// The sound lingers at least this many seconds longer after the last word.
        case longerDecay(bySeconds: Double)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var effects: VoiceEffects
        var expectation: Expectation
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "breathy", effects: VoiceEffects(breathiness: 0.5), expectation: .lowerHarmonicsToNoise(byDB: 3)),
        Case(name: "whispery", effects: VoiceEffects(breathiness: 1), expectation: .lowerHarmonicsToNoise(byDB: 6)),
        Case(name: "raspy", effects: VoiceEffects(roughness: 0.5), expectation: .lowerHarmonicsToNoise(byDB: 3)),
        Case(name: "gravelly", effects: VoiceEffects(roughness: 0.9, bassDB: 3), expectation: .lowerHarmonicsToNoise(byDB: 3)),
        Case(name: "hoarse", effects: VoiceEffects(breathiness: 0.3, roughness: 0.3), expectation: .lowerHarmonicsToNoise(byDB: 3)),
        Case(name: "bright", effects: VoiceEffects(tiltDBPerOctave: 3), expectation: .centroidMoves(byAtLeast: 0.15)),
        Case(name: "dark", effects: VoiceEffects(tiltDBPerOctave: -3), expectation: .centroidMoves(byAtLeast: -0.15)),
        Case(name: "warm", effects: VoiceEffects(tiltDBPerOctave: -1.5, bassDB: 4), expectation: .centroidMoves(byAtLeast: -0.1)),
        Case(name: "resonant", effects: VoiceEffects(bassDB: 6), expectation: .centroidMoves(byAtLeast: -0.1)),
        Case(name: "thin", effects: VoiceEffects(bassDB: -10), expectation: .centroidMoves(byAtLeast: 0.1)),
        Case(name: "nasal", effects: VoiceEffects(nasality: 0.7), expectation: .resonance(in: 750..<1350, factor: 1.5, damped: 300)),
        Case(name: "telephone", effects: VoiceEffects(channel: .telephone), expectation: .bandLimited(to: 300..<3400, share: 0.05)),
        Case(name: "old radio", effects: VoiceEffects(channel: .radio), expectation: .bandLimited(to: 200..<4500, share: 0.05)),
        Case(name: "megaphone", effects: VoiceEffects(channel: .megaphone), expectation: .bandLimited(to: 300..<4000, share: 0.05)),
        Case(name: "small room", effects: VoiceEffects(room: .smallRoom), expectation: .longerDecay(bySeconds: 0.05)),
        Case(name: "hall", effects: VoiceEffects(room: .hall), expectation: .longerDecay(bySeconds: 0.5)),
    ]

    @Test(arguments: cases)
    func effectMovesItsMeasure(_ test: Case) async throws {
        let speech = try await EffectRender.speech.value
        let dry = try await EffectRender.dry.value
        let wet = try EffectRender.render(speech, effects: test.effects)
        switch test.expectation {
        case .lowerHarmonicsToNoise(let minimum):
            let before = try #require(try await EffectRender.dryHarmonicsToNoise.value)
            let after = try #require(HarmonicsToNoise.meanDB(wet))
            #expect(before - after >= minimum, "\(test.name): HNR \(before) → \(after) dB")
        case .centroidMoves(let minimum):
            let before = PowerSpectrum(dry).centroid
            let after = PowerSpectrum(wet).centroid
            let change = after / before - 1
            #expect(minimum > 0 ? change >= minimum : change <= minimum, "\(test.name): centroid \(before) → \(after) Hz")
        case .bandLimited(let band, let share):
            let spectrum = PowerSpectrum(wet)
            let below = spectrum.fraction(in: 0..<band.lowerBound)
            let above = spectrum.fraction(in: band.upperBound..<Double.infinity)
            #expect(below <= share && above <= share, "\(test.name): \(below) of the power below \(band.lowerBound) Hz, \(above) above \(band.upperBound) Hz")
            let dryBelow = PowerSpectrum(dry).fraction(in: 0..<band.lowerBound)
            #expect(dryBelow > share, "the dry voice already fits the band (\(dryBelow) below), so this case proves nothing")
        case .resonance(let band, let factor, let damped):
            let (before, after) = (PowerSpectrum(dry), PowerSpectrum(wet))
            #expect(after.fraction(in: band) >= factor * before.fraction(in: band),
                    "\(test.name): \(before.fraction(in: band)) → \(after.fraction(in: band)) of the power in \(band) Hz")
            #expect(after.fraction(in: 0..<damped) < before.fraction(in: 0..<damped))
        case .longerDecay(let minimum):
            let before = DecayTail.seconds(dry)
            let after = DecayTail.seconds(wet)
            #expect(after - before >= minimum, "\(test.name): decay \(before) → \(after) s")
        }
    }

    @Test func dryEffectsLeaveTheAudioUntouched() async throws {
        let speech = try await EffectRender.speech.value
        #expect(VoiceEffectsStage.apply(.none, to: speech, noiseSeed: 1) == speech)
    }

    static let everything = VoiceEffects(
        breathiness: 0.6, roughness: 0.6, tiltDBPerOctave: 2, bassDB: -4, nasality: 0.3, channel: .radio, room: .smallRoom)

    @Test func theNoiseSeedDecidesTheNoise() async throws {
        let speech = try await EffectRender.speech.value
        let first = VoiceEffectsStage.apply(Self.everything, to: speech, noiseSeed: 5)
        #expect(VoiceEffectsStage.apply(Self.everything, to: speech, noiseSeed: 5) == first)
        let other = VoiceEffectsStage.apply(Self.everything, to: speech, noiseSeed: 6)
        #expect(other.samples.count == first.samples.count)
        #expect(other != first, "another seed gave the same noise")
    }

    /// Every setting at both ends of its range: the stage must neither blow up nor fall silent, and
    /// the rest of the pipeline must still reach the loudness and peak it promises.
    @Test(arguments: [VoiceEffects.Channel.megaphone, .telephone, .radio], [-1.0, 1.0])
    func extremesStayFiniteAudibleAndUnderTheCeiling(channel: VoiceEffects.Channel, side: Double) async throws {
        let speech = try await EffectRender.speech.value
        let extreme = VoiceEffects(
            breathiness: 1, roughness: 1,
            tiltDBPerOctave: side > 0 ? VoiceEffects.tiltRange.upperBound : VoiceEffects.tiltRange.lowerBound,
            bassDB: side > 0 ? VoiceEffects.bassRange.upperBound : VoiceEffects.bassRange.lowerBound,
            nasality: 1, channel: channel, room: .hall)
        let rendered = try EffectRender.render(speech, effects: extreme, loudness: 1)
        #expect(rendered.samples.allSatisfy { $0.isFinite })
        #expect(abs(try LoudnessMeter.integratedLUFS(rendered) - LoudnessNormalizer.targetLUFS(loudness: 1)) <= 1)
        #expect(try LoudnessMeter.truePeakDB(rendered) <= -1)
    }
}

/// The reference speech and its dry render, made once for the whole suite.
enum EffectRender {
    /// Sloane's recipe: flite slt as it speaks.
    static let reference = VoiceProfile(
        synthesizer: .flite, synthesizerVoice: "slt", language: "en", pitchSemitones: 0, formantRatio: 1, tempo: 1)

    static let speech = Task { try await Synthesizer().synthesize(Fixtures.text, profile: reference, seed: 7) }

    static let dry = Task { try render(try await speech.value, effects: .none) }

    /// Measured once: the slowest measure, and every texture case compares with it.
    static let dryHarmonicsToNoise = Task { HarmonicsToNoise.meanDB(try await dry.value) }

    /// The preview pipeline at 16 kHz PCM with the reference voice's own pitch, formants and tempo.
    static func render(_ speech: PCMBuffer, effects: VoiceEffects, loudness: Double = RemixRequest.defaultLoudness) throws -> PCMBuffer {
        var profile = reference
        profile.effects = effects
        return try PreviewRenderer.render(
            speech: speech, profile: profile, noiseSeed: 42, loudness: loudness, format: .pcm_16000,
            cancellation: Cancellation()
        ).pcm
    }
}
