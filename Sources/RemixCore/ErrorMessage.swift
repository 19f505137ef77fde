import Foundation

/// Any error as the one line a front end shows, without deciding what happens next (exit, status bar).
public enum ErrorMessage {
    public static func oneLine(_ error: any Error) -> String {
        let message =
            switch error {
            case let error as any UserFacingError: error.description
            case is CancellationError: "cancelled"
            case let error as URLError: error.localizedDescription
            case let error as CocoaError: error.localizedDescription
            // Not one of ours, so no wording was chosen for it: say so, and keep what it said.
            default: "unexpected failure: \(String(describing: error))"
            }
        // A status bar or an `error:` line holds one line; some descriptions (decoding errors) span several.
        return message.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
