import Foundation

/// The seam between the workbench and whatever makes the voices: the embedded engine, ElevenLabs,
/// or any compatible server. The CLI, the TUI and `remix serve` speak only to this.
public protocol RemixBackend: Sendable {
    /// A short name for status lines ("local", "elevenlabs", a URL).
    var name: String { get }

    func voices() async throws -> [Voice]
    func voice(id: String) async throws -> Voice
    /// One page of the voices `query` matches (`GET /v2/voices`).
    func searchVoices(_ query: VoiceQuery) async throws -> VoicePage
    /// Runs one iteration of a remix session. `progress` is called as work completes, from any thread.
    func remix(_ request: RemixRequest, progress: @escaping @Sendable (RemixProgress) -> Void) async throws -> RemixResult
    /// Three previews of a voice made from its description alone (`POST /v1/text-to-voice/design`).
    func design(_ request: DesignRequest, progress: @escaping @Sendable (RemixProgress) -> Void) async throws -> RemixResult
    /// The MP3 audio of a preview generated earlier (the stream endpoint).
    func streamPreview(generatedVoiceID: String) async throws -> Data
    /// Creates a voice from a preview.
    func keep(_ request: KeepRequest) async throws -> Voice
    /// Whether `explain` can tell anything, so a client knows whether asking is worth it.
    var explainsPrompts: Bool { get }
    /// What the backend will make of a voice description, without rendering anything: which phrases
    /// it applies and which words it ignores. Nil when the backend cannot tell (ElevenLabs cannot).
    func explain(voiceDescription: String) async throws -> Interpretation?
    /// Phrases a voice description can use, grouped by family, for the prompt palette.
    func promptPalette() async -> [PromptFamily]
}

extension RemixBackend {
    /// Searches the whole list: right for a backend whose voices are few and at hand (the local engine).
    public func searchVoices(_ query: VoiceQuery) async throws -> VoicePage {
        try query.page(of: try await voices())
    }

    /// For backends without a designer of their own: a remix of the premade voice closest to the description.
    public func design(
        _ request: DesignRequest, progress: @escaping @Sendable (RemixProgress) -> Void
    ) async throws -> RemixResult {
        try request.validate()
        let catalog = try await voices().filter { $0.category == .premade }
        guard let base = request.closestVoice(among: catalog) else {
            throw RemixError.engineFailure("no premade voice to design from")
        }
        var remix = request.parameters
        remix.voiceID = base.voiceID
        return try await self.remix(remix, progress: progress)
    }

    public var explainsPrompts: Bool { false }

    public func explain(voiceDescription: String) async throws -> Interpretation? { nil }

    public func promptPalette() async -> [PromptFamily] { PromptFamily.general }

    public func remix(_ request: RemixRequest) async throws -> RemixResult {
        try await remix(request, progress: { _ in })
    }
}
