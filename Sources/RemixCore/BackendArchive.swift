import Foundation

/// Durable storage for a backend's own state (the local engine's generated previews and kept
/// voices), so that what one process generated can be streamed and kept by the next. Entries are
/// opaque bytes filed under a kind and an id.
public protocol BackendArchive: Sendable {
    func archive(_ state: Data, kind: String, id: String) throws
    func archived(kind: String, id: String) throws -> Data?
    func archived(kind: String) throws -> [Data]
}
