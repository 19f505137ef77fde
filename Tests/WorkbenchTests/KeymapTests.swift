import Testing
import TerminalUI
@testable import Workbench

@Suite struct KeymapTests {
    @Test func noKeyIsBoundTwiceInOneContext() {
        for context in KeyContext.allCases {
            let keys = Keymap.bindings.filter { $0.context == context }.flatMap(\.keys)
            let repeated = Dictionary(grouping: keys, by: { $0 }).filter { $0.value.count > 1 }.keys
            #expect(repeated.isEmpty, "\(context.rawValue) binds \(repeated.map(\.label)) more than once")
        }
    }

    /// The workbench-wide letters must not shadow a pane's own keys, or a pane binding would never fire.
    @Test func paneKeysAreNotShadowedByWiderContexts() {
        for focus in Pane.allCases {
            let contexts = Keymap.activeContexts(focus: focus, overlay: nil)
            for (index, context) in contexts.enumerated() {
                let wider = contexts[(index + 1)...]
                for binding in Keymap.bindings where binding.context == context {
                    for key in binding.keys {
                        let shadow = Keymap.bindings.first { wider.contains($0.context) && $0.keys.contains(key) }
                        #expect(shadow == nil,
                                "\(key.label) in \(context.rawValue) is also bound in \(shadow?.context.rawValue ?? "")")
                    }
                }
            }
        }
    }

    @Test func helpListsEveryBinding() {
        var state = Fixture.state(width: 200, height: 60)
        state = Fixture.run(state, Fixture.keys(.tab, .tab, .tab, .character("?"))).state
        let screen = view(state).lines.joined(separator: "\n")
        for binding in Keymap.bindings {
            #expect(screen.contains(binding.help), "the help does not show \"\(binding.help)\"")
        }
    }

    @Test func hintLineComesFromTheTable() {
        let state = Fixture.run(Fixture.state(), Fixture.keys(.tab, .tab, .tab)).state
        let hint = view(state).lines[23]
        #expect(hint.contains("^R remix"))
        #expect(hint.contains("Space play"))
        #expect(hint.contains("? help"))
    }
}
