import ArgumentParser
import Foundation
import RemixAPI
import RemixCore
import SessionStore

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
        try request.validate()
        let store = try SessionStore()
        let backend = try backendOptions.makeBackend(store: store)
        let voice = try await backend.keep(request)
        try store.recordKept(KeptVoice(
            voice: voice, generatedVoiceID: generatedVoiceID, backend: backend.name,
            playedNotSelectedVoiceIDs: played, createdAt: Date()))
        if json {
            print(String(decoding: try WireJSON.encode(WireVoice(voice)), as: UTF8.self))
        } else {
            print("kept \(generatedVoiceID) as \"\(voice.name)\": voice_id \(voice.voiceID)")
            print("remix it with: remix generate --voice \(voice.voiceID) --prompt …")
        }
    }
}
