import Foundation
import RemixCore
import TerminalUI

/// The panes focus moves between with Tab, in that order.
enum Pane: Int, CaseIterable, Sendable {
    case prompt, text, parameters, previews, history
}

/// The rows of the parameters pane.
enum ParameterRow: Int, CaseIterable, Sendable {
    case guidance, loudness, promptStrength, seed, format
}

/// A box drawn over the workbench, which takes the keys while it is open.
enum Overlay: Equatable, Sendable {
    case help
    case errorDetails
    case picker(VoicePicker)
    case palette(PromptPalette)
    case keep(KeepDialog)
    case valueEntry(ValueEntry)
    case confirmQuit
    /// Export into a folder that is not empty?
    case confirmExport(folder: String)

    enum Kind { case help, errorDetails, picker, palette, keep, valueEntry, confirmQuit, confirmExport }

    var kind: Kind {
        switch self {
        case .help: .help
        case .errorDetails: .errorDetails
        case .picker: .picker
        case .palette: .palette
        case .keep: .keep
        case .valueEntry: .valueEntry
        case .confirmQuit: .confirmQuit
        case .confirmExport: .confirmExport
        }
    }
}

/// The voice picker: a search of the backend's voices, asked again as the filter changes (once typing
/// pauses) and continued a page at a time as the selection nears the last voice found.
struct VoicePicker: Equatable, Sendable {
    /// About a screenful, so the next page is asked for only once the list scrolls.
    static let pageSize = 30
    /// How near the last voice found the selection comes before the next page is asked for.
    static let pageAhead = 5

    var filter = TextEditor(limit: 0...100)
    var cursor = ListCursor()
    /// The voices found for the filter: the pages answered so far, in order. They stay while a new
    /// search is on its way, and when it fails.
    var found: [Voice] = []
    var totalCount: Int?
    /// Asks for the page after the last one found; nil when there is none.
    var nextPageToken: String?
    /// An answer for the current filter is awaited (or typing has not paused yet).
    var searching = true

    /// The search for the filter's first page; the next ones add `nextPageToken`.
    var query: VoiceQuery {
        let words = filter.text.trimmingCharacters(in: .whitespacesAndNewlines)
        return VoiceQuery(text: words.isEmpty ? nil : words, sort: .name, direction: .ascending, pageSize: Self.pageSize)
    }

    var selected: Voice? { found.indices.contains(cursor.selected) ? found[cursor.selected] : nil }
}

struct KeepDialog: Equatable, Sendable {
    var generatedVoiceID: String
    var name: TextEditor
    var description: TextEditor
    /// Previews heard but not picked, sent as `played_not_selected_voice_ids`.
    var playedNotSelected: [String]
    var field = 0
}

/// A one-line field in a box: a parameter's value typed in, or a note on a preview.
struct ValueEntry: Equatable, Sendable {
    enum Purpose: Equatable, Sendable {
        case parameter(ParameterRow)
        case note(generatedVoiceID: String, iterationLocalID: Int64)
        case exportFolder(sessionID: String)
    }

    var purpose: Purpose
    var field: TextEditor

    init(row: ParameterRow) {
        purpose = .parameter(row)
        field = TextEditor(limit: 0...32)
    }

    init(noteOn preview: IterationPreview, of iteration: Iteration) {
        purpose = .note(generatedVoiceID: preview.generatedVoiceID, iterationLocalID: iteration.localID)
        field = TextEditor(preview.note ?? "", limit: Self.noteLength)
    }

    init(exportOf sessionID: String) {
        purpose = .exportFolder(sessionID: sessionID)
        field = TextEditor("remix-session-\(sessionID)", limit: 1...1000)
    }

    static let noteLength = 0...200
}

/// A remix in flight.
struct RequestState: Equatable, Sendable {
    var startedAt: Double
    var previewsDone = 0
    var previewCount = 3
    var phase = "sending"
}

/// What is playing (or paused), as the player last reported it.
struct PlaybackState: Equatable, Sendable {
    var generatedVoiceID: String
    var position: Double = 0
    var duration: Double
    var level: Float = 0
    var paused = false
}

struct StatusMessage: Equatable, Sendable {
    /// What a message is about, when a later success there makes it stale.
    enum Topic: Equatable, Sendable {
        case voiceSearch
    }

    var text: String
    var isError: Bool
    var topic: Topic? = nil
}

/// Everything the workbench shows, as a plain value: `update` makes the next one, `view` draws it.
struct WorkbenchState: Equatable, Sendable {
    var width: Int
    var height: Int
    /// Seconds on a monotonic clock, from the last tick; drives the spinner and elapsed times.
    var now: Double = 0
    var backendLabel: String
    /// Only the local engine explains its reading of a prompt.
    var backendExplains: Bool

    var focus = Pane.prompt
    var overlay: Overlay?

    var voices: [Voice] = []
    var voice: Voice?
    /// Voices kept on this machine (the session store's), marked in the picker.
    var keptVoiceIDs: Set<String> = []
    /// The number of the latest voice search asked for: answers to earlier ones come too late and are dropped.
    var voiceSearch = 0
    var prompt = TextEditor(limit: RemixRequest.descriptionLength)
    var promptHelp = PromptHelp()
    /// The prompt palette's phrases, from the backend once the palette is first opened.
    var promptFamilies: [PromptFamily] = []
    var text = TextEditor(limit: RemixRequest.textLength)
    var autoText = true

    var parameterRow = ParameterRow.guidance
    var guidance = Slider(
        name: "guidance_scale", range: RemixRequest.guidanceScaleRange, fineStep: 0.5, coarseStep: 5,
        defaultValue: RemixRequest.defaultGuidanceScale, decimals: 1)
    var loudness = Slider(
        name: "loudness", range: RemixRequest.loudnessRange, fineStep: 0.05, coarseStep: 0.25,
        defaultValue: RemixRequest.defaultLoudness, decimals: 2)
    var promptStrength = Slider(
        name: "prompt_strength", range: RemixRequest.promptStrengthRange, fineStep: 0.05, coarseStep: 0.25,
        defaultValue: nil, decimals: 2,
        marks: [(0.25, "Low"), (0.5, "Medium"), (0.75, "High"), (1.0, "Max")])
    var seed = 7
    var seedLocked = false
    var seedGenerator: UInt64 = 0x5EED
    var format = OutputFormat.default

    var sessionID: String?
    var iterations: [Iteration] = []
    /// The iteration whose previews are listed (an index into `iterations`).
    var openIteration: Int?
    var history = ListCursor()
    var previews = ListCursor()
    /// The last left press, so a second one on the same row soon after is a double click.
    var lastPress: PointerPress?
    var played: Set<String> = []
    var lastKept: KeptVoice?

    var request: RequestState?
    var playback: PlaybackState?
    var status: StatusMessage?
    var errorDetails: [String] = []
    var quitting = false

    init(width: Int, height: Int, backendLabel: String, backendExplains: Bool) {
        self.width = width
        self.height = height
        self.backendLabel = backendLabel
        self.backendExplains = backendExplains
    }

    static let minimumWidth = 80
    static let minimumHeight = 24

    var isTooSmall: Bool { width < Self.minimumWidth || height < Self.minimumHeight }

    var shownIteration: Iteration? {
        openIteration.flatMap { iterations.indices.contains($0) ? iterations[$0] : nil }
    }

    var selectedPreview: IterationPreview? {
        guard let previews = shownIteration?.previews, previews.indices.contains(self.previews.selected) else { return nil }
        return previews[self.previews.selected]
    }

    /// The characters the next remix will bill: ElevenLabs bills the preview text.
    var billableCharacters: Int? {
        autoText ? nil : text.count
    }
}

extension WorkbenchState {
    /// The next rolled seed, from a generator kept in the state (splitmix64), so `update` stays a pure
    /// function and tests see the same seeds every run.
    mutating func rollSeed() -> Int {
        seedGenerator &+= 0x9E37_79B9_7F4A_7C15
        var z = seedGenerator
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(RemixRequest.seedRange.upperBound))
    }
}
