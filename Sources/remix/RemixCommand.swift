import ArgumentParser

@main
struct RemixCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remix",
        abstract: "A terminal workbench for remixing voices with the ElevenLabs remix API, offline by default.",
        subcommands: [PlayCommand.self]
    )
}
