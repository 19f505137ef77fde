import ArgumentParser
import ElevenLabsBackend
import Foundation
import RemixCore
import RemixEngine
import SessionStore

/// The one backend-selection path every command shares: `--backend` wins; otherwise an API key
/// (from `ELEVENLABS_API_KEY` or the config file) means ElevenLabs; otherwise the local engine.
struct BackendOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "local, elevenlabs, us, eu, in, or a server URL such as http://127.0.0.1:8008 (default: elevenlabs with an API key, else local).")
    var backend: String?

    enum Choice: Equatable {
        case local
        case remote(ElevenLabsEndpoint)
    }

    func choice(apiKey: String?) throws -> Choice {
        guard let backend else { return apiKey == nil ? .local : .remote(.global) }
        if backend == "local" { return .local }
        if let endpoint = ElevenLabsEndpoint.names[backend] { return .remote(endpoint) }
        if let url = URL(string: backend), ["http", "https"].contains(url.scheme?.lowercased()), url.host != nil {
            return .remote(.custom(url))
        }
        let names = (["local"] + ElevenLabsEndpoint.names.keys.sorted()).joined(separator: ", ")
        throw UsageError("--backend must be one of \(names), or an http(s) URL (got \"\(backend)\")")
    }

    /// The chosen backend; the local engine keeps its previews and kept voices in `store`, so
    /// they outlive this process.
    func makeBackend(store: SessionStore?) throws -> any RemixBackend {
        let apiKey = try APIKeySource.resolve()
        switch try choice(apiKey: apiKey) {
        case .local:
            return try LocalEngine(archive: store)
        case .remote(let endpoint):
            if case .custom = endpoint {} else if apiKey == nil {
                throw UsageError("the \(backend ?? "elevenlabs") backend needs an API key: set ELEVENLABS_API_KEY or api_key in \(APIKeySource.configFile.path)")
            }
            return ElevenLabsBackend(endpoint: endpoint, apiKey: apiKey)
        }
    }
}
