import ArgumentParser
import Foundation
import RemixAPI
import RemixCore
import SessionStore
import Studio

struct KeepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keep", abstract: "Create a voice from a preview's generated_voice_id.")

    @OptionGroup var backendOptions: BackendOptions

    @Argument(help: "The generated_voice_id of the preview to keep.")
    var generatedVoiceID: String

    @Option(help: "Name of the new voice.")
    var name: String

    @Option(help: "Description of the new voice (20–1000 characters).")
    var description: String

    @Option(name: .customLong("played"), help: "A preview heard but not chosen (repeatable).")
    var played: [String] = []

    @Flag(help: "Print the new voice as a GET /v1/voices/{id} body.")
    var json = false

    func run() async throws {
        let request = KeepRequest(
            voiceName: name, voiceDescription: description, generatedVoiceID: generatedVoiceID,
            playedNotSelectedVoiceIDs: played.isEmpty ? nil : played)
        let store = try SessionStore()
        let voice = try await Studio(backend: try backendOptions.makeBackend(store: store), store: store).keep(request).voice
        if json {
            print(String(decoding: try WireJSON.encode(WireVoice(voice)), as: UTF8.self))
        } else {
            print("kept \(generatedVoiceID) as \"\(voice.name)\": voice_id \(voice.voiceID)")
            print("remix it with: remix generate --voice \(voice.voiceID) --prompt …")
        }
    }
}
