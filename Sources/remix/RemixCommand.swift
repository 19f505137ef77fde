import ArgumentParser
import Foundation

@main
struct RemixCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remix",
        abstract: "A terminal workbench for remixing voices with the ElevenLabs remix API, offline by default.",
        subcommands: [
            WorkbenchCommand.self, VoicesCommand.self, GenerateCommand.self, KeepCommand.self, SessionsCommand.self,
            ServeCommand.self, PlayCommand.self,
        ],
        defaultSubcommand: WorkbenchCommand.self
    )

    /// Every command's failures leave through here, so each prints as one `error: …` line.
    static func main() async {
        if CommandLine.arguments.dropFirst().first == PlayCommand.configuration.commandName {
            PlayCommand.prepare()
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            reportFailureAndExit(error)
        }
    }
}
