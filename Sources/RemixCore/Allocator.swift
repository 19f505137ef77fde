import Foundation

/// glibc's allocator, set for long-running processes whose big blocks are audio: previews of
/// megabytes, decoded, rendered and dropped again with every remix.
///
/// Looked up at run time because `<malloc.h>` is not among the C headers Swift's Glibc module exposes;
/// on another C library both calls do nothing.
public enum Allocator {
    private typealias Option = @convention(c) (Int32, Int32) -> Int32
    private typealias Trim = @convention(c) (Int) -> Int32

    private static let setOption: Option? = dlsym(nil, "mallopt").map { unsafeBitCast($0, to: Option.self) }
    private static let trim: Trim? = dlsym(nil, "malloc_trim").map { unsafeBitCast($0, to: Trim.self) }
    /// `M_MMAP_THRESHOLD` in `<malloc.h>`.
    private static let mmapThresholdOption: Int32 = -3

    /// By default glibc raises its mmap threshold to the largest block freed so far (up to 32 MiB); after
    /// the first preview is freed, every later one comes from a heap arena and its pages stay with the
    /// process when it is freed (16 MB more resident with three 30 s previews open). A fixed threshold
    /// keeps each big block in a mapping of its own, given back to the system the moment it is freed.
    public static func giveLargeBlocksBackOnFree() {
        _ = setOption?(mmapThresholdOption, 128 * 1024)
    }

    /// Gives back the free pages left inside the arenas: glibc keeps what a thread freed in that thread's
    /// arena, tens of megabytes after the engine's render threads have run.
    public static func releaseFreedMemory() {
        _ = trim?(0)
    }
}
