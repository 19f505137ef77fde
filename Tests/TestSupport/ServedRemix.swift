import Foundation

/// A real `remix serve` on a free loopback port, stopped (SIGTERM) when the test is done with it.
/// What it writes is drained all along, so a chatty server never stalls on a full pipe.
public final class ServedRemix: @unchecked Sendable {
    public let process: Process
    public let baseURL: URL
    public let dataDirectory: URL
    private let readers: DispatchGroup
    private let written: Written

    /// Appended to by the reader threads until they finish; read only after they have.
    private final class Written: @unchecked Sendable {
        var output = Data()
        var errors = Data()
    }

    /// Starts the server and waits for its "listening on" line.
    public init(arguments: [String] = [], dataDirectory: URL? = nil, environment: [String: String] = [:]) throws {
        self.dataDirectory = try dataDirectory ?? Tool.temporaryDirectory("serve")
        process = Process()
        process.executableURL = RemixBinary.url
        process.arguments = ["serve", "--port", "0"] + arguments
        var env = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        env["REMIX_DATA_DIR"] = self.dataDirectory.path
        env["ELEVENLABS_API_KEY"] = nil
        env["REMIX_CONFIG"] = self.dataDirectory.appendingPathComponent("config").path
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()

        var seen = Data()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen.append(chunk)
            if let line = String(decoding: seen, as: UTF8.self).split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }),
                let url = URL(string: String(line.dropFirst("listening on ".count).split(separator: " ")[0]))
            {
                baseURL = url
                (readers, written) = Self.drain(out, err, after: seen)
                return
            }
        }
        process.terminate()
        throw Tool.Failure(command: "remix serve", status: process.isRunning ? -1 : process.terminationStatus,
                           stderr: "no 'listening on' line; said: \(String(decoding: seen, as: UTF8.self))")
    }

    /// SIGTERM, as a service manager would stop it; returns the exit status.
    @discardableResult
    public func stop() -> Int32 {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        return process.terminationStatus
    }

    /// Everything the server wrote on stdout and stderr, its first line included; call after `stop()`.
    public var output: (stdout: Data, stderr: Data) {
        readers.wait()
        return (written.output, written.errors)
    }

    private static func drain(_ out: Pipe, _ err: Pipe, after seen: Data) -> (DispatchGroup, Written) {
        let group = DispatchGroup(), written = Written()
        written.output = seen
        group.enter()
        group.enter()
        Thread {
            written.output += out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }.start()
        Thread {
            written.errors = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }.start()
        return (group, written)
    }

    deinit { stop() }
}
