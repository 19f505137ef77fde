import AudioMeasures
import Foundation
import RemixCore
import TerminalUI
import Testing
import TestSupport
@testable import Workbench

/// Each take at a glance: the envelope measured from the audio, drawn as a sparkline with the play
/// head on it, its loudness and peak beside it.
@Suite struct TakeShapeTests {
    /// A second of silence, then a second of a 440 Hz tone at `amplitude`, then a second at a tenth of it.
    static func steps(amplitude: Float) -> PCMBuffer {
        let rate = 16_000
        let tone = { (gain: Float) in (0..<rate).map { gain * sin(2 * Float.pi * 440 * Float($0) / Float(rate)) } }
        return PCMBuffer(samples: [Float](repeating: 0, count: rate) + tone(amplitude) + tone(amplitude / 10), sampleRate: rate, channels: 1)
    }

    @Test func theEnvelopeFollowsTheAudioAndTheLoudnessIsMeasured() throws {
        let shape = try TakeShape.measure(Self.steps(amplitude: 0.5), width: 6)
        // RMS of a sine at 0.5 is −9 dBFS (level 7); a tenth of it −29 dBFS (level 4); silence 0.
        #expect(shape.envelope == [0, 0, 7, 7, 4, 4])
        #expect(shape.sparkline == "  ▇▇▄▄")
        let peak = try #require(shape.peakDBFS)
        #expect(abs(peak - 20 * log10(0.5)) < 0.1)
        let lufs = try #require(shape.integratedLUFS)
        #expect(lufs > -14 && lufs < -8, "a −9 dBFS RMS tone measured \(lufs) LUFS")
        let silent = try TakeShape.measure(PCMBuffer(samples: [Float](repeating: 0, count: 16_000), sampleRate: 16_000, channels: 1), width: 4)
        #expect(silent.envelope == [0, 0, 0, 0] && silent.peakDBFS == nil && silent.integratedLUFS == nil)
    }

    @Test func eachTakeShowsItsShapeAndThePlayHeadMovesAlongIt() throws {
        var state = Fixture.afterRemix(width: 120, height: 40)
        let shape = TakeShape(envelope: [1, 2, 3, 4, 5, 6, 7, 8], integratedLUFS: -20.04, peakDBFS: -1.25)
        let id = state.iterations[0].previews[1].generatedVoiceID
        state = Fixture.send(state, .measured(generatedVoiceID: id, iterationLocalID: 1, shape: shape))
        let playable = state.playables(of: state.iterations[0])[1]
        #expect(!playable.needsShape, "a measured take would be measured again")
        state = Fixture.send(state, .playing(playable, position: 0, duration: 8), .playbackProgress(position: 5.5, duration: 8, level: 0.3))

        let canvas = view(state)
        let row = try #require(canvas.lines.firstIndex { $0.contains(id) })
        let shapeLine = canvas.lines[row + 1]
        #expect(shapeLine.contains("▁▂▃▄▅▆▇█  -20.0 LUFS  peak -1.2 dBFS"), "\(shapeLine)")
        let start = try #require(shapeLine.range(of: "▁▂▃▄▅▆▇█")).lowerBound
        let column = TextWidth.of(String(shapeLine[..<start]))
        // 5.5 s of 8 is in the sixth of eight slices.
        #expect(canvas[column + 5, row + 1].style == .reverse)
        #expect(canvas[column + 4, row + 1].style != .reverse)
        #expect(TmuxSession.previewRows(canvas.lines.joined(separator: "\n")).count == 3, "a shape row is taken for a take")
    }

    @Test func inOneColumnTheShapeFollowsOnTheTakesRow() throws {
        var state = Fixture.afterRemix(width: 80, height: 24)
        let id = state.iterations[0].previews[0].generatedVoiceID
        state = Fixture.send(state, .measured(generatedVoiceID: id, iterationLocalID: 1, shape: TakeShape(envelope: [4, 4, 8], integratedLUFS: -24, peakDBFS: -3)))
        let row = try #require(view(state).lines.first { $0.contains(id) })
        #expect(row.contains("▄▄█"), "\(row)")
    }
}

