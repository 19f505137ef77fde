import ArgumentParser
import Foundation
import RemixCore
import SessionStore

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
            if json { return print(try JSONOutput.string(iterations.map { IterationJSON($0) })) }
            for (number, iteration) in iterations.enumerated() {
                let request = iteration.request
                print("#\(number + 1) \(iteration.id ?? "(no id)")  \(iteration.status.rawValue)  \(iteration.createdAt.formatted(date: .abbreviated, time: .standard))")
                print("   voice \(request.voiceID)  prompt \"\(request.voiceDescription)\"")
                print("   guidance \(request.guidanceScale)  loudness \(request.loudness)  prompt_strength \(request.promptStrength.map { String($0) } ?? "-")  seed \(request.seed.map { String($0) } ?? "random")  format \(request.outputFormat.rawValue)")
                if let failure = iteration.failure { print("   failed: \(failure)") }
                for preview in iteration.previews {
                    print("   \(preview.generatedVoiceID)  \(String(format: "%.2f s", preview.durationSecs))  \(preview.played ? "played" : "      ")  \(preview.audioFile?.path ?? "(streamed)")")
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
            let iterations = try SessionStore().iterations(inSession: id)
            let folder = URL(fileURLWithPath: directory, isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var exported: [String: String] = [:]
            for preview in iterations.flatMap(\.previews) {
                guard let source = preview.audioFile, FileManager.default.fileExists(atPath: source.path) else { continue }
                let target = folder.appendingPathComponent(source.lastPathComponent)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: source, to: target)
                exported[source.path] = target.lastPathComponent
            }
            // Relative paths, so the folder can be moved or shared as a whole.
            let described = iterations.map { iteration in IterationJSON(iteration) { $0.audioFile.flatMap { exported[$0.path] } } }
            try JSONOutput.data(described).write(to: folder.appendingPathComponent("session.json"), options: .atomic)
            print("exported \(counted(iterations.count, "iteration")) and \(counted(exported.count, "preview")) of \(id) to \(folder.path)")
        }
    }
}

private func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
