/// Process-wide settings that make the per-sample loop cheaper.
public enum ProcessTuning {
    /// Keeps large allocations (canvases, zlib's deflate state: a few hundred KiB each) on the
    /// heap instead of fresh `mmap`s. By default glibc maps every block above 128 KiB anew, so
    /// each sample paid for the kernel zeroing its pages (about an eighth of all cycles).
    public static func keepLargeAllocationsOnTheHeap() {
        #if os(Linux)
            // glibc's <malloc.h> constants; the header is not part of Swift's Glibc module.
            let mmapThreshold: Int32 = -3
            let trimThreshold: Int32 = -1
            _ = glibcMallopt(mmapThreshold, 64 << 20)
            _ = glibcMallopt(trimThreshold, 512 << 20)
        #endif
    }
}

#if os(Linux)
    @_silgen_name("mallopt")
    private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
#endif
