import Foundation
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

    @Test func overAListOrDialogItsOwnKeysLeadTheHintLine() {
        let picker = Fixture.run(Fixture.state(), Fixture.keys(.tab, .tab, .tab, .character("v"))).state
        #expect(view(picker).lines[23].hasPrefix(" Enter use  Esc close  ^R remix"), "\(view(picker).lines[23])")
        let palette = Fixture.run(Fixture.state(), Fixture.keys(.tab, .tab, .tab, .character("p"))).state
        #expect(view(palette).lines[23].hasPrefix(" Enter insert  Esc close"), "\(view(palette).lines[23])")
    }
}

/// The README's key table is the keymap written out: a binding added, changed or removed fails here
/// until the README says the same, and the failure prints the table to paste.
@Suite struct ReadmeKeyTableTests {
    static let readme = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("README.md")

    static var keymapTable: String {
        let rows = Keymap.bindings.map { binding in
            let keys = binding.keys.map { $0.label.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " / ")
            return "| \(keys) | \(binding.context.rawValue) | \(binding.help) |"
        }
        return (["| key | where | what |", "|---|---|---|"] + rows).joined(separator: "\n")
    }

    @Test func theReadmeListsEveryBindingAsTheKeymapHasIt() throws {
        let text = try String(contentsOf: Self.readme, encoding: .utf8)
        let start = try #require(text.range(of: "<!-- keymap -->\n"), "the README has no <!-- keymap --> marker")
        let end = try #require(text.range(of: "\n<!-- /keymap -->", range: start.upperBound..<text.endIndex), "the README has no <!-- /keymap --> marker")
        let table = String(text[start.upperBound..<end.lowerBound])
        #expect(table == Self.keymapTable, "the README's key table differs from the keymap; it should read:\n\(Self.keymapTable)")
    }
}
