import Foundation
import RemixCore
import SessionStore

/// A session copied out of the store into a folder of its own: every preview's audio and a
/// `session.json` describing the iterations (the tree, ratings and notes included), with paths
/// relative to it, so the folder can be moved or shared whole. `remix sessions export` and the
/// workbench's `e` both write it.
public enum SessionExport {
    public struct Summary: Sendable {
        public let folder: URL
        public let iterations: Int
        public let previews: Int
    }

    /// Whether writing into `folder` would mix the export with files already there.
    public static func wouldMix(into folder: URL) -> Bool {
        !((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).isEmpty
    }

    public static func write(session id: String, from store: SessionStore, to folder: URL) throws -> Summary {
        let iterations = try store.iterations(inSession: id)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var exported: [String: String] = [:]
        for preview in iterations.flatMap(\.previews) {
            guard let source = preview.audioFile, FileManager.default.fileExists(atPath: source.path) else { continue }
            let target = folder.appendingPathComponent(source.lastPathComponent)
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: source, to: target)
            exported[source.path] = target.lastPathComponent
        }
        let described = IterationJSON.describing(iterations) { $0.audioFile.flatMap { exported[$0.path] } }
        try JSONOutput.data(described).write(to: folder.appendingPathComponent("session.json"), options: .atomic)
        return Summary(folder: folder, iterations: iterations.count, previews: exported.count)
    }
}
