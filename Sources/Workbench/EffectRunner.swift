import AudioMeasures
import Foundation
import Playback
import RemixCore
import SessionStore
import Studio
import TerminalUI

/// Does the work `update` asks for, off the UI thread, and posts the results back as actions.
/// The backend and the store are reached from detached tasks (a task created on the main actor would
/// wait behind the UI thread's `poll`); the player from one serial queue, after cmus: the UI only sends
/// commands, the audio thread never waits on the UI.
final class EffectRunner: @unchecked Sendable {
    private let studio: Studio
    private let player: PulsePlayer
    private let inbox: Inbox<Action>
    private let playerQueue = DispatchQueue(label: "workbench.player", qos: .userInteractive)
    private let decodeQueue = DispatchQueue(label: "workbench.decode", qos: .userInitiated)
    /// Marks on previews (played, ratings, notes, shapes) are written in the order they were made: two
    /// quick `+` written out of order would store the first rating over the second.
    private let storeWrites = DispatchQueue(label: "workbench.store-writes", qos: .utility)
    /// Remixes in flight, so quitting can wait for a cancelled one to be stored as such.
    private let remixes = DispatchGroup()

    private let lock = NSLock()
    // Guarded by `lock`.
    private var remixTask: Task<Void, Never>?
    /// The voice search in flight: a newer one replaces it, so a person typing fast spends one request
    /// of the API's rate limit per pause, not one per word.
    private var searchTask: Task<Void, Never>?
    private var decoded: [String: PCM16Buffer] = [:]
    /// The track the player was last given, so events of a track replaced by an A/B switch are dropped.
    private var currentTrack: TrackNumber?
    private var currentPreview: String?
    private var listening: Task<Void, Never>?

    init(studio: Studio, player: PulsePlayer, inbox: Inbox<Action>) {
        self.studio = studio
        self.player = player
        self.inbox = inbox
        listening = Task.detached { [player, weak self] in
            for await event in player.events() {
                self?.forward(event)
            }
        }
    }

    /// Cancels what is in flight and gives a cancelled remix a moment to be marked in the store; the
    /// store already holds everything that returned.
    func shutdown() {
        lock.withLock {
            remixTask?.cancel()
            listening?.cancel()
        }
        _ = remixes.wait(timeout: .now() + 3)
        playerQueue.sync { player.stop() }
        // A rating given just before quitting is written before the process ends.
        storeWrites.sync {}
    }

    func run(_ effect: Effect) {
        switch effect {
        case .loadVoices: loadVoices()
        case .explain(let text):
            Task.detached { [studio, inbox] in
                // A hint while typing: a backend that fails to explain shows no marks rather than an error.
                let explanation = try? await studio.backend.explain(voiceDescription: text)
                inbox.post(.explained(text: text, explanation ?? nil))
            }
        case .loadPalette:
            Task.detached { [studio, inbox] in inbox.post(.paletteLoaded(await studio.backend.promptPalette())) }
        case .awaitTypingPause(let what, let generation):
            Task.detached { [inbox] in
                try? await Task.sleep(for: .seconds(what.seconds))
                inbox.post(.typingPaused(what, generation: generation))
            }
        case .searchVoices(let query, let generation): searchVoices(query, generation: generation)
        case .loadSession(let start): loadSession(start)
        case .remix(let request, let parent): remix(request, branchingFrom: parent)
        case .cancelRemix: lock.withLock { remixTask?.cancel() }
        case .keep(let request): keep(request)
        case .play(let playable): play(playable, switching: false)
        case .switchTo(let playable): play(playable, switching: true)
        case .pause: playerQueue.async { [player] in player.pause() }
        case .resume:
            playerQueue.async { [self] in
                do { try player.resume() } catch { inbox.post(.playbackFailed(ErrorMessage.oneLine(error))) }
            }
        case .seek(let seconds): playerQueue.async { [player] in player.seek(to: max(0, player.position + seconds)) }
        case .stopPlayback:
            playerQueue.async { [self] in
                player.stop()
                lock.withLock { currentTrack = nil }
                inbox.post(.playbackEnded)
            }
        case .markPlayed(let id, let iteration):
            writeToStore { try $0.markPlayed(generatedVoiceID: id, iterationLocalID: iteration) }
        case .annotate(let id, let iteration, let rating, let note):
            writeToStore { try $0.annotatePreview(generatedVoiceID: id, iterationLocalID: iteration, rating: rating, note: note) }
        case .export(let sessionID, let folder, let intoNonEmpty):
            Task.detached { [studio, inbox] in
                let target = URL(fileURLWithPath: (folder as NSString).expandingTildeInPath, isDirectory: true)
                if !intoNonEmpty, SessionExport.wouldMix(into: target) {
                    return inbox.post(.exportNeedsConfirmation(folder: folder))
                }
                do {
                    let summary = try SessionExport.write(session: sessionID, from: studio.store, to: target)
                    inbox.post(.exported(folder: summary.folder.path, iterations: summary.iterations, previews: summary.previews))
                } catch {
                    inbox.post(.failed(ErrorMessage.oneLine(error), details: []))
                }
            }
        case .prepare(let playables): prepare(playables)
        case .redraw, .quit: break
        }
    }

    // MARK: Backend and store

    private func loadVoices() {
        Task.detached { [studio, inbox] in
            do {
                inbox.post(.voicesLoaded(try await studio.backend.voices()))
            } catch {
                inbox.post(.failed("could not list the voices: \(ErrorMessage.oneLine(error))", details: []))
            }
        }
    }

    private func searchVoices(_ query: VoiceQuery, generation: Int) {
        let task = Task.detached { [studio, inbox] in
            do {
                let page = try await studio.backend.searchVoices(query)
                inbox.post(.voicesFound(page, generation: generation, nextPage: query.pageToken != nil))
            } catch {
                inbox.post(.voiceSearchFailed(ErrorMessage.oneLine(error), generation: generation, details: Self.details(of: error)))
            }
        }
        lock.withLock {
            searchTask?.cancel()
            searchTask = task
        }
    }

    private func loadSession(_ start: WorkbenchProgram.Start) {
        Task.detached { [studio, inbox] in
            do {
                let store = studio.store
                // Kept voices are loaded for a new session too: the picker marks them.
                let kept = try store.keptVoices()
                let id: String? = switch start {
                case .lastSession: try store.sessions().first?.id
                case .session(let id): id
                case .newSession: nil
                }
                guard let sessionID = id else {
                    inbox.post(.sessionLoaded(sessionID: nil, iterations: [], keptVoices: kept))
                    return
                }
                inbox.post(.sessionLoaded(sessionID: sessionID, iterations: try store.iterations(inSession: sessionID), keptVoices: kept))
            } catch {
                inbox.post(.failed(ErrorMessage.oneLine(error), details: []))
            }
        }
    }

    private func writeToStore(_ write: @escaping @Sendable (SessionStore) throws -> Void) {
        storeWrites.async { [studio, inbox] in
            do { try write(studio.store) } catch {
                inbox.post(.failed(ErrorMessage.oneLine(error), details: []))
            }
        }
    }

    private func remix(_ request: RemixRequest, branchingFrom parent: Int64?) {
        remixes.enter()
        let task = Task.detached { [studio, inbox, remixes] in
            defer { remixes.leave() }
            do {
                let iteration = try await studio.remix(request, branchingFrom: parent) { inbox.post(.remixProgress($0)) }
                inbox.post(.remixFinished(iteration))
            } catch let failure as IterationFailure {
                inbox.post(.remixFailed(iteration: failure.iteration, message: failure.description, details: Self.details(of: failure.underlying)))
            } catch {
                inbox.post(.remixFailed(iteration: nil, message: ErrorMessage.oneLine(error), details: Self.details(of: error)))
            }
        }
        lock.withLock { remixTask = task }
    }

    private func keep(_ request: KeepRequest) {
        Task.detached { [studio, inbox] in
            do {
                inbox.post(.kept(try await studio.keep(request)))
            } catch {
                inbox.post(.failed("not kept: \(ErrorMessage.oneLine(error))", details: Self.details(of: error)))
            }
        }
    }

    /// What the error-details box shows beyond the one line: the status, the fields, the request id.
    static func details(of error: any Error) -> [String] {
        switch error {
        case RemixError.service(let status, let code, _, let requestID):
            ["HTTP status \(status)", code.map { "code \($0)" }, requestID.map { "request-id \($0)" }].compactMap { $0 }
        case let failure as ValidationFailure:
            failure.errors.map { "\($0.location.rawValue).\($0.field): \($0.requirement)" }
        default:
            []
        }
    }

    // MARK: Playback

    /// Decodes the previews of the open iteration ahead of Space, forgets the others, and queues the first
    /// in the player (paused) unless something is playing, so Space only has to start the stream.
    private func prepare(_ playables: [Playable]) {
        let keep = Set(playables.map(\.generatedVoiceID))
        lock.withLock { decoded = decoded.filter { keep.contains($0.key) } }
        decodeQueue.async { [self] in
            for playable in playables where playable.needsShape || lock.withLock({ decoded[playable.generatedVoiceID] == nil }) {
                guard let buffer = try? decode(playable) else { continue }
                lock.withLock { decoded[playable.generatedVoiceID] = PCM16Buffer(buffer) }
                if playable.needsShape, let shape = try? TakeShape.measure(buffer) {
                    let (id, iteration) = (playable.generatedVoiceID, playable.iterationLocalID)
                    inbox.post(.measured(generatedVoiceID: id, iterationLocalID: iteration, shape: shape))
                    writeToStore { try $0.recordShape(shape, generatedVoiceID: id, iterationLocalID: iteration) }
                }
            }
            guard let first = playables.first else { return }
            playerQueue.async { [self] in
                guard player.phase != .playing, let buffer = lock.withLock({ decoded[first.generatedVoiceID] }),
                    let track = try? player.load(buffer)
                else { return }
                lock.withLock {
                    currentTrack = track
                    currentPreview = first.generatedVoiceID
                }
            }
        }
    }

    private func decode(_ playable: Playable) throws -> PCMBuffer {
        guard let file = playable.audioFile else {
            throw PlaybackError.unreadable(path: playable.generatedVoiceID, reason: "the preview was streamed and never stored")
        }
        return try Decoding.decoder(forFileAt: file.path, format: playable.format.codec == .mp3 ? nil : playable.format).decodeAll()
    }

    private func play(_ playable: Playable, switching: Bool) {
        playerQueue.async { [self] in
            do {
                let loaded = lock.withLock { currentPreview == playable.generatedVoiceID && currentTrack != nil }
                if loaded, !switching {
                    // Already in the player (queued by `prepare`, or played before): start over without
                    // handing it the audio again.
                    if player.position > 0 { player.seek(to: 0) }
                    try player.play()
                    inbox.post(.playing(playable, position: 0, duration: player.duration))
                    return
                }
                let buffer = try lock.withLock({ decoded[playable.generatedVoiceID] }) ?? PCM16Buffer(decode(playable))
                lock.withLock { decoded[playable.generatedVoiceID] = buffer }
                let wasPlaying = player.phase == .playing
                let track = switching ? try player.switch(to: buffer) : try player.load(buffer)
                lock.withLock {
                    currentTrack = track
                    currentPreview = playable.generatedVoiceID
                }
                if !switching || !wasPlaying { try player.play() }
                inbox.post(.playing(playable, position: player.position, duration: buffer.duration))
            } catch {
                inbox.post(.playbackFailed(ErrorMessage.oneLine(error)))
            }
        }
    }

    private func forward(_ event: PlayerEvent) {
        let current = lock.withLock { currentTrack }
        switch event {
        case .tick(let tick) where tick.track == current:
            inbox.post(.playbackProgress(position: tick.position, duration: tick.duration, level: tick.peak))
        case .finished(let track) where track == current:
            inbox.post(.playbackEnded)
        case .failed(let error):
            inbox.post(.playbackFailed(error.description))
        default:
            break
        }
    }
}
