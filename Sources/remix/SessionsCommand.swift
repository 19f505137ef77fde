import ArgumentParser
import Foundation
import RemixCore
import SessionStore
import Studio

struct SessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions", abstract: "The remix sessions stored on this machine.",
        subcommands: [List.self, Show.self, Export.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List sessions, most recent first.")

        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let sessions = try SessionStore().sessions()
            if json { return print(try JSONOutput.string(sessions.map(SessionJSON.init))) }
            var table = TextTable(headers: ["SESSION", "VOICE", "BACKEND", "ITERATIONS", "UPDATED"])
            for session in sessions {
                table.rows.append([
                    session.id, session.voiceID, session.backend, String(session.iterationCount),
                    session.updatedAt.formatted(date: .abbreviated, time: .shortened),
                ])
            }
            print(sessions.isEmpty ? "no sessions yet: `remix generate` starts one" : table.render())
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a session's iterations and previews.")

        @Argument(help: "The remixing_session_id.") var id: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let iterations = try SessionStore().iterations(inSession: id)
            if json { return print(try JSONOutput.string(IterationJSON.describing(iterations))) }
            // The session's tree: each iteration under the one it was branched from, its details indented
            // under its own line, with the branch's line carried on past them to its children.
            for row in IterationTree.rows(iterations) {
                let iteration = iterations[row.index], request = iteration.request
                let details = row.prefix.replacingOccurrences(of: "├─ ", with: "│  ").replacingOccurrences(of: "└─ ", with: "   ")
                    + (row.hasChildren ? "│  " : "   ")
                print("\(row.prefix)#\(row.index + 1) \(iteration.id ?? "(no id)")  \(iteration.status.rawValue)  \(iteration.createdAt.formatted(date: .abbreviated, time: .standard))")
                print("\(details)voice \(request.voiceID)  prompt \"\(request.voiceDescription)\"")
                print("\(details)guidance \(request.guidanceScale)  loudness \(request.loudness)  prompt_strength \(request.promptStrength.map { String($0) } ?? "-")  seed \(request.seed.map { String($0) } ?? "random")  format \(request.outputFormat.rawValue)")
                if let failure = iteration.failure {
                    let found = iteration.status == .interrupted
                        ? iteration.endedAt.map { " (found \($0.formatted(date: .abbreviated, time: .standard)))" } ?? "" : ""
                    print("\(details)\(iteration.status.rawValue): \(failure)\(found)")
                }
                for preview in iteration.previews {
                    let rating = preview.rating == 0 ? "  " : String(format: "%+d", preview.rating)
                    print("\(details)\(preview.generatedVoiceID)  \(String(format: "%.2f s", preview.durationSecs))  \(preview.played ? "played" : "      ")  \(rating)  \(preview.audioFile?.path ?? "(streamed)")\(preview.note.map { "  \"\($0)\"" } ?? "")")
                }
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export", abstract: "Copy a session's previews and a session.json describing them into a folder.")

        @Argument(help: "The remixing_session_id.") var id: String
        @Argument(help: "The folder to write into.") var directory: String

        func run() async throws {
            let exported = try SessionExport.write(session: id, from: SessionStore(), to: URL(fileURLWithPath: directory, isDirectory: true))
            print("exported \(counted(exported.iterations, "iteration")) and \(counted(exported.previews, "preview")) of \(id) to \(exported.folder.path)")
        }
    }
}

private func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}

