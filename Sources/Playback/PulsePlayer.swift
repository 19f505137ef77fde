@preconcurrency import CPulse
import Foundation
import RemixCore

/// Plays PCM through one PulseAudio playback stream on a threaded mainloop, after cmus's `op/pulse.c`:
/// the mainloop thread owns the stream and pulls audio in its write callback; callers only send
/// commands (pause = cork, seek = flush + reposition). The stream stays open, corked when idle, so the
/// first sound does not wait for an idle sink to wake; it is reopened only for another sample spec.
/// The stream runs at the track's own rate and channel count and the server resamples to the sink.
///
/// `@unchecked Sendable`: the PulseAudio objects are touched only with the mainloop lock held (commands
/// take it; callbacks run on the mainloop thread, which holds it), and `state` only under `stateLock`.
/// Lock order is mainloop lock, then `stateLock`; `stateLock` is never held while waiting. Events are
/// sent with the mainloop lock held, so every subscriber sees them in the order the changes happened,
/// and after `stateLock` is released, so a slow subscriber never holds up the audio thread's reads.
public final class PulsePlayer: @unchecked Sendable {
    public enum Phase: Sendable, Equatable {
        /// Nothing is queued; `play()` starts from the beginning.
        case stopped
        /// Corked with audio queued, so playing starts at once.
        case paused
        case playing
        case finished
    }

    private let subscribers = EventSubscribers()
    private let applicationName: String
    private let server: String?
    private let mainloop: OpaquePointer

    // Guarded by the mainloop lock.
    private var context: OpaquePointer?
    private var stream: OpaquePointer?
    private var drainOperation: OpaquePointer?
    private var ticker: OpaquePointer?
    private var connected = false

    private let stateLock = NSLock()
    private var state = State()

    private struct State {
        var track: Track?
        /// The next frame to hand to the stream.
        var cursor = 0
        /// Frames heard, as of the last estimate.
        var heard = 0
        /// Where the current run started; a stale latency reading must not put `heard` before it.
        var origin = 0
        var phase = Phase.stopped
        /// The loaded track's; 0 before the first load.
        var trackNumber: TrackNumber = 0
        var volume: Float = 1

        /// Puts `track` in place of the current one under the next number, to be played from `frame`.
        mutating func replaceTrack(with track: Track, from frame: Int) -> TrackNumber {
            self.track = track
            trackNumber += 1
            move(to: frame)
            return trackNumber
        }

        /// Starts a new run at `frame`: nothing of it is written or heard yet.
        mutating func move(to frame: Int) {
            cursor = frame
            heard = frame
            origin = frame
        }

        /// Moves to `phase`, and says so if that is a change.
        mutating func enter(_ phase: Phase) -> PlayerEvent? {
            guard phase != self.phase else { return nil }
            self.phase = phase
            return .phaseChanged(phase, track: trackNumber)
        }
    }

    /// Target buffer length: short enough that pause, seek and A/B switches are heard at once, long
    /// enough that a busy two-core machine refills it in time.
    static let targetLatency = 0.05
    static let tickInterval: pa_usec_t = 50_000

    /// `server` is a PulseAudio server string (`unix:/path`); nil uses PULSE_SERVER or the default.
    public init(applicationName: String = "remix", server: String? = nil) {
        self.applicationName = applicationName
        self.server = server
        guard let mainloop = pa_threaded_mainloop_new() else { preconditionFailure("pa_threaded_mainloop_new: out of memory") }
        self.mainloop = mainloop
        pa_threaded_mainloop_start(mainloop)
    }

    deinit {
        pa_threaded_mainloop_lock(mainloop)
        disconnect()
        pa_threaded_mainloop_unlock(mainloop)
        pa_threaded_mainloop_stop(mainloop)
        pa_threaded_mainloop_free(mainloop)
        subscribers.finish()
    }

    /// The events from now on, in a stream of the caller's own: several consumers can each take one,
    /// and one that stops ends only its own. It keeps the newest 64 events for a consumer that lags,
    /// and ends when the player is released.
    public func events() -> AsyncStream<PlayerEvent> {
        subscribers.subscribe()
    }

    // MARK: Commands

    /// Connects to the server now rather than on the first `load`, so the connection cost is paid up front.
    public func connect() throws(PlaybackError) {
        try locked { () throws(PlaybackError) in try connectIfNeeded() }
    }

    /// Sends the connect request and returns without waiting for the answer: the handshake goes on on
    /// the mainloop thread while the caller does other work (reading, decoding, parsing), and the first
    /// command that needs the server waits for the rest of it. A failure is not lost: that command tries
    /// again and reports it.
    public func beginConnecting() {
        locked { try? startConnectingIfNeeded() }
    }

    /// Replaces what is playing with `buffer`, paused at its start and already queued in the stream,
    /// and returns the number its events carry. With `isComplete: false` more audio follows through
    /// `append(_:)` and `finishLoading()`.
    @discardableResult
    public func load(_ buffer: PCMBuffer, isComplete: Bool = true) throws(PlaybackError) -> TrackNumber {
        try load(PCM16Buffer(buffer), isComplete: isComplete)
    }

    /// As `load(_:isComplete:)` with floats, without a conversion and sharing the caller's samples.
    @discardableResult
    public func load(_ buffer: PCM16Buffer, isComplete: Bool = true) throws(PlaybackError) -> TrackNumber {
        let track = Track(buffer, isComplete: isComplete)
        return try locked { () throws(PlaybackError) -> TrackNumber in
            try connectIfNeeded()
            try openStream(sampleRate: buffer.sampleRate, channels: buffer.channels)
            cancelDrain()
            cork(true)
            flush()
            let number = stateLock.withLock {
                state.phase = .paused
                return state.replaceTrack(with: track, from: 0)
            }
            fillWritable()
            subscribers.send(.phaseChanged(.paused, track: number))
            return number
        }
    }

    /// Adds audio decoded after `load(_:isComplete:)`; it must have the loaded buffer's rate and channels.
    public func append(_ chunk: PCMBuffer) {
        let samples = PCM16Buffer(chunk).samples
        locked {
            stateLock.withLock {
                precondition(
                    state.track.map { $0.sampleRate == chunk.sampleRate && $0.channels == chunk.channels } ?? false,
                    "append needs a loaded track of the same rate and channel count")
                state.track?.append(samples)
            }
            fillWritable()
        }
    }

    /// Marks the loaded audio complete, so the player finishes when it runs out instead of waiting.
    public func finishLoading() {
        locked {
            stateLock.withLock { state.track?.isComplete = true }
            fillWritable()
        }
    }

    /// Starts or continues playing; from the start once finished or stopped. Reconnects if the server went away.
    public func play() throws(PlaybackError) {
        try locked { () throws(PlaybackError) in try start(rewinding: true) }
    }

    /// Continues after `pause()`; does nothing otherwise.
    public func resume() throws(PlaybackError) {
        try locked { () throws(PlaybackError) in
            guard stateLock.withLock({ state.phase == .paused }) else { return }
            try start(rewinding: false)
        }
    }

    public func pause() {
        locked {
            guard stateLock.withLock({ state.phase == .playing }) else { return }
            estimateHeard()
            cork(true)
            announce(stateLock.withLock { state.enter(.paused) })
        }
    }

    /// Drops what is queued and continues from `seconds` (clamped to the track).
    public func seek(to seconds: Double) {
        locked {
            let change = stateLock.withLock { () -> PlayerEvent? in
                guard let track = state.track else { return nil }
                state.move(to: min(max(0, Int(seconds * Double(track.sampleRate))), track.frameCount))
                return state.phase == .finished || state.phase == .stopped ? state.enter(.paused) : nil
            }
            cancelDrain()
            flush()
            fillWritable()
            announce(change)
        }
    }

    /// Stops and rewinds; the track stays loaded.
    public func stop() {
        locked {
            cancelDrain()
            cork(true)
            flush()
            announce(stateLock.withLock {
                state.move(to: 0)
                return state.enter(.stopped)
            })
        }
    }

    /// Plays `buffer` from the position reached in the current track, in seconds, for A/B comparison,
    /// and returns the number its events carry. Every tick of the track it replaces is sent before
    /// this returns, ahead of the `phaseChanged` that names the new one.
    @discardableResult
    public func `switch`(to buffer: PCMBuffer) throws(PlaybackError) -> TrackNumber {
        try self.switch(to: PCM16Buffer(buffer))
    }

    /// As `switch(to:)` with floats, without a conversion and sharing the caller's samples.
    @discardableResult
    public func `switch`(to buffer: PCM16Buffer) throws(PlaybackError) -> TrackNumber {
        let incoming = Track(buffer, isComplete: true)
        return try locked { () throws(PlaybackError) -> TrackNumber in
            estimateHeard()
            let seconds = stateLock.withLock { state.track.map { Double(state.heard) / Double($0.sampleRate) } ?? 0 }
            try connectIfNeeded()
            try openStream(sampleRate: buffer.sampleRate, channels: buffer.channels)
            cancelDrain()
            flush()
            let (number, phase) = stateLock.withLock {
                if state.phase == .stopped || state.phase == .finished { state.phase = .paused }
                let target = min(Int(seconds * Double(incoming.sampleRate)), incoming.frameCount)
                return (state.replaceTrack(with: incoming, from: target), state.phase)
            }
            fillWritable()
            // A reopened stream starts corked.
            if phase == .playing { cork(false) }
            subscribers.send(.phaseChanged(phase, track: number))
            return number
        }
    }

    /// Linear gain 0…1 applied by the server to this stream.
    public var volume: Float {
        get { stateLock.withLock { state.volume } }
        set {
            let volume = min(max(newValue, 0), 1)
            stateLock.withLock { state.volume = volume }
            locked {
                guard let context, let stream, pa_stream_get_state(stream) == PA_STREAM_READY else { return }
                var levels = cvolume(channels: Int(pa_stream_get_sample_spec(stream).pointee.channels), volume: volume)
                release(pa_context_set_sink_input_volume(context, pa_stream_get_index(stream), &levels, nil, nil))
            }
        }
    }

    /// Seconds heard, i.e. frames written minus what is still buffered, as of the last tick or command.
    public var position: Double {
        stateLock.withLock { state.track.map { Double(state.heard) / Double($0.sampleRate) } ?? 0 }
    }

    public var duration: Double {
        stateLock.withLock { state.track?.duration ?? 0 }
    }

    public var phase: Phase {
        stateLock.withLock { state.phase }
    }

    // MARK: Connection and stream (mainloop lock held)

    private func locked<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        pa_threaded_mainloop_lock(mainloop)
        defer { pa_threaded_mainloop_unlock(mainloop) }
        return try body()
    }

    private var userdata: UnsafeMutableRawPointer { Unmanaged.passUnretained(self).toOpaque() }

    /// Runs a mainloop callback on the player without retaining it: were the callback to hold the last
    /// reference, `deinit` would run on the mainloop thread and deadlock taking the mainloop lock. The
    /// player stays valid meanwhile because `deinit` takes that lock, which the callback holds.
    private static func withPlayer(_ userdata: UnsafeMutableRawPointer?, _ body: (PulsePlayer) -> Void) {
        guard let userdata else { return }
        Unmanaged<PulsePlayer>.fromOpaque(userdata)._withUnsafeGuaranteedRef(body)
    }

    private func connectIfNeeded() throws(PlaybackError) {
        try startConnectingIfNeeded()
        guard let context else { throw .audioServerUnavailable("not connected") }
        while pa_context_get_state(context) != PA_CONTEXT_READY {
            guard PA_CONTEXT_IS_GOOD(pa_context_get_state(context)) != 0 else {
                let reason = errorText(context)
                disconnect()
                throw .audioServerUnavailable(reason)
            }
            pa_threaded_mainloop_wait(mainloop)
        }
    }

    /// A connect already under way (`beginConnecting()`, another thread's `connect()`) is left to finish;
    /// one that failed, or a lost connection, is started over.
    private func startConnectingIfNeeded() throws(PlaybackError) {
        if context.map({ PA_CONTEXT_IS_GOOD(pa_context_get_state($0)) == 0 }) ?? true {
            try startConnecting()
        }
    }

    /// Opens a new context and sends the connect request; `contextStateChanged` follows the handshake.
    private func startConnecting() throws(PlaybackError) {
        disconnect()
        guard let context = pa_context_new(pa_threaded_mainloop_get_api(mainloop), applicationName) else {
            throw .audioServerUnavailable("cannot create a PulseAudio context")
        }
        self.context = context
        pa_context_set_state_callback(context, { _, userdata in PulsePlayer.withPlayer(userdata) { $0.contextStateChanged() } }, userdata)
        // No autospawn: a server we started ourselves would outlive us and hide a real misconfiguration.
        if pa_context_connect(context, server, PA_CONTEXT_NOAUTOSPAWN, nil) < 0 {
            let reason = errorText(context)
            disconnect()
            throw .audioServerUnavailable(reason)
        }
    }

    private func disconnect() {
        closeStream()
        connected = false
        if let ticker {
            pa_threaded_mainloop_get_api(mainloop).pointee.time_free(ticker)
            self.ticker = nil
        }
        if let context {
            pa_context_set_state_callback(context, nil, nil)
            pa_context_disconnect(context)
            pa_context_unref(context)
            self.context = nil
        }
    }

    private func openStream(sampleRate: Int, channels: Int) throws(PlaybackError) {
        if let stream, pa_stream_get_state(stream) == PA_STREAM_READY {
            let spec = pa_stream_get_sample_spec(stream).pointee
            if spec.rate == UInt32(sampleRate), spec.channels == UInt8(channels) { return }
        }
        closeStream()
        guard let context else { throw .audioServerUnavailable("not connected") }
        var spec = pa_sample_spec(format: PA_SAMPLE_S16LE, rate: UInt32(sampleRate), channels: UInt8(clamping: channels))
        guard pa_sample_spec_valid(&spec) != 0 else {
            throw .streamFailed("\(sampleRate) Hz with \(channels) channels is not a valid sample spec")
        }
        guard let stream = pa_stream_new(context, "preview", &spec, nil) else { throw .streamFailed(errorText(context)) }
        self.stream = stream
        pa_stream_set_state_callback(stream, { _, userdata in PulsePlayer.withPlayer(userdata) { $0.streamStateChanged() } }, userdata)
        pa_stream_set_write_callback(stream, { stream, bytes, userdata in
            PulsePlayer.withPlayer(userdata) { $0.fill(stream!, bytes: bytes) }
        }, userdata)
        let bytesPerSecond = Double(sampleRate * channels * MemoryLayout<Track.Sample>.size)
        var attributes = pa_buffer_attr(
            maxlength: .max, tlength: UInt32(bytesPerSecond * Self.targetLatency), prebuf: .max, minreq: .max, fragsize: .max)
        let flags = pa_stream_flags_t(
            PA_STREAM_START_CORKED.rawValue | PA_STREAM_INTERPOLATE_TIMING.rawValue
                | PA_STREAM_AUTO_TIMING_UPDATE.rawValue | PA_STREAM_ADJUST_LATENCY.rawValue)
        var levels = cvolume(channels: channels, volume: stateLock.withLock { state.volume })
        guard pa_stream_connect_playback(stream, nil, &attributes, flags, &levels, nil) == 0 else {
            let reason = errorText(context)
            closeStream()
            throw .streamFailed(reason)
        }
        while pa_stream_get_state(stream) != PA_STREAM_READY {
            guard PA_STREAM_IS_GOOD(pa_stream_get_state(stream)) != 0 else {
                let reason = errorText(context)
                closeStream()
                throw .streamFailed(reason)
            }
            pa_threaded_mainloop_wait(mainloop)
        }
    }

    private func closeStream() {
        cancelDrain()
        guard let stream else { return }
        pa_stream_set_state_callback(stream, nil, nil)
        pa_stream_set_write_callback(stream, nil, nil)
        pa_stream_disconnect(stream)
        pa_stream_unref(stream)
        self.stream = nil
    }

    private func start(rewinding: Bool) throws(PlaybackError) {
        guard let track = stateLock.withLock({ state.track }) else { return }
        let streamLost = stream.map { pa_stream_get_state($0) != PA_STREAM_READY } ?? true
        if !connected || streamLost {
            try connectIfNeeded()
            try openStream(sampleRate: track.sampleRate, channels: track.channels)
            // Whatever was queued in the lost stream is gone: continue from what was heard.
            stateLock.withLock { state.move(to: state.heard) }
        }
        let (rewind, change) = stateLock.withLock {
            let rewind = rewinding && (state.phase == .finished || state.phase == .stopped)
            if rewind { state.move(to: 0) }
            return (rewind, state.enter(.playing))
        }
        if rewind {
            cancelDrain()
            flush()
        }
        fillWritable()
        cork(false)
        if let context, let ticker { pa_context_rttime_restart(context, ticker, pa_rtclock_now() + Self.tickInterval) }
        announce(change)
    }

    private func announce(_ change: PlayerEvent?) {
        if let change { subscribers.send(change) }
    }

    private func cork(_ corked: Bool) {
        guard let stream else { return }
        release(pa_stream_cork(stream, corked ? 1 : 0, nil, nil))
    }

    private func flush() {
        guard let stream else { return }
        release(pa_stream_flush(stream, nil, nil))
    }

    private func cancelDrain() {
        guard let drainOperation else { return }
        pa_operation_cancel(drainOperation)
        pa_operation_unref(drainOperation)
        self.drainOperation = nil
    }

    private func release(_ operation: OpaquePointer?) {
        if let operation { pa_operation_unref(operation) }
    }

    private func errorText(_ context: OpaquePointer) -> String {
        String(cString: pa_strerror(pa_context_errno(context)))
    }

    private func cvolume(channels: Int, volume: Float) -> pa_cvolume {
        var levels = pa_cvolume()
        pa_cvolume_set(&levels, UInt32(channels), pa_sw_volume_from_linear(Double(volume)))
        return levels
    }

    // MARK: Mainloop thread

    private func fillWritable() {
        guard let stream, pa_stream_get_state(stream) == PA_STREAM_READY else { return }
        let writable = pa_stream_writable_size(stream)
        fill(stream, bytes: writable == .max ? 0 : writable)
    }

    /// Hands the stream up to `bytes` of the track from the cursor; starts a drain once the end is written.
    private func fill(_ stream: OpaquePointer, bytes: Int) {
        let endWritten = stateLock.withLock { () -> Bool in
            guard let track = state.track, state.phase == .playing || state.phase == .paused else { return false }
            let frames = min(bytes / (track.channels * MemoryLayout<Track.Sample>.size), track.frameCount - state.cursor)
            track.forEachRun(in: state.cursor..<(state.cursor + max(frames, 0))) { run in
                pa_stream_write(stream, run.baseAddress, run.count * MemoryLayout<Track.Sample>.size, nil, 0, PA_SEEK_RELATIVE)
            }
            state.cursor += max(frames, 0)
            return track.isComplete && state.cursor == track.frameCount
        }
        // Draining makes the server play out the tail (even one shorter than its prebuffer) and tell us when.
        if endWritten, drainOperation == nil {
            drainOperation = pa_stream_drain(stream, { _, success, userdata in
                PulsePlayer.withPlayer(userdata) { $0.drained(success != 0) }
            }, userdata)
        }
    }

    private func drained(_ success: Bool) {
        release(drainOperation)
        drainOperation = nil
        guard success else { return }
        let finished = stateLock.withLock { () -> TrackNumber? in
            guard let track = state.track, state.phase == .playing else { return nil }
            state.heard = track.frameCount
            state.phase = .finished
            return state.trackNumber
        }
        guard let finished else { return }
        cork(true)
        subscribers.send(.phaseChanged(.finished, track: finished))
        subscribers.send(.finished(track: finished))
    }

    /// Updates `heard` from the stream's latency: frames written minus frames still ahead of the speaker.
    private func estimateHeard() {
        guard let stream else { return }
        var latency: pa_usec_t = 0
        var negative: Int32 = 0
        guard pa_stream_get_latency(stream, &latency, &negative) == 0 else { return }
        stateLock.withLock {
            guard let track = state.track, state.phase == .playing else { return }
            let queued = negative != 0 ? 0 : Int(Double(latency) * Double(track.sampleRate) / 1_000_000)
            state.heard = min(max(state.cursor - queued, state.origin), track.frameCount)
        }
    }

    private func tick() {
        estimateHeard()
        let tick = stateLock.withLock { () -> PlayerTick? in
            guard let track = state.track, state.phase == .playing else { return nil }
            let window = track.sampleRate * Int(Self.tickInterval) / 1_000_000
            let level = track.level(in: max(0, state.heard - window)..<state.heard)
            return PlayerTick(
                track: state.trackNumber, position: Double(state.heard) / Double(track.sampleRate),
                duration: track.duration, rms: level.rms, peak: level.peak)
        }
        guard let tick else { return }
        subscribers.send(.tick(tick))
        if let context, let ticker { pa_context_rttime_restart(context, ticker, pa_rtclock_now() + Self.tickInterval) }
    }

    /// Marks the connection ready here, on the mainloop thread, so every thread waiting in
    /// `connectIfNeeded` wakes to the same state, whichever gets the lock first.
    private func contextStateChanged() {
        pa_threaded_mainloop_signal(mainloop, 0)
        guard let context else { return }
        let state = pa_context_get_state(context)
        if state == PA_CONTEXT_READY, !connected {
            connected = true
            // Created disabled (invalid time); `start` arms it.
            ticker = pa_context_rttime_new(context, pa_usec_t.max, { _, _, _, userdata in PulsePlayer.withPlayer(userdata) { $0.tick() } }, userdata)
        } else if connected, PA_CONTEXT_IS_GOOD(state) == 0 {
            connected = false
            interrupt(.audioServerLost(errorText(context)))
        }
    }

    private func streamStateChanged() {
        pa_threaded_mainloop_signal(mainloop, 0)
        guard let stream, let context, connected, pa_stream_get_state(stream) == PA_STREAM_FAILED else { return }
        interrupt(.streamFailed(errorText(context)))
    }

    /// Leaves a playing track paused where it was heard, so `play()` after a reconnect picks it up there.
    private func interrupt(_ error: PlaybackError) {
        announce(stateLock.withLock { state.phase == .playing ? state.enter(.paused) : nil })
        subscribers.send(.failed(error))
    }
}
