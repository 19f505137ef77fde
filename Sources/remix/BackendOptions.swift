import ArgumentParser
import ElevenLabsBackend
import Foundation
import RemixCore
import RemixEngine
import SessionStore

/// The one backend-selection path every command that talks to a backend shares: `--backend` wins;
/// otherwise an API key (from `ELEVENLABS_API_KEY` or the config file) means ElevenLabs; otherwise
/// the local engine.
struct BackendOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "local, elevenlabs, us, eu, in, or a server URL such as http://127.0.0.1:8008 (default: elevenlabs with an API key, else local).")
    var backend: String?

    @Flag(help: "Send the API key over plain HTTP to a --backend that is not on this machine's loopback.")
    var allowInsecureHttp = false

    enum Choice: Equatable {
        case local
        case remote(ElevenLabsEndpoint)
    }

    /// What `--backend` names; nil when it names nothing, so the API key decides.
    func named() throws -> Choice? {
        guard let backend else { return nil }
        if backend == "local" { return .local }
        if let endpoint = ElevenLabsEndpoint.names[backend] { return .remote(endpoint) }
        if let url = URL(string: backend), ["http", "https"].contains(url.scheme?.lowercased()), url.host != nil {
            return .remote(.custom(url))
        }
        let names = (["local"] + ElevenLabsEndpoint.names.keys.sorted()).joined(separator: ", ")
        throw UsageError("--backend must be one of \(names), or an http(s) URL (got \"\(backend)\")")
    }

    /// The chosen backend; the local engine keeps its previews and kept voices in `store`, so
    /// they outlive this process. The config file is read only when a key could be needed, so a
    /// broken one does not stand in the way of `--backend local`.
    func makeBackend(store: SessionStore?) throws -> any RemixBackend {
        switch try named() {
        case .local:
            return try LocalEngine(archive: store)
        case .remote(let endpoint):
            return try remote(endpoint, apiKey: APIKeySource.resolve())
        case nil:
            guard let apiKey = try APIKeySource.resolve() else { return try LocalEngine(archive: store) }
            return try remote(.global, apiKey: apiKey)
        }
    }

    private func remote(_ endpoint: ElevenLabsEndpoint, apiKey: String?) throws -> ElevenLabsBackend {
        if case .custom = endpoint {} else if apiKey == nil {
            throw UsageError("the \(backend ?? "elevenlabs") backend needs an API key: set ELEVENLABS_API_KEY or api_key in \(APIKeySource.configFile.path)")
        }
        if apiKey != nil, endpoint.isPlainHTTPOffLoopback, !allowInsecureHttp {
            throw UsageError(
                "refusing to send the API key unencrypted to \(endpoint.url.absoluteString): plain http:// goes only to this machine (localhost, 127.x.x.x, ::1); use https://, or --allow-insecure-http if the network in between is yours")
        }
        return ElevenLabsBackend(endpoint: endpoint, apiKey: apiKey)
    }
}
