import Foundation
import OpenAPIRuntime
import RemixAPI
import RemixCore

/// The API's operations answered by any `RemixBackend`. Failures are thrown as domain errors and
/// turned into the API's error envelopes by `APIGatewayMiddleware`, so each is worded in one place.
/// Remixes and designs wait their turn in `work`; everything else is answered at once.
struct RemixAPIHandler: APIProtocol {
    let backend: any RemixBackend
    let work: WorkQueue

    /// The document's paths of the operations that wait in `work`, for the gateway to give them
    /// their place before their bodies are read.
    static let queuedOperations: Set<String> = ["/v1/text-to-voice/{voice_id}/remix", "/v1/text-to-voice/design"]

    func remix(_ input: Operations.Remix.Input) async throws -> Operations.Remix.Output {
        guard case .json(let body) = input.body else { throw ValidationFailure.bodyNotJSON }
        let request = RemixRequest(
            voiceID: input.path.voiceId, body: body, outputFormat: input.query.outputFormat.map(OutputFormat.init))
        try request.validate()
        return .ok(try await previews(from: queuedRemix(request)))
    }

    func design(_ input: Operations.Design.Input) async throws -> Operations.Design.Output {
        guard case .json(let body) = input.body else { throw ValidationFailure.bodyNotJSON }
        let design = DesignRequest(parameters: RemixRequest(
            voiceID: "", voiceDescription: body.voiceDescription, text: body.text,
            autoGenerateText: body.autoGenerateText ?? false, loudness: body.loudness ?? RemixRequest.defaultLoudness,
            seed: body.seed, guidanceScale: body.guidanceScale ?? DesignRequest.defaultGuidanceScale,
            promptStrength: body.promptStrength, streamPreviews: body.streamPreviews ?? false,
            remixingSessionID: body.remixingSessionId, remixingSessionIterationID: body.remixingSessionIterationId,
            outputFormat: input.query.outputFormat.map(OutputFormat.init) ?? .default), quality: body.quality)
        try design.validate()
        return .ok(try await previews(from: work.perform { try await backend.design(design, progress: { _ in }) }))
    }

    func createVoice(_ input: Operations.CreateVoice.Input) async throws -> Operations.CreateVoice.Output {
        guard case .json(let body) = input.body else { throw ValidationFailure.bodyNotJSON }
        let keep = KeepRequest(
            voiceName: body.voiceName, voiceDescription: body.voiceDescription, generatedVoiceID: body.generatedVoiceId,
            labels: body.labels?.additionalProperties, playedNotSelectedVoiceIDs: body.playedNotSelectedVoiceIds)
        try keep.validate()
        let voice = try await backend.keep(keep)
        return .ok(.init(body: .json(WireVoice(voice))))
    }

    func streamPreview(_ input: Operations.StreamPreview.Input) async throws -> Operations.StreamPreview.Output {
        let audio = try await backend.streamPreview(generatedVoiceID: input.path.generatedVoiceId)
        return .ok(.init(body: .audioMpeg(HTTPBody(audio))))
    }

    func getVoices(_ input: Operations.GetVoices.Input) async throws -> Operations.GetVoices.Output {
        let voices = try await backend.voices()
        return .ok(.init(body: .json(.init(voices: voices.map(WireVoice.init)))))
    }

    func searchVoices(_ input: Operations.SearchVoices.Input) async throws -> Operations.SearchVoices.Output {
        let page = try await backend.searchVoices(VoiceQuery(input.query))
        return .ok(.init(body: .json(WireVoicePage(page))))
    }

    func getVoice(_ input: Operations.GetVoice.Input) async throws -> Operations.GetVoice.Output {
        let voice = try await backend.voice(id: input.path.voiceId)
        return .ok(.init(body: .json(WireVoice(voice))))
    }

    private func queuedRemix(_ request: RemixRequest) async throws -> RemixResult {
        try await work.perform { try await backend.remix(request) }
    }

    private func previews(from result: RemixResult) -> Components.Responses.Previews {
        Components.Responses.Previews(
            headers: .init(
                xRemixingSessionId: result.remixingSessionID,
                xRemixingSessionIterationId: result.remixingSessionIterationID,
                xRemixInterpretation: result.interpretation.map(WireInterpretation.init)),
            body: .json(.init(previews: result.previews.map(WirePreview.init), text: result.text)))
    }
}

extension OutputFormat {
    init(_ wire: Components.Schemas.AllowedOutputFormats) {
        // Both enums list the same 21 names: the generated one from openapi.yaml, this one from the domain.
        self = OutputFormat(rawValue: wire.rawValue)!
    }
}

extension ValidationFailure {
    static let bodyNotJSON = ValidationFailure([
        FieldError(.body, "body", .invalidType, "must be a JSON object (Content-Type: application/json)")
    ])
}
