import Foundation
import RemixCore
import TerminalUI
@testable import Workbench

/// States and action sequences for the update and view tests.
enum Fixture {
    static let alasdair = Voice(
        voiceID: "h724wBzjFfxt94n73jNP", name: "Alasdair", category: .premade,
        labels: ["accent": "scottish", "gender": "male", "age": "middle aged"])
    static let maren = Voice(voiceID: "Maren0000000000000000", name: "Maren", category: .premade, labels: ["accent": "german", "gender": "female"])

    static func state(width: Int = 80, height: Int = 24) -> WorkbenchState {
        var state = WorkbenchState(width: width, height: height, backendLabel: "local", backendExplains: true)
        state = send(state, .voicesLoaded([alasdair, maren]))
        return state
    }

    static func iteration(
        localID: Int64 = 1, prompt: String = "older, much deeper", seed: Int = 7, status: Iteration.Status = .done,
        sessionID: String = "FwdA6olmJckiF4jElgni"
    ) -> Iteration {
        let request = RemixRequest(
            voiceID: alasdair.voiceID, voiceDescription: prompt, autoGenerateText: true, seed: seed,
            remixingSessionID: sessionID)
        let previews = status != .done ? [] : (0..<3).map { index in
            IterationPreview(
                generatedVoiceID: "Preview\(localID)x\(index)AAAAAAAAAAA".prefix(20).description, position: index,
                mediaType: "audio/mpeg", durationSecs: 29.5 + Double(index) / 10, language: "en",
                audioFile: URL(fileURLWithPath: "/nonexistent/p\(localID)-\(index).mp3"), played: false)
        }
        return Iteration(
            localID: localID, id: status == .done ? "YWojeqTMiter\(localID)AAAAAAA".prefix(20).description : nil,
            sessionID: sessionID, backend: "local", request: request, text: "A script.", status: status,
            failure: status == .failed ? "the server answered 429 too_many_concurrent_requests: slow down" : nil,
            interpretation: "older: pitch -1.1 st; much deeper: pitch -4.5 st", createdAt: Date(timeIntervalSince1970: 1_800_000_000),
            previews: previews)
    }

    static func send(_ state: WorkbenchState, _ actions: Action...) -> WorkbenchState {
        run(state, actions).state
    }

    /// Applies every action in turn; returns the last state and all effects asked for.
    static func run(_ state: WorkbenchState, _ actions: [Action]) -> (state: WorkbenchState, effects: [Effect]) {
        var state = state
        var effects: [Effect] = []
        for action in actions {
            let (next, more) = update(state, action)
            state = next
            effects += more
        }
        return (state, effects)
    }

    /// The effects but the waits for typing to pause, which every key typed in the prompt asks for.
    static func withoutTypingPauses(_ effects: [Effect]) -> [Effect] {
        effects.filter { if case .awaitTypingPause(.promptExplanation, _) = $0 { false } else { true } }
    }

    static func keys(_ keys: Key...) -> [Action] {
        keys.map { .input(.key($0)) }
    }

    static func typing(_ text: String) -> [Action] {
        text.map { .input(.key(.character($0))) }
    }

    /// A state with one finished iteration listed and the previews focused.
    static func afterRemix(width: Int = 80, height: Int = 24) -> WorkbenchState {
        let state = run(state(width: width, height: height), typing("older, much deeper") + keys(.control("r"))).state
        return send(state, .remixFinished(iteration()))
    }
}
