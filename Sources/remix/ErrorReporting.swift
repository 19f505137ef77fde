import ArgumentParser
import Foundation
import Playback
import RemixCore
import SessionStore

/// A failure of the command line itself (conflicting flags, unwritable folders), said in one line.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Prints a domain or usage failure as one `error: …` line on stderr and exits non-zero. Help,
/// version and argument-parsing errors keep ArgumentParser's own wording and exit codes.
func reportFailureAndExit(_ error: any Error) -> Never {
    let message: String? =
        switch error {
        case let failure as ValidationFailure: failure.description
        case let failure as RemixError: failure.description
        case let failure as UsageError: failure.description
        case let failure as StoreError: failure.description
        case let failure as PlaybackError: failure.description
        case let failure as CocoaError: failure.localizedDescription
        default: nil
        }
    guard let message else { RemixCommand.exit(withError: error) }
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    Foundation.exit(ExitCode.failure.rawValue)
}
