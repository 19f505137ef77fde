import Foundation
import RemixCore
import TerminalUI

/// Everything that can change the state: the person's input, the clock, and the results of effects.
enum Action: Sendable {
    case input(TerminalInput)
    case tick(now: Double)
    /// SIGINT, SIGTERM or SIGHUP: quit now, restoring the terminal.
    case signal(Int32)

    case voicesLoaded([Voice])
    /// Typing in the picker paused long enough for voice search `generation` to be sent.
    case typingPaused(TypingPause, generation: Int)
    /// A page of voice search `generation`: its first, or the next after those found.
    case voicesFound(VoicePage, generation: Int, nextPage: Bool)
    case voiceSearchFailed(String, generation: Int, details: [String])
    case sessionLoaded(sessionID: String?, iterations: [Iteration], keptVoices: [KeptVoice])
    case remixProgress(RemixProgress)
    /// The iteration as stored, done or failed; `error` says why a failed one failed.
    case remixFinished(Iteration)
    case remixFailed(iteration: Iteration?, message: String, details: [String])
    case kept(KeptVoice)
    /// Playing from `position`: 0 for a start, where the other preview was for an A/B switch.
    case playing(Playable, position: Double, duration: Double)
    /// The playing preview's position and level, about 20 times a second.
    case playbackProgress(position: Double, duration: Double, level: Float)
    case playbackEnded
    /// The sound server refused or went away; what was playing stays paused where it was heard.
    case playbackFailed(String)
    /// A preview's shape, measured from its decoded audio (and stored).
    case measured(generatedVoiceID: String, iterationLocalID: Int64, shape: TakeShape)
    /// The session was written to a folder (`remix sessions export`'s layout).
    case exported(folder: String, iterations: Int, previews: Int)
    /// The export's folder has files in it already; the person is asked before writing there.
    case exportNeedsConfirmation(folder: String)
    /// The backend's reading of `text`, the prompt as it was when asked; nil when it cannot tell.
    case explained(text: String, Interpretation?)
    case paletteLoaded([PromptFamily])
    /// An effect failed in a way that only needs telling: store, audio, voices.
    case failed(String, details: [String])
}

/// What waits for typing to pause before the backend is asked.
enum TypingPause: Equatable, Sendable {
    case voiceSearch, promptExplanation

    /// One question per word, not per letter.
    var seconds: Double { 0.2 }
}

/// A preview the player can load: where its audio is and how it is encoded.
struct Playable: Equatable, Sendable {
    var generatedVoiceID: String
    var iterationLocalID: Int64
    var audioFile: URL?
    var format: OutputFormat
    /// Not measured yet: its shape is measured from the decoded audio and stored.
    var needsShape = false
}

/// Work `update` asks for; the effect runner does it off the UI thread and answers with actions.
enum Effect: Equatable, Sendable {
    case loadVoices
    /// Asks the backend what it will make of this prompt, without rendering.
    case explain(String)
    case loadPalette
    /// Answers `.typingPaused(what, generation)` after `what`'s pause: the picker searches and the prompt
    /// is explained only once typing pauses, not at every key.
    case awaitTypingPause(TypingPause, generation: Int)
    case searchVoices(VoiceQuery, generation: Int)
    /// Reopens the session the workbench starts with (none for a new one), and the voices kept here.
    case loadSession(WorkbenchProgram.Start)
    /// A remix branching from the iteration `parent` (a local id), the one open when it was sent.
    case remix(RemixRequest, parent: Int64?)
    case cancelRemix
    case keep(KeepRequest)
    case play(Playable)
    /// A/B: the next preview, from the position heard in the one playing.
    case switchTo(Playable)
    case pause, resume
    case seek(by: Double)
    case stopPlayback
    case markPlayed(generatedVoiceID: String, iterationLocalID: Int64)
    case annotate(generatedVoiceID: String, iterationLocalID: Int64, rating: Int, note: String?)
    /// Writes the session into `folder`; into one that has files only when `intoNonEmpty`.
    case export(sessionID: String, folder: String, intoNonEmpty: Bool)
    /// Decodes an iteration's previews ahead, so Space plays at once.
    case prepare([Playable])
    case redraw
    case quit
}
