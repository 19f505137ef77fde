import Foundation

/// A process's threads as /proc shows them: for checking what the engine's threads do from outside.
public enum ProcessThreads {
    public struct Thread: Sendable {
        public let name: String
        /// R (running or waiting for a core), S (asleep), …
        public let state: Character
        public let nice: Int
    }

    public static func of(_ process: Int32) -> [Thread] {
        let threads = "/proc/\(process)/task"
        return ((try? FileManager.default.contentsOfDirectory(atPath: threads)) ?? []).compactMap { thread in
            // "tid (name) state …": the state is the first field after the name, the nice value the 17th.
            guard let stat = try? String(contentsOfFile: "\(threads)/\(thread)/stat", encoding: .utf8),
                let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
            else { return nil }
            let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
            guard fields.count > 16, let state = fields[0].first, let nice = Int(fields[16]) else { return nil }
            return Thread(name: String(stat[stat.index(after: open)..<close]), state: state, nice: nice)
        }
    }

    /// The nice value of a thread whose name starts with each of `prefixes`, keyed by that prefix.
    public static func niceness(of process: Int32, prefixes: [String]) -> [String: Int] {
        var niceness: [String: Int] = [:]
        for thread in of(process) {
            if let prefix = prefixes.first(where: { thread.name.hasPrefix($0) }) { niceness[prefix] = thread.nice }
        }
        return niceness
    }

    /// How many of the threads whose names start with one of `prefixes` are running or waiting for a core.
    public static func running(in process: Int32, prefixes: [String]) -> Int {
        of(process).filter { thread in thread.state == "R" && prefixes.contains { thread.name.hasPrefix($0) } }.count
    }
}
