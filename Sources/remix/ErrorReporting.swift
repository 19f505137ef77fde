import ArgumentParser
import Foundation
import RemixCore

/// A failure of the command line itself (conflicting flags, unwritable folders), said in one line.
struct UsageError: UserFacingError {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Prints a failure as one `error: …` line on stderr and exits non-zero. Help, version and
/// ArgumentParser's own errors keep its wording and exit codes.
func reportFailureAndExit(_ error: any Error) -> Never {
    switch error {
    case is ExitCode, is CleanExit, is ValidationError:
        RemixCommand.exit(withError: error)
    // `--help` arrives as an error its help command throws, of a type only ArgumentParser can read.
    case _ where RemixCommand.exitCode(for: error) == .success:
        RemixCommand.exit(withError: error)
    default:
        FileHandle.standardError.write(Data("error: \(ErrorMessage.oneLine(error))\n".utf8))
        Foundation.exit(ExitCode.failure.rawValue)
    }
}
