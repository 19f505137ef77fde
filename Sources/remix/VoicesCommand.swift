import ArgumentParser
import Foundation
import RemixAPI
import RemixCore
import SessionStore

struct VoicesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "voices", abstract: "List the voices of the chosen backend.")

    @OptionGroup var backendOptions: BackendOptions

    @Flag(help: "Print exactly a GET /v1/voices response body.")
    var json = false

    func run() async throws {
        let voices = try await backendOptions.makeBackend(store: try SessionStore()).voices()
        if json {
            let body = Components.Schemas.GetVoicesResponseModel(voices: voices.map(WireVoice.init))
            print(String(decoding: try WireJSON.encode(body), as: UTF8.self))
            return
        }
        var table = TextTable(headers: ["VOICE ID", "NAME", "CATEGORY", "GENDER", "AGE", "ACCENT", "DESCRIPTION"])
        for voice in voices {
            table.rows.append([
                voice.voiceID, voice.name, voice.category.rawValue, voice.labels["gender"] ?? "",
                voice.labels["age"] ?? "", voice.labels["accent"] ?? "",
                voice.labels["description"] ?? voice.description ?? "",
            ])
        }
        print(table.render())
    }
}
