import Foundation

/// The nice value of each thread of a process whose name starts with one of `prefixes`, keyed by
/// that prefix, from /proc: for checking which of the engine's threads run below the others.
public enum ThreadNiceness {
    public static func of(process: Int32, prefixes: [String]) -> [String: Int] {
        let threads = "/proc/\(process)/task"
        var niceness: [String: Int] = [:]
        for thread in (try? FileManager.default.contentsOfDirectory(atPath: threads)) ?? [] {
            // "tid (name) state …": the nice value is the 19th field, the 17th after the name.
            guard let stat = try? String(contentsOfFile: "\(threads)/\(thread)/stat", encoding: .utf8),
                let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
            else { continue }
            let name = String(stat[stat.index(after: open)..<close])
            let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
            guard let prefix = prefixes.first(where: { name.hasPrefix($0) }), fields.count > 16 else { continue }
            niceness[prefix] = Int(fields[16])
        }
        return niceness
    }
}
