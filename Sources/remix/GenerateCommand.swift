import ArgumentParser
import Foundation
import RemixCore
import SessionStore
import Studio

struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Run one remix and write its previews as audio files.",
        discussion: "Each preview is written to DIR/<generated_voice_id>.<ext>; --json prints one summary object.")

    @OptionGroup var backendOptions: BackendOptions

    @Option(help: "The voice to remix (see `remix voices`).")
    var voice: String

    @Option(help: "The changes to make, e.g. \"older, deeper, a slow Scottish drawl\" (5–1000 characters).")
    var prompt: String

    @Option(help: "The preview script (100–1000 characters).")
    var text: String?

    @Flag(help: "Let the backend write a script that suits the prompt.")
    var autoText = false

    // `.unconditional` lets a value start with a dash, so `--loudness -1` means the quietest.
    @Option(parsing: .unconditional, help: "How closely to follow the prompt, 0–100.")
    var guidance: Double = RemixRequest.defaultGuidanceScale

    @Option(parsing: .unconditional, help: "Loudness from -1 (quietest) to 1 (loudest); 0 is about -24 LUFS.")
    var loudness: Double = RemixRequest.defaultLoudness

    @Option(parsing: .unconditional, help: "Prompt versus reference voice, 0–1.")
    var promptStrength: Double?

    @Option(parsing: .unconditional, help: "Seed, 0–2147483647: the same seed and inputs give the same previews.")
    var seed: Int?

    @Option(help: "Output format, e.g. mp3_44100_192 or pcm_16000.")
    var format: String = OutputFormat.default.rawValue

    @Option(help: "Continue this remix session (its remixing_session_id), after its latest iteration.")
    var session: String?

    @Option(help: "Branch from this iteration (its remixing_session_iteration_id, see `remix sessions show`), in its session.")
    var branchFrom: String?

    @Option(help: "Folder for the preview files.")
    var out: String = "."

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func run() async throws {
        if autoText && text != nil {
            throw UsageError("--text and --auto-text exclude each other: give a script or ask for one")
        }
        var request = RemixRequest(
            voiceID: voice, voiceDescription: prompt, text: text, autoGenerateText: autoText,
            loudness: loudness, seed: seed, guidanceScale: guidance, promptStrength: promptStrength,
            remixingSessionID: session, outputFormat: try OutputFormat.parse(format))
        // Before anything is written, so bad input (a refused backend too) leaves no folder behind.
        try request.validate()
        let store = try SessionStore()
        let parent = try branchPoint(in: store)
        if let parent { request.remixingSessionID = parent.sessionID }
        let sent = request
        let studio = Studio(backend: try backendOptions.makeBackend(store: store), store: store)
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let spinner = ProgressSpinner.onTerminal(title: "remixing \(voice) on \(studio.backend.name)")
        let iteration: Iteration
        do {
            defer { spinner?.finish() }
            iteration = try await cancellingOnInterrupt {
                try await studio.remix(sent, branchingFrom: parent?.localID) { spinner?.report($0) }
            }
        }

        let summary = try GenerateSummary(iteration: iteration, copyingTo: folder)
        if json {
            print(try JSONOutput.string(summary))
        } else {
            print(summary.table())
        }
    }
}

extension GenerateCommand {
    /// The iteration the new one branches from: `--branch-from`'s, or the latest of `--session`'s.
    func branchPoint(in store: SessionStore) throws -> Iteration? {
        if let branchFrom {
            guard let parent = try store.iteration(id: branchFrom) else {
                throw UsageError("--branch-from: no stored iteration has the id \(branchFrom) (`remix sessions show` lists them)")
            }
            if let session, session != parent.sessionID {
                throw UsageError("--branch-from: iteration \(branchFrom) belongs to session \(parent.sessionID ?? "none"), not \(session)")
            }
            return parent
        }
        guard let session else { return nil }
        return try store.iterations(inSession: session).last
    }
}
