import Foundation
import RemixCore

/// What `remix generate` reports: the iteration's ids, the script, and where each preview went.
struct GenerateSummary: Encodable {
    struct PreviewFile: Encodable {
        let generatedVoiceID: String
        let mediaType: String
        let durationSecs: Double
        let language: String?
        let file: String

        enum CodingKeys: String, CodingKey {
            case generatedVoiceID = "generated_voice_id", mediaType = "media_type"
            case durationSecs = "duration_secs", language, file
        }

        // `language` is written even when null, as in the API's preview objects.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(generatedVoiceID, forKey: .generatedVoiceID)
            try container.encode(mediaType, forKey: .mediaType)
            try container.encode(durationSecs, forKey: .durationSecs)
            try container.encode(language, forKey: .language)
            try container.encode(file, forKey: .file)
        }
    }

    let text: String
    let remixingSessionID: String
    let remixingSessionIterationID: String
    let previews: [PreviewFile]
    let interpretation: Interpretation?

    enum CodingKeys: String, CodingKey {
        case text, remixingSessionID = "remixing_session_id"
        case remixingSessionIterationID = "remixing_session_iteration_id", previews
    }

    /// Writes every preview's audio into `folder` as it goes.
    init(result: RemixResult, writingTo folder: URL, format: OutputFormat) throws {
        text = result.text
        remixingSessionID = result.remixingSessionID
        remixingSessionIterationID = result.remixingSessionIterationID
        interpretation = result.interpretation
        previews = try result.previews.map { preview in
            let file = folder.appendingPathComponent("\(preview.generatedVoiceID).\(format.fileExtension)")
            try preview.audio.write(to: file, options: .atomic)
            return PreviewFile(
                generatedVoiceID: preview.generatedVoiceID, mediaType: preview.mediaType,
                durationSecs: preview.durationSecs, language: preview.language, file: file.path)
        }
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    func table() -> String {
        var table = TextTable(headers: ["GENERATED VOICE ID", "DURATION", "LANGUAGE", "FILE"])
        for preview in previews {
            table.rows.append([
                preview.generatedVoiceID, String(format: "%.2f s", preview.durationSecs),
                preview.language ?? "-", preview.file,
            ])
        }
        var lines = [
            "session    \(remixingSessionID)",
            "iteration  \(remixingSessionIterationID)",
        ]
        if let interpretation {
            lines.append("prompt     \(interpretation.summary)")
        }
        lines.append("text       \(text)")
        lines.append("")
        lines.append(table.render())
        if !previews.isEmpty {
            lines.append("")
            lines.append("play them with: remix play \(previews.map(\.file).joined(separator: " "))")
        }
        return lines.joined(separator: "\n")
    }
}
