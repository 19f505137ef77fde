import Foundation

/// The equaliser behind warm, bright, dark, thin and nasal: shelves and a bell, each present only
/// when its setting is not zero.
enum SpectralShape {
    /// A tilt of k dB per octave is approximated by two gentle shelves, −1.5·k dB below ~400 Hz and
    /// +1.5·k dB above ~2.5 kHz: 3·k dB across the 2.6 octaves between them, pivoting near 1 kHz.
    private static let tiltShelves = (low: 400.0, high: 2500.0, gainPerTilt: 1.5, slope: 0.5)
    private static let bassShelf = 250.0
    /// Nasality: a resonance at 1 kHz and a damped low end (the nose passage takes energy from the
    /// first formant region and rings higher up).
    private static let nasal = (frequency: 1000.0, q: 2.0, fullGainDB: 12.0, lowShelf: 300.0, fullLowCutDB: -10.0)

    static func filters(for effects: VoiceEffects, sampleRate: Int) -> [Biquad] {
        var filters: [Biquad] = []
        let tilt = effects.tiltDBPerOctave.clamped(to: VoiceEffects.tiltRange)
        if tilt != 0 {
            let gain = tiltShelves.gainPerTilt * tilt
            filters.append(.lowShelf(tiltShelves.low, gainDB: -gain, slope: tiltShelves.slope, sampleRate: sampleRate))
            filters.append(.highShelf(tiltShelves.high, gainDB: gain, slope: tiltShelves.slope, sampleRate: sampleRate))
        }
        let bass = effects.bassDB.clamped(to: VoiceEffects.bassRange)
        if bass != 0 {
            filters.append(.lowShelf(bassShelf, gainDB: bass, sampleRate: sampleRate))
        }
        let nasality = effects.nasality.clamped(to: VoiceEffects.nasalityRange)
        if nasality != 0 {
            filters.append(.peaking(nasal.frequency, q: nasal.q, gainDB: nasal.fullGainDB * nasality, sampleRate: sampleRate))
            filters.append(.lowShelf(nasal.lowShelf, gainDB: nasal.fullLowCutDB * nasality, sampleRate: sampleRate))
        }
        return filters
    }
}
