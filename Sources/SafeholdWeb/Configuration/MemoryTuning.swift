#if canImport(Glibc)
import Glibc
#endif

/// How the C allocator keeps memory for a long-running server.
public enum MemoryTuning {
    /// Keeps freed memory in the process instead of handing it back to the kernel after every burst.
    ///
    /// glibc returns the free top of each thread's heap to the kernel (`madvise`) once it passes 128 KiB, and the
    /// next allocation faults the pages back in, zeroed. Under load this happened on every request: SQLite's page
    /// cache is emptied whenever another connection has committed (an audit entry, a few milliseconds ago) and
    /// refilled at the next read, and the refill faulted its pages in anew. Page faults and `madvise` took 14% of an
    /// audited read's CPU (`perf`, 2 cores). With a 512 MiB threshold the heap stays at its high-water mark, which
    /// for this server is tens of megabytes; the audited read served 12% more requests a second (wrk, three
    /// alternating runs each way).
    public static func keepFreedMemory() {
        #if canImport(Glibc)
        // `mallopt` is in malloc.h, which the Glibc module leaves out: found by name, called as C.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let trimThreshold: Int32 = -1  // M_TRIM_THRESHOLD
        guard let symbol = dlsym(nil, "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: Mallopt.self)(trimThreshold, 512 * 1_024 * 1_024)
        #endif
    }
}
