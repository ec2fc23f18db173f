import Foundation

/// A read buffer over a file or in-memory data, filled one chunk at a time. Both readers scan it
/// through raw pointers, so memory stays at one chunk plus the token being read, whatever the
/// file size. A class because it owns the allocation and the file handle; not a noncopyable struct
/// because its mutating calls made every access from the owning class a dynamic exclusivity check.
final class ByteChunks {
    enum Source {
        case file(FileHandle)
        case memory(Data)
        case closed
    }

    let chunkSize: Int
    private var source: Source
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// False when `base` belongs to someone else (`init(borrowing:)`).
    private var ownsBase: Bool
    /// Bytes `0..<count` are valid; `pos` is the first one not yet consumed.
    private(set) var count = 0
    var pos = 0
    private(set) var atEOF = false

    init(source: Source, chunkSize: Int) {
        self.source = source
        self.chunkSize = max(1, chunkSize)
        capacity = self.chunkSize
        base = .allocate(capacity: capacity)
        ownsBase = true
    }

    /// All of the input, already in memory that the caller owns and keeps alive and unchanged
    /// for as long as this is read.
    init(borrowing bytes: UnsafeMutableBufferPointer<UInt8>) {
        base = bytes.baseAddress ?? .allocate(capacity: 1)
        ownsBase = bytes.baseAddress == nil
        capacity = max(1, bytes.count)
        chunkSize = capacity
        count = bytes.count
        source = .closed
        atEOF = true
    }

    deinit {
        if case .file(let handle) = source { try? handle.close() }
        if ownsBase { base.deallocate() }
    }

    /// Drops the consumed bytes (shifting the rest, and `pos`, to the front) and appends the next
    /// chunk, growing the buffer when a token is longer than a chunk. False at end of input.
    func readMore() throws -> Bool {
        // Borrowed memory is never written to; it is all of the input, so nothing follows anyway.
        if pos > 0, ownsBase {
            let remaining = count - pos
            if remaining > 0 { base.update(from: base + pos, count: remaining) }
            count = remaining
            pos = 0
        }
        guard !atEOF else { return false }
        reserve(count + chunkSize)
        let read = try self.read(into: base + count, upTo: chunkSize)
        count += read
        return read > 0
    }

    /// Reads up to `limit` of the next bytes of the source straight into `destination`, past
    /// this buffer; 0 (and the source closed) at its end.
    func read(into destination: UnsafeMutablePointer<UInt8>, upTo limit: Int) throws -> Int {
        var read = 0
        switch source {
        case .file(let handle):
            // read(2) into place: FileHandle.read returns a Data that would be copied once more.
            repeat {
                read = Glibc.read(handle.fileDescriptor, destination, limit)
            } while read < 0 && errno == EINTR
            if read < 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        case .memory(let data):
            read = min(limit, data.count)
            data.prefix(read).copyBytes(to: destination, count: read)
            source = .memory(data.dropFirst(read))
        case .closed:
            break
        }
        if read == 0 { close() }
        return read
    }

    /// Puts `bytes` back before the unconsumed ones, to be read next.
    func unread(_ bytes: UnsafePointer<UInt8>, count length: Int) {
        guard length > 0 else { return }
        if length <= pos {
            pos -= length
            (base + pos).update(from: bytes, count: length)
            return
        }
        let remaining = count - pos
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity, length + remaining))
        grown.update(from: bytes, count: length)
        (grown + length).update(from: base + pos, count: remaining)
        if ownsBase { base.deallocate() }
        (base, capacity, count, pos, ownsBase) = (grown, max(capacity, length + remaining), length + remaining, 0, true)
    }

    private func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        capacity = max(capacity * 2, needed)
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
    }

    /// Releases the file early (at end of input or on error); buffered bytes stay readable.
    func close() {
        if case .file(let handle) = source { try? handle.close() }
        source = .closed
        atEOF = true
    }
}
