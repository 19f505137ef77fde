import Foundation

/// The seam between the workbench and whatever makes the voices: the embedded engine, ElevenLabs,
/// or any compatible server. The CLI, the TUI and `remix serve` speak only to this.
public protocol RemixBackend: Sendable {
    /// A short name for status lines ("local", "elevenlabs", a URL).
    var name: String { get }

    func voices() async throws -> [Voice]
    func voice(id: String) async throws -> Voice
    /// Runs one iteration of a remix session. `progress` is called as work completes, from any thread.
    func remix(_ request: RemixRequest, progress: @escaping @Sendable (RemixProgress) -> Void) async throws -> RemixResult
    /// The MP3 audio of a preview generated earlier (the stream endpoint).
    func streamPreview(generatedVoiceID: String) async throws -> Data
    /// Creates a voice from a preview.
    func keep(_ request: KeepRequest) async throws -> Voice
}

extension RemixBackend {
    public func remix(_ request: RemixRequest) async throws -> RemixResult {
        try await remix(request, progress: { _ in })
    }
}
