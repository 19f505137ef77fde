import Foundation
import RemixCore

/// The embedded remix backend: the ElevenLabs remix API implemented in-process with real audio.
///
/// A remix validates the request, reads the prompt, plans three previews from the (given or fresh)
/// seed, synthesises the script once with the prompt's synthesis side (accent, pitch range, pauses),
/// then shapes, normalises and encodes the three previews in parallel. See `RemixPlan` for how `prompt_strength` and `guidance_scale`
/// act and `LoudnessNormalizer` for `loudness`.
public final class LocalEngine: RemixBackend {
    /// The stream endpoint always answers MP3; previews made in other formats are re-encoded to this.
    static let streamFormat = OutputFormat.mp3_44100_128

    private let catalog: VoiceCatalog
    private let interpreter: PromptInterpreter
    private let scriptWriter: ScriptWriter
    private let synthesizer = Synthesizer()
    private let store: EngineStore

    /// Loads the built-in voice catalog, prompt lexicon and script sentences. With an `archive`,
    /// generated previews and kept voices outlive the engine.
    public init(archive: (any BackendArchive)? = nil) throws {
        store = try EngineStore(archive: archive)
        catalog = try VoiceCatalog()
        interpreter = try PromptInterpreter()
        scriptWriter = try ScriptWriter()
    }

    /// For a server, before its first request: the engine's threads run below the ones that answer,
    /// so a cheap request does not wait behind rendering. Not for one person's tools, where the
    /// engine's work is the work they wait for.
    public static func renderBelowRequests() {
        WorkerPool.niceness.store(serverRenderNiceness, ordering: .relaxed)
    }

    /// The nice level a server's rendering threads run at.
    public static var serverRenderNiceness: Int32 { WorkerPool.belowRequests }

    public var name: String { "local" }

    /// The catalog, then the kept voices: what `searchVoices` (the protocol's) filters, sorts and pages.
    public func voices() async throws -> [Voice] {
        catalog.voices.map(\.voice) + (await store.keptVoices).map(\.voice)
    }

    public func voice(id: String) async throws -> Voice {
        try await engineVoice(id: id).voice
    }

    public func remix(
        _ request: RemixRequest, progress: @escaping @Sendable (RemixProgress) -> Void
    ) async throws -> RemixResult {
        try request.validate()
        let reference = try await engineVoice(id: request.voiceID)
        return try await run(
            request, reading: interpreter.read(request.voiceDescription), reference: reference.profile, progress: progress)
    }

    /// A voice from the description alone: a neutral espeak-ng voice chosen by the presentation and
    /// accent the description names (see `PromptInterpreter.designBase`), then the description applied
    /// through the lexicon like any remix prompt, age included.
    public func design(
        _ request: DesignRequest, progress: @escaping @Sendable (RemixProgress) -> Void
    ) async throws -> RemixResult {
        try request.validate()
        let reading = interpreter.read(request.parameters.voiceDescription)
        let base = interpreter.designBase(for: reading)
        return try await run(request.parameters, reading: reading, reference: base.profile, notes: [base.note], progress: progress)
    }

    public var explainsPrompts: Bool { true }

    /// Reads the description with the lexicon alone: no synthesis, no audio. The changes are those a
    /// remix with the default `prompt_strength` and `guidance_scale` applies.
    public func explain(voiceDescription: String) async throws -> Interpretation? {
        let scale = RemixPlan.promptScale(promptStrength: nil, guidanceScale: RemixRequest.defaultGuidanceScale)
        return interpreter.read(voiceDescription).interpretation(scale: scale)
    }

    public func promptPalette() async -> [PromptFamily] {
        interpreter.palette
    }

    private func run(
        _ request: RemixRequest, reading: PromptReading, reference: VoiceProfile, notes: [String] = [],
        progress: @escaping @Sendable (RemixProgress) -> Void
    ) async throws -> RemixResult {
        let seed = request.seed ?? Int.random(in: RemixRequest.seedRange)
        var random = SeededRandom(seed: Self.planSeed(request, seed: seed))
        let plan = RemixPlan(request: request, reading: reading, reference: reference, notes: notes, random: &random)
        let text = script(for: request, reading: reading, language: plan.target.language, random: &random)

        progress(.synthesizing)
        // Spoken once with the prompt's synthesis side (accent, pitch range, pauses), which the three
        // previews share; they differ in pitch, formant and tempo, applied to this one recording.
        let speech = try await synthesizer.synthesize(text, profile: plan.target, seed: UInt32(seed))
        // A cancelled remix (Esc in the workbench, a client gone from `remix serve`) stops before the
        // previews, the costly part; each preview checks again between its stages and waits its turn
        // on the engine's render threads (`WorkerPool`), never on the caller's.
        try Task.checkCancellation()
        let rendered = try await render(plan, speech: speech, request: request, progress: progress)
        // The last point to stop: what follows stores the iteration and its previews, all of them or none.
        try Task.checkCancellation()
        let (sessionID, iterationID) = await store.beginIteration(
            sessionID: request.remixingSessionID, iterationID: request.remixingSessionIterationID)

        var previews: [Preview] = []
        for (preview, audio) in zip(plan.previews, rendered) {
            try await store.store(
                StoredPreview(profile: preview.profile, audio: audio, format: request.outputFormat),
                id: preview.generatedVoiceID)
            previews.append(Preview(
                generatedVoiceID: preview.generatedVoiceID,
                audio: request.streamPreviews ? Data() : audio.encoded.data,
                mediaType: request.outputFormat.mediaType,
                durationSecs: audio.encoded.durationSecs,
                language: preview.profile.language))
        }
        return RemixResult(
            previews: previews, text: text, remixingSessionID: sessionID,
            remixingSessionIterationID: iterationID, interpretation: plan.interpretation)
    }

    public func streamPreview(generatedVoiceID: String) async throws -> Data {
        guard let stored = try await store.preview(id: generatedVoiceID) else {
            throw RemixError.generatedVoiceNotFound(generatedVoiceID)
        }
        if let mp3 = stored.mp3 { return mp3 }
        guard let pcm = stored.pcm else { throw RemixError.generatedVoiceNotFound(generatedVoiceID) }
        let mp3 = try await WorkerPool.rendering.run { _ in
            try OutputEncoder.encode(Resampler.resample(pcm, to: Self.streamFormat.sampleRate), as: Self.streamFormat).data
        }
        try await store.cacheMP3(mp3, forPreview: generatedVoiceID)
        return mp3
    }

    public func keep(_ request: KeepRequest) async throws -> Voice {
        try request.validate()
        guard let stored = try await store.preview(id: request.generatedVoiceID) else {
            throw RemixError.generatedVoiceNotFound(request.generatedVoiceID)
        }
        var labels = request.labels ?? [:]
        labels["language"] = labels["language"] ?? stored.profile.language
        let voice = Voice(
            voiceID: Identifier.random(), name: request.voiceName, category: .generated, labels: labels,
            description: request.voiceDescription, createdAtUnix: Int(Date().timeIntervalSince1970))
        try await store.keep(EngineVoice(voice: voice, profile: stored.profile))
        return voice
    }

    private func engineVoice(id: String) async throws -> EngineVoice {
        if let voice = catalog.voice(id: id) { return voice }
        if let voice = await store.keptVoices.first(where: { $0.voice.voiceID == id }) { return voice }
        throw RemixError.voiceNotFound(id)
    }

    /// `auto_generate_text` wins over `text`, as in the API; with neither, a fixed default script.
    /// Both are written in the language the voice will speak.
    private func script(
        for request: RemixRequest, reading: PromptReading, language: String, random: inout SeededRandom
    ) -> String {
        if request.autoGenerateText {
            return scriptWriter.write(traits: reading.traits, language: language, random: &random)
        }
        return request.text ?? scriptWriter.defaultScript(language: language)
    }

    private func render(
        _ plan: RemixPlan, speech: PCMBuffer, request: RemixRequest,
        progress: @escaping @Sendable (RemixProgress) -> Void
    ) async throws -> [RenderedAudio] {
        try await withThrowingTaskGroup(of: (Int, RenderedAudio).self) { group in
            for (index, preview) in plan.previews.enumerated() {
                group.addTask {
                    let audio = try await WorkerPool.rendering.run { cancellation in
                        try PreviewRenderer.render(
                            speech: speech, profile: preview.profile, noiseSeed: preview.noiseSeed, loudness: request.loudness,
                            format: request.outputFormat, cancellation: cancellation)
                    }
                    progress(.previewFinished(index: index, count: plan.previews.count, generatedVoiceID: preview.generatedVoiceID))
                    return (index, audio)
                }
            }
            var results = [RenderedAudio?](repeating: nil, count: plan.previews.count)
            for try await (index, audio) in group {
                results[index] = audio
            }
            return results.compactMap { $0 }
        }
    }

    /// Mixes the seed with every input that shapes the output, so the same seed with a different
    /// prompt or voice still gives different previews (and different generated voice ids).
    private static func planSeed(_ request: RemixRequest, seed: Int) -> UInt64 {
        var hash = StableHash()
        hash.combine(String(seed))
        hash.combine(request.voiceID)
        hash.combine(request.voiceDescription)
        hash.combine(request.text ?? "")
        hash.combine(String(request.autoGenerateText))
        hash.combine(request.loudness)
        hash.combine(request.guidanceScale)
        hash.combine(request.promptStrength ?? -1)
        hash.combine(request.outputFormat.rawValue)
        return hash.value
    }
}
