import Foundation

/// A PulseAudio server of one test's own, on a socket of its own, that the test can kill and start
/// again: the server `make test` runs for everyone must stay up for the other audio tests.
public final class ScratchPulseServer {
    public let socket: String
    private let directory: URL
    private var process: Process?

    public init() throws {
        directory = try Tool.temporaryDirectory("remix-scratch-pulse")
        socket = directory.appendingPathComponent("native").path
        try start()
    }

    deinit {
        kill()
        try? FileManager.default.removeItem(at: directory)
    }

    public var serverString: String { "unix:\(socket)" }

    /// Starts the server (again) and returns once its socket accepts connections.
    public func start() throws {
        let runtime = directory.appendingPathComponent("runtime"), home = directory.appendingPathComponent("home")
        for folder in [runtime, home] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        let script = directory.appendingPathComponent("server.pa")
        try """
            .fail
            load-module module-null-sink sink_name=scratch rate=44100 channels=2
            load-module module-native-protocol-unix auth-anonymous=1 socket=\(socket)
            set-default-sink scratch
            """.write(to: script, atomically: true, encoding: .utf8)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["pulseaudio", "-n", "-F", script.path, "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no"]
        server.environment = ProcessInfo.processInfo.environment.merging(["HOME": home.path, "XDG_RUNTIME_DIR": runtime.path]) { $1 }
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        process = server
        for _ in 0..<200 where !accepts() {
            guard server.isRunning else { throw Failure(description: "pulseaudio exited with status \(server.terminationStatus)") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        guard accepts() else { throw Failure(description: "pulseaudio did not open \(socket) within 10 s") }
    }

    /// Ends the server at once, as a crash would: its clients learn of it only from the closed socket.
    public func kill() {
        guard let process, process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: socket)
    }

    private func accepts() -> Bool {
        let descriptor = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { path in
            path.copyBytes(from: socket.utf8.prefix(path.count - 1))
        }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0 }
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }
}
