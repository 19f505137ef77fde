import Foundation

/// What a running process (by pid) holds and has spent, read from /proc.
public struct ProcessUsage: Sendable {
    /// Resident memory now, in bytes (VmRSS).
    public let residentBytes: Int
    /// The most it was ever resident, in bytes (VmHWM).
    public let peakResidentBytes: Int
    /// CPU time in user and kernel mode so far, in seconds, over all its threads.
    public let cpuSeconds: Double

    public init(pid: pid_t) throws {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        func kibibytes(_ field: String) -> Int {
            let line = status.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
        }
        residentBytes = kibibytes("VmRSS") * 1024
        peakResidentBytes = kibibytes("VmHWM") * 1024
        // The fields after the command name (which may hold spaces), counted from its closing parenthesis:
        // utime and stime are the 12th and 13th.
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        let fields = stat[stat.index(after: stat.lastIndex(of: ")")!)...].split(separator: " ")
        let ticks = (Double(fields[11]) ?? 0) + (Double(fields[12]) ?? 0)
        cpuSeconds = ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
