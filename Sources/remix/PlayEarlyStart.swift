import Playback

extension PlayCommand {
    /// The first file of `remix play FILE…`, started before the command line is parsed.
    ///
    /// `remix play` is judged by how soon the first file is heard, and ArgumentParser's parse is the
    /// longest step before it (~2 ms, most of it the runtime scanning the binary's conformance records for
    /// its reflection). A command line of file names alone can be parsed only one way: play them in order,
    /// from the start, once. So the first one is decoded and started at once, while the connection to the
    /// sound server, begun just before, completes; the parse comes after. The parsed command carries on
    /// with this file only if it names the same path with no options (a failure here is then its failure:
    /// a pipe cannot be read twice); otherwise its own `load` replaces it.
    struct EarlyStart {
        let path: String
        /// The player's events from before the file started: a short file may finish before the parse ends.
        let events: AsyncStream<PlayerEvent>
        /// What is left of the file after the part already playing, and the track it plays as; or why it does not play.
        let rest: Result<(decoder: any AudioDecoder, track: TrackNumber), any Error>

        /// Starts the first of `arguments` (those after `play`) if none of them is an option.
        static func begin(arguments: ArraySlice<String>, on player: PulsePlayer) -> EarlyStart? {
            guard let path = arguments.first, arguments.allSatisfy({ !$0.hasPrefix("-") }) else { return nil }
            let events = player.events()
            let rest = Result { () throws -> (decoder: any AudioDecoder, track: TrackNumber) in
                let decoder = try Decoding.decoder(forFileAt: path)
                return (decoder, try PlayCommand.start(decoder, on: player))
            }
            if case .failure = rest { player.stop() }
            return EarlyStart(path: path, events: events, rest: rest)
        }
    }
}
