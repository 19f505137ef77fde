import Foundation
import RemixCore

/// A store that cannot be used, said with the file so a person can act on it.
public enum StoreError: UserFacingError, Sendable {
    case locked(URL)
    case corrupt(URL, reason: String)
    case unusable(URL, reason: String)
    case unknownSession(String)
    /// No stored preview with this generated_voice_id in the iteration named.
    case unknownPreview(String)

    public var description: String {
        switch self {
        case .locked(let file):
            "the session store \(file.path) is locked by another process; close it and try again"
        case .corrupt(let file, let reason):
            "the session store \(file.path) is damaged (\(reason)); move it aside to start a new one"
        case .unusable(let file, let reason):
            "cannot use the session store \(file.path): \(reason)"
        case .unknownSession(let id):
            "no stored session with id '\(id)' (list them with `remix sessions`)"
        case .unknownPreview(let id):
            "no stored preview with id '\(id)' in that iteration"
        }
    }
}
