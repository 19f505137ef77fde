import ElevenLabsBackend
import Foundation
import RemixCore
import RemixEngine
import TestSupport

/// `remix serve` against the same engine in-process: the overhead HTTP, JSON and base64 add to a
/// remix (target ≤ 5 %), and how many `GET /v1/voices` it answers per second to 8 concurrent clients.
func runServerBenchmark() async throws {
    let server = try ServedRemix()
    defer { server.stop() }
    let client = ElevenLabsBackend(endpoint: .custom(server.baseURL), apiKey: nil, maxRetries: 0)
    let engine = try LocalEngine()
    let voice = try require(try await engine.voices().first)
    let request = RemixRequest(
        voiceID: voice.voiceID, voiceDescription: "slightly deeper and a bit slower",
        text: String(benchmarkScript.prefix(300)), seed: 42, outputFormat: .mp3_44100_128)

    // Alternate the two so that drift in the machine's load hits both alike.
    _ = try await client.remix(request)
    var inProcess: [Double] = [], overHTTP: [Double] = []
    for _ in 0..<5 {
        inProcess.append(try await Stopwatch.time { _ = try await engine.remix(request) })
        overHTTP.append(try await Stopwatch.time { _ = try await client.remix(request) })
    }
    let local = Stopwatch.median(inProcess), served = Stopwatch.median(overHTTP)
    print("remix through remix serve vs in-process (3 previews × 300 chars, mp3_44100_128, median of 5):")
    print(String(format: "  in-process engine      %7.3f s", local))
    print(String(format: "  through remix serve    %7.3f s", served))
    print(String(format: "  overhead               %+6.1f %%   (target ≤ 5 %%)", (served / local - 1) * 100))

    let duration = 5.0
    let deadline = Date().addingTimeInterval(duration)
    let started = ContinuousClock.now
    let completed = try await withThrowingTaskGroup(of: Int.self) { group in
        for _ in 0..<8 {
            group.addTask {
                var count = 0
                while Date() < deadline {
                    _ = try await client.voices()
                    count += 1
                }
                return count
            }
        }
        return try await group.reduce(0, +)
    }
    let elapsed = Stopwatch.seconds(since: started)
    print(String(format: "GET /v1/voices, 8 concurrent clients for %.0f s: %.0f requests/s (%d requests)",
                 duration, Double(completed) / elapsed, completed))
}

private func require<T>(_ value: T?) throws -> T {
    guard let value else { throw RemixError.engineFailure("the benchmark found no voice to remix") }
    return value
}
