import ArgumentParser
import Foundation
import Playback
import RemixCore

struct PlayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Decode audio files and play them through PulseAudio.",
        discussion: "On a terminal: Space pauses, ←/→ seek 5 s, n plays the next file, q quits."
    )

    @Argument(help: "Audio files: MP3 or Ogg Opus; raw PCM, µ-law and A-law need --format.")
    var files: [String]

    @Option(help: "The output_format the files were made in, when their content does not say it.")
    var format: String?

    @Option(help: "Start each file this many seconds in.")
    var seek: Double = 0

    @Flag(help: "Start over after the last file, until q.")
    var loop = false

    /// How much is decoded before the first sound: one tlength and a bit, so playback never waits on it.
    static let firstChunkSeconds = 0.1
    static let seekStep = 5.0

    enum Input: Sendable {
        case player(PlayerEvent)
        case key(RawTerminal.Key)
    }

    enum Outcome {
        case next, quit
    }

    /// The player of this process, made by `prepare()` before the command line is parsed: the first sound
    /// is what `remix play` is judged by.
    private static let player = PulsePlayer()

    /// The first file, already playing when the parsed command runs.
    @MainActor private static var earlyStart: EarlyStart?

    /// Called before the command line is parsed, when it starts with `play`: the connection to the sound
    /// server is begun, and a command line of file names alone starts its first file.
    @MainActor static func prepare() {
        player.beginConnecting()
        earlyStart = EarlyStart.begin(arguments: CommandLine.arguments.dropFirst(2), on: player)
    }

    // `run` and what it calls stay on the main actor, where `main` runs: a nonisolated async function would
    // first hop to the global executor, whose first job starts a worker thread (~0.3 ms before the first sound).
    @MainActor func run() async throws {
        let terminal = RawTerminal.enter()
        // Restored before a failure reaches the error line, so the line lands on a sane terminal.
        defer { terminal?.restore() }
        try await playAll(terminal: terminal)
    }

    @MainActor private func playAll(terminal: RawTerminal?) async throws {
        let requested = try format.map { try OutputFormat.parse($0) }
        let player = Self.player
        let events = Self.earlyStart?.events ?? player.events()
        let (inputs, sink) = AsyncStream.makeStream(of: Input.self)
        let forwarding = Task {
            for await event in events { sink.yield(.player(event)) }
        }
        defer { forwarding.cancel() }
        if let keys = terminal?.keys() {
            Task {
                for await key in keys { sink.yield(.key(key)) }
            }
        }
        var iterator = inputs.makeAsyncIterator()
        repeat {
            for file in files {
                let outcome = try await play(file, format: requested, on: player, terminal: terminal, inputs: &iterator)
                if outcome == .quit { return }
            }
        } while loop
    }

    @MainActor private func play(
        _ path: String, format: OutputFormat?, on player: PulsePlayer, terminal: RawTerminal?,
        inputs: inout AsyncStream<Input>.Iterator
    ) async throws -> Outcome {
        let track = try load(path, format: format, into: player)
        let name = URL(fileURLWithPath: path).lastPathComponent
        while let input = await inputs.next(isolation: #isolation) {
            switch input {
            case .player(.tick(let tick)) where tick.track == track:
                terminal?.showStatus(Self.status(name: name, tick: tick, paused: false))
            case .player(.finished(track: track)):
                return .next
            case .player(.failed(let error)):
                throw error
            case .player:
                // The file before this one (skipped with n) may still have ticks on their way; phase
                // changes are the player answering the keys handled here.
                continue
            case .key(.space):
                if player.phase == .playing {
                    player.pause()
                    terminal?.showStatus(Self.status(name: name, tick: PlayerTick(
                        track: track, position: player.position, duration: player.duration, rms: 0, peak: 0), paused: true))
                } else {
                    try player.resume()
                }
            case .key(.left):
                player.seek(to: player.position - Self.seekStep)
            case .key(.right):
                player.seek(to: player.position + Self.seekStep)
            case .key(.next):
                return .next
            case .key(.quit):
                return .quit
            }
        }
        return .quit
    }

    /// Decodes the file into the player and starts it, returning the track it plays as. The decoder,
    /// with the file's bytes, is gone once this returns, so only the decoded audio stays in memory while it plays.
    @MainActor private func load(_ path: String, format: OutputFormat?, into player: PulsePlayer) throws -> TrackNumber {
        if let early = Self.earlyStart.take(), early.path == path, format == nil, seek == 0 {
            let started = try early.rest.get()
            try Self.loadRest(of: started.decoder, into: player)
            return started.track
        }
        let decoder = try Decoding.decoder(forFileAt: path, format: format)
        if seek > 0 {
            let track = try player.load(try decoder.decodeAll())
            player.seek(to: seek)
            try player.play()
            return track
        }
        let track = try Self.start(decoder, on: player)
        try Self.loadRest(of: decoder, into: player)
        return track
    }

    /// Plays the first tenth of a second at once; the rest follows with `loadRest`.
    static func start(_ decoder: any AudioDecoder, on player: PulsePlayer) throws -> TrackNumber {
        let firstFrames = Int(Double(decoder.sampleRate) * firstChunkSeconds)
        guard let first = try decoder.nextChunk(maxFrames: firstFrames) else { throw PlaybackError.empty }
        let track = try player.load(first, isComplete: false)
        try player.play()
        return track
    }

    private static func loadRest(of decoder: any AudioDecoder, into player: PulsePlayer) throws {
        while let chunk = try decoder.nextChunk(maxFrames: decoder.sampleRate) {
            player.append(chunk)
        }
        player.finishLoading()
    }

    /// `▶ name  0:12 / 0:45  ▕████      ▏`: the bar follows the peak level, like a simple meter.
    static func status(name: String, tick: PlayerTick, paused: Bool) -> String {
        let width = 20
        let filled = min(width, Int((tick.peak * Float(width)).rounded()))
        let bar = String(repeating: "█", count: filled) + String(repeating: " ", count: width - filled)
        return "\(paused ? "⏸" : "▶") \(name)  \(clock(tick.position)) / \(clock(tick.duration))  ▕\(bar)▏"
    }

    static func clock(_ seconds: Double) -> String {
        let whole = max(0, Int(seconds))
        return "\(whole / 60):" + String(format: "%02d", whole % 60)
    }
}
