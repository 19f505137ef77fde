import Foundation
import Playback
import RemixCore
import SessionStore
import Studio
import TerminalUI

/// Runs the workbench on this terminal until the person quits: the loop of the Elm architecture.
/// It sleeps in `Terminal.wait` until a key, an effect's result or a signal arrives (or the spinner's
/// next frame is due while a remix runs), feeds each to `update`, hands the effects to the runner and
/// draws `view` of the new state. Everything touching ncurses happens here, on the calling thread.
public enum WorkbenchProgram {
    public enum Start: Sendable, Equatable {
        case lastSession
        case session(String)
        case newSession
    }

    /// Returns the exit status: 0 after a quit, 128 + the signal's number after SIGINT/SIGTERM/SIGHUP.
    @MainActor public static func run(backend: any RemixBackend, store: SessionStore, start: Start) throws -> Int32 {
        Allocator.giveLargeBlocksBackOnFree()
        let terminal = try Terminal()
        defer { terminal.stop() }
        let player = PulsePlayer()
        player.beginConnecting()
        let inbox = terminal.makeInbox(of: Action.self)
        let runner = EffectRunner(studio: Studio(backend: backend, store: store), player: player, inbox: inbox)
        defer { runner.shutdown() }

        let clock = ContinuousClock()
        let started = clock.now
        func now() -> Double {
            let elapsed = clock.now - started
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        }
        let size = terminal.size
        var state = WorkbenchState(width: size.width, height: size.height, backendLabel: backend.name, backendExplains: backend.explainsPrompts)
        state.seedGenerator = UInt64(truncatingIfNeeded: Int(Date().timeIntervalSince1970 * 1000))
        var effects: [Effect] = [.loadVoices, .loadSession(start)]
        var exitStatus: Int32 = 0

        while true {
            for effect in effects {
                switch effect {
                case .quit: return exitStatus
                case .redraw: terminal.invalidate()
                default: runner.run(effect)
                }
            }
            effects = []
            terminal.draw(view(state))
            let wake = terminal.wait(timeout: state.request != nil ? Spinner.interval : nil)
            var actions: [Action] = [.tick(now: now())]
            actions += terminal.readInput().map(Action.input)
            actions += inbox.takeAll()
            for signal in wake.signals {
                exitStatus = 128 + signal
                actions.append(.signal(signal))
            }
            for action in actions {
                let (next, more) = update(state, action)
                state = next
                effects += more
            }
        }
    }
}
