#if canImport(Glibc)
    import Glibc
#endif

/// Hands the memory a large import freed back to the system. glibc keeps freed memory in the
/// arena of the thread that used it, and the import's checking threads each have their own; kept,
/// it would hold a server at an import's peak long after the import, and the next import's peak
/// would come on top of it.
enum FreedMemory {
    #if canImport(Glibc)
        /// glibc's `malloc_trim`, which Swift's Glibc module does not declare.
        private static let trim: (@convention(c) (Int) -> Int32)? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim").map {
            unsafeBitCast($0, to: (@convention(c) (Int) -> Int32).self)
        }
    #endif

    static func giveBack() {
        #if canImport(Glibc)
            _ = trim?(0)
        #endif
    }
}
