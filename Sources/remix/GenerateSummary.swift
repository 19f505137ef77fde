import Foundation
import RemixCore

/// What `remix generate` reports: the iteration's ids, the script, and where each preview went.
struct GenerateSummary: Encodable {
    struct PreviewFile: Encodable {
        let generatedVoiceID: String
        let mediaType: String
        let durationSecs: Double
        let language: String?
        /// nil for a preview the backend only streams, which has no audio to copy.
        let file: String?

        enum CodingKeys: String, CodingKey {
            case generatedVoiceID = "generated_voice_id", mediaType = "media_type"
            case durationSecs = "duration_secs", language, file
        }

        // `language` is written even when null, as in the API's preview objects; `file` likewise.
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
    let interpretation: String?

    enum CodingKeys: String, CodingKey {
        case text, remixingSessionID = "remixing_session_id"
        case remixingSessionIterationID = "remixing_session_iteration_id", previews
    }

    /// Copies every preview's stored audio into `folder` as it goes. `iteration` is a completed one, so
    /// it carries the backend's ids and script.
    init(iteration: Iteration, copyingTo folder: URL) throws {
        text = iteration.text ?? ""
        remixingSessionID = iteration.sessionID ?? ""
        remixingSessionIterationID = iteration.id ?? ""
        interpretation = iteration.interpretation
        previews = try iteration.previews.map { preview in
            // Named by the generated id alone: the store's own name also carries the iteration.
            let copy = try preview.audioFile.map { stored in
                let copy = folder.appendingPathComponent("\(preview.generatedVoiceID).\(stored.pathExtension)")
                try Data(contentsOf: stored).write(to: copy, options: .atomic)
                return copy
            }
            return PreviewFile(
                generatedVoiceID: preview.generatedVoiceID, mediaType: preview.mediaType,
                durationSecs: preview.durationSecs, language: preview.language, file: copy?.path)
        }
    }

    func table() -> String {
        var table = TextTable(headers: ["GENERATED VOICE ID", "DURATION", "LANGUAGE", "FILE"])
        for preview in previews {
            table.rows.append([
                preview.generatedVoiceID, String(format: "%.2f s", preview.durationSecs),
                preview.language ?? "-", preview.file ?? "(streamed)",
            ])
        }
        var lines = [
            "session    \(remixingSessionID)",
            "iteration  \(remixingSessionIterationID)",
        ]
        if let interpretation {
            // What was applied, what was not understood and the notes each get a line: together they
            // run far wider than a terminal.
            let parts = interpretation.components(separatedBy: " | ")
            lines.append("prompt     \(parts[0])")
            lines += parts.dropFirst().map { "           \($0)" }
        }
        lines.append("text       \(text)")
        lines.append("")
        lines.append(table.render())
        let files = previews.compactMap(\.file)
        if !files.isEmpty {
            lines.append("")
            lines.append("play them with: remix play \(files.joined(separator: " "))")
        }
        return lines.joined(separator: "\n")
    }
}
