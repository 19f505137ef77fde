import Foundation

/// The `request-id` every response carries, also in the error envelope's `request_id`.
enum RequestID {
    /// 32 hex digits, the shape of ElevenLabs' request ids.
    static func make() -> String {
        UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }
}
