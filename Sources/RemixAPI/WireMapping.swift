import Foundation
import OpenAPIRuntime
import RemixCore

// The one place where domain types meet the generated wire types. Every property the generator
// would silently drop (see the nullable-field note in openapi.yaml) is used here, so losing one
// breaks the build instead of the wire format.

public typealias WireVoice = Components.Schemas.VoiceResponseModel
public typealias WireRemixRequest = Components.Schemas.VoiceRemixRequestModel
public typealias WirePreview = Components.Schemas.VoicePreviewResponseModel
public typealias WirePreviews = Components.Schemas.VoicePreviewsResponseModel
public typealias WireInterpretation = Components.Schemas.RemixInterpretation

extension WireVoice {
    public init(_ voice: Voice) {
        self.init(
            voiceId: voice.voiceID,
            name: voice.name,
            category: CategoryPayload(rawValue: voice.category.rawValue) ?? .generated,
            labels: LabelsPayload(additionalProperties: voice.labels),
            description: voice.description,
            previewUrl: voice.previewURL,
            availableForTiers: [],
            highQualityBaseModelIds: [],
            isLegacy: false,
            isMixed: false,
            createdAtUnix: voice.createdAtUnix
        )
    }
}

extension Voice {
    public init(_ wire: WireVoice) {
        self.init(
            voiceID: wire.voiceId,
            name: wire.name,
            category: Category(rawValue: wire.category.rawValue) ?? .generated,
            labels: wire.labels.additionalProperties,
            description: wire.description,
            previewURL: wire.previewUrl,
            createdAtUnix: wire.createdAtUnix
        )
    }
}

public typealias WireVoiceSearch = Operations.SearchVoices.Input.Query
public typealias WireVoicePage = Components.Schemas.GetVoicesV2ResponseModel

extension WireVoiceSearch {
    /// The query parameters of a search; labels other than `VoiceQuery.labelKeys` have none (the
    /// query's validation refuses them before anything is sent).
    public init(_ query: VoiceQuery) {
        self.init(
            nextPageToken: query.pageToken,
            pageSize: query.pageSize,
            search: query.text,
            sort: query.sort.flatMap { SortPayload(rawValue: $0.rawValue) },
            sortDirection: query.direction.flatMap { SortDirectionPayload(rawValue: $0.rawValue) },
            voiceType: query.voiceType.flatMap { VoiceTypePayload(rawValue: $0.rawValue) },
            category: query.category.flatMap { CategoryPayload(rawValue: $0.rawValue) },
            gender: query.labels["gender"],
            age: query.labels["age"],
            accent: query.labels["accent"],
            voiceIds: query.voiceIDs
        )
    }
}

extension VoiceQuery {
    /// A received search, with the API's default page size when none is given.
    public init(_ wire: WireVoiceSearch) {
        let labels = ["gender": wire.gender, "age": wire.age, "accent": wire.accent].compactMapValues { $0 }
        self.init(
            text: wire.search,
            category: wire.category.flatMap { Voice.Category(rawValue: $0.rawValue) },
            labels: labels,
            voiceType: wire.voiceType.flatMap { VoiceType(rawValue: $0.rawValue) },
            voiceIDs: wire.voiceIds,
            sort: wire.sort.flatMap { Sort(rawValue: $0.rawValue) },
            direction: wire.sortDirection.flatMap { Direction(rawValue: $0.rawValue) },
            pageSize: wire.pageSize ?? VoiceQuery.defaultPageSize,
            pageToken: wire.nextPageToken
        )
    }
}

extension WireVoicePage {
    public init(_ page: VoicePage) {
        self.init(
            voices: page.voices.map(WireVoice.init), hasMore: page.hasMore, totalCount: page.totalCount,
            nextPageToken: page.nextPageToken)
    }
}

extension VoicePage {
    public init(_ wire: WireVoicePage) {
        self.init(
            voices: wire.voices.map(Voice.init), hasMore: wire.hasMore, nextPageToken: wire.nextPageToken,
            totalCount: wire.totalCount)
    }
}

extension WireRemixRequest {
    /// The body as the API receives it; the path's voice id and the query's format travel apart.
    public init(_ request: RemixRequest) {
        self.init(
            voiceDescription: request.voiceDescription,
            text: request.text,
            autoGenerateText: request.autoGenerateText,
            loudness: request.loudness,
            seed: request.seed,
            guidanceScale: request.guidanceScale,
            streamPreviews: request.streamPreviews,
            remixingSessionId: request.remixingSessionID,
            remixingSessionIterationId: request.remixingSessionIterationID,
            promptStrength: request.promptStrength
        )
    }
}

extension RemixRequest {
    /// Applies the API's defaults to every absent (or null) field of a received body.
    public init(voiceID: String, body: WireRemixRequest, outputFormat: OutputFormat?) {
        self.init(
            voiceID: voiceID,
            voiceDescription: body.voiceDescription,
            text: body.text,
            autoGenerateText: body.autoGenerateText ?? false,
            loudness: body.loudness ?? RemixRequest.defaultLoudness,
            seed: body.seed,
            guidanceScale: body.guidanceScale ?? RemixRequest.defaultGuidanceScale,
            promptStrength: body.promptStrength,
            streamPreviews: body.streamPreviews ?? false,
            remixingSessionID: body.remixingSessionId,
            remixingSessionIterationID: body.remixingSessionIterationId,
            outputFormat: outputFormat ?? .default
        )
    }
}

extension WirePreview {
    public init(_ preview: Preview) {
        self.init(
            audioBase64: preview.audio.base64EncodedString(),
            generatedVoiceId: preview.generatedVoiceID,
            mediaType: preview.mediaType,
            durationSecs: preview.durationSecs,
            language: preview.language
        )
    }
}

extension Preview {
    /// Throws when the audio is not valid base64, naming the preview.
    public init(_ wire: WirePreview) throws(ValidationFailure) {
        guard let audio = Data(base64Encoded: wire.audioBase64) else {
            throw ValidationFailure([FieldError(.body, "audio_base_64", .invalidType, "of preview \(wire.generatedVoiceId) is not valid base64")])
        }
        self.init(
            generatedVoiceID: wire.generatedVoiceId, audio: audio, mediaType: wire.mediaType,
            durationSecs: wire.durationSecs, language: wire.language)
    }
}

extension WireInterpretation {
    public init(_ interpretation: Interpretation) {
        self.init(
            applied: interpretation.applied.map(Self.headerSafe),
            unrecognized: interpretation.unrecognized.map(Self.headerSafe),
            notes: interpretation.notes.map(Self.headerSafe))
    }

    /// Header values are ASCII on the wire; the summaries' typographic minus, times and quotation
    /// signs are not.
    static func headerSafe(_ text: String) -> String {
        String(text.map { character -> Character in
            switch character {
            case "−": "-"
            case "×": "x"
            case "“", "”": "\""
            default: character.isASCII ? character : "?"
            }
        })
    }
}

extension Interpretation {
    public init(_ wire: WireInterpretation) {
        self.init(applied: wire.applied, unrecognized: wire.unrecognized, notes: wire.notes)
    }
}

extension Components.Schemas.ValidationError {
    public init(_ error: FieldError) {
        self.init(
            loc: [.case1(error.location.rawValue), .case1(error.field)],
            msg: error.description,
            _type: error.kind.rawValue
        )
    }
}

/// Encodes wire values the way the API sends them: compact, unescaped slashes, stable key order.
public enum WireJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// The same for the generated client and server, whose default is pretty-printed with escaped
    /// slashes: a remix response is mostly base64 audio, where every escaped `/` is time and bytes spent
    /// for nothing.
    public static let openAPIConfiguration = Configuration(jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes])
}
