import ArgumentParser
import RemixCore
import RemixEngine

/// The one backend-selection path every command shares.
struct BackendOptions: ParsableArguments {
    @Option(name: .long, help: "Where remixes run: local (the built-in engine).")
    var backend: String = "local"

    func makeBackend() throws -> any RemixBackend {
        guard backend == "local" else {
            throw ValidationFailure([FieldError(.query, "--backend", .enumeration, "must be one of local (got \"\(backend)\")")])
        }
        return try LocalEngine()
    }
}
