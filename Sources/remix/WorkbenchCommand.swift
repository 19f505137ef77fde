import ArgumentParser
import Foundation
import SessionStore
import Workbench

/// `remix` alone and `remix tui`: the workbench on this terminal.
struct WorkbenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui", abstract: "Open the workbench: prompt, sliders, remix, listen, compare, keep (the default command).")

    @OptionGroup var backendOptions: BackendOptions

    @Option(help: "Open this stored session (its remixing_session_id) instead of the most recent one.")
    var session: String?

    @Flag(help: "Start a new session instead of reopening the most recent one.")
    var new = false

    func validate() throws {
        if new && session != nil { throw ValidationError("--session and --new exclude each other") }
    }

    // On the main thread, which the workbench blocks while it waits for keys: a blocked task would
    // starve the cooperative pool that the remix and the store run on.
    @MainActor func run() async throws {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw UsageError("the workbench needs a terminal; in scripts use `remix generate`, `remix play` and `remix keep`")
        }
        let store = try SessionStore()
        let backend = try backendOptions.makeBackend(store: store)
        let start: WorkbenchProgram.Start = new ? .newSession : session.map { .session($0) } ?? .lastSession
        let status = try WorkbenchProgram.run(backend: backend, store: store, start: start)
        if status != 0 { throw ExitCode(status) }
    }
}
