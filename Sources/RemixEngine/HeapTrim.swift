import Foundation

/// Gives memory freed by other threads back to the system (glibc's `malloc_trim`). Looked up at run
/// time because `<malloc.h>` is not among the C headers Swift's Glibc module exposes.
enum HeapTrim {
    private typealias Trim = @convention(c) (Int) -> Int32

    private static let trim: Trim? = dlsym(nil, "malloc_trim").map { unsafeBitCast($0, to: Trim.self) }

    static func releaseFreedMemory() {
        _ = trim?(0)
    }
}
