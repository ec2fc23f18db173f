import CorridorCore
import Foundation

/// Streaming RFC 4180 reader. Works on raw bytes so a million-row upload parses in well under a
/// second and only one chunk plus the current record is ever held in memory.
public struct CSVReader: TabularReader {
    static let defaultChunkSize = 256 * 1024

    /// `,`, `;` or tab, detected from the first record: spreadsheets in comma-decimal locales
    /// export with `;`, and "Unicode text" exports use tabs.
    public private(set) var separator: UInt8

    // A class so that the buffer and file handle have one owner that can clean up in deinit.
    package let parser: CSVParser

    public init(url: URL) throws {
        try self.init(url: url, chunkSize: Self.defaultChunkSize)
    }

    public init(data: Data) {
        self.init(data: data, chunkSize: Self.defaultChunkSize)
    }

    init(url: URL, chunkSize: Int) throws {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: url)
        } catch {
            throw TabularError(message: "cannot open \(url.lastPathComponent): \(error.localizedDescription)")
        }
        parser = try CSVParser(source: .file(handle), chunkSize: chunkSize)
        separator = parser.separator
    }

    init(data: Data, chunkSize: Int) {
        // The parser throws only when reading a file fails, which memory cannot.
        parser = try! CSVParser(source: .memory(data), chunkSize: chunkSize)
        separator = parser.separator
    }

    public mutating func next() throws -> TabularRow? {
        try parser.next()
    }

    public mutating func nextFields(_ body: (TabularFields) throws -> Void) throws -> Bool {
        try parser.nextFields(body)
    }
}

private let quote: UInt8 = 0x22
private let lineFeed: UInt8 = 0x0A
private let carriageReturn: UInt8 = 0x0D

package final class CSVParser {
    private enum Terminator { case separator, record }

    /// A record longer than this is almost always an unterminated quote swallowing the rest of the
    /// file; stopping early keeps memory bounded and still names the row where it started.
    static let maxRecordBytes = 16 * 1024 * 1024
    /// Excel's column limit; a record of endless separators would otherwise grow without bound.
    static let maxColumns = 16_384

    package let separator: UInt8
    private let input: ByteChunks
    private var recordNumber = 0
    private var swallowLineFeed = false
    /// The current record's fields, unescaped and back to back; `ends[i]` is where field `i` stops.
    /// Filled for every record, whether the caller wants `String`s or bytes.
    private let record = FieldArena()
    /// Where a plain record's fields lie in the read buffer, when they can be handed out in place.
    private let plainBounds = FieldBounds()
    private var failure: TabularError?

    init(source: ByteChunks.Source, chunkSize: Int) throws {
        input = ByteChunks(source: source, chunkSize: chunkSize)
        do {
            separator = try CSVSeparator.detect(in: input, lookahead: Self.maxRecordBytes)
        } catch {
            throw TabularError(message: "cannot read the file: \(error.localizedDescription)")
        }
        let bytes = input.base + input.pos
        if input.count - input.pos >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            input.pos += 3
        }
    }

    /// A parser of records already split off another one's input (`takeQuoteFreeRecords`), to be
    /// read on another thread; its record numbers count from 1 within them.
    package init(borrowing bytes: UnsafeMutableBufferPointer<UInt8>, separator: UInt8) {
        input = ByteChunks(borrowing: bytes)
        self.separator = separator
    }

    /// The number of the last record read (blank ones included).
    package var recordsRead: Int { recordNumber }

    /// Numbers the records read from now on from 1, for a caller that hands runs of records to
    /// other parsers and so counts records itself.
    package func restartNumbering() {
        recordNumber = 0
    }

    func next() throws -> TabularRow? {
        guard try advance() else { return nil }
        return record.row(number: recordNumber)
    }

    package func nextFields(_ body: (TabularFields) throws -> Void) throws -> Bool {
        if failure == nil, let fieldCount = scanPlainRecord() {
            try body(TabularFields(number: recordNumber, count: fieldCount, base: input.base, bounds: plainBounds.pointer))
            return true
        }
        guard try advance() else { return false }
        try record.withFields(number: recordNumber, body)
        return true
    }

    /// The common record, read in place: every field unquoted and ASCII, the whole record and
    /// the rest of the eight-byte word holding its terminator inside the read buffer. The record
    /// is read eight bytes at a time, every field end in a word found at once, so a short field
    /// costs no load of its own. Everything is in locals, so the loop makes no exclusivity checks
    /// on this class's state. Returns nil, having consumed nothing, for any
    /// other record, which `readRecord` then reads with all its rules.
    private func scanPlainRecord() -> Int? {
        guard !swallowLineFeed else { return nil }
        let base = input.base, end = input.count, sep = separator
        let bounds = plainBounds.pointer, capacity = plainBounds.capacity
        let sepMask = UInt64(sep) &* 0x0101_0101_0101_0101
        var word = input.pos, fieldStart = word, fields = 0
        var highBits: UInt64 = 0
        guard fieldStart < end, base[fieldStart] != quote else { return nil }
        while word + 8 <= end {
            let bytes = UnsafeRawPointer(base + word).loadUnaligned(as: UInt64.self)
            var stops = Self.stopBytes(in: bytes, separatorMask: sepMask)
            while stops != 0 {
                let stop = word + stops.trailingZeroBitCount >> 3
                stops &= stops &- 1
                guard fields < capacity else { return nil }
                (bounds[2 * fields], bounds[2 * fields + 1]) = (fieldStart, stop)
                fields += 1
                let byte = base[stop]
                if byte == sep {
                    fieldStart = stop + 1
                    guard fieldStart < end, base[fieldStart] != quote else { return nil }
                    continue
                }
                // The record ends: only its own bytes count for the ASCII test.
                highBits |= bytes & ((1 << (UInt64(stop - word) << 3)) &- 1)
                guard highBits & 0x8080_8080_8080_8080 == 0 else { return nil }
                var next = stop + 1
                if byte == carriageReturn {
                    guard next < end else { return nil }
                    if base[next] == lineFeed { next += 1 }
                }
                input.pos = next
                recordNumber += 1
                return fields
            }
            highBits |= bytes
            word += 8
        }
        return nil
    }

    /// High bit set in each byte of `word` that is the separator (`separatorMask` is it in every
    /// byte), CR or LF, and in no other.
    @inline(__always)
    private static func stopBytes(in word: UInt64, separatorMask: UInt64) -> UInt64 {
        zeroBytes(word ^ separatorMask) | zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A) | zeroBytes(word ^ 0x0D0D_0D0D_0D0D_0D0D)
    }

    /// High bit set in each byte of `word` that is zero, and in no other (the shorter borrowing
    /// test can also mark the byte after a zero one, such as a '-' after a comma).
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | word | 0x7F7F_7F7F_7F7F_7F7F)
    }

    /// Moves the next whole records, at most `capacity` bytes of them, into `destination` when
    /// none of them has a quote, and returns how many bytes it moved; 0 at the end of the input.
    /// Without quotes every line feed ends a record, so records can be split off unread, to be
    /// read by a parser of their own on another thread. Their records are not counted here.
    /// Returns nil, having moved nothing, when the next record has a quote or is longer than
    /// `capacity`: read it with `nextFields`, then ask again.
    package func takeQuoteFreeRecords(into destination: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int? {
        if let failure { throw failure }
        guard !swallowLineFeed else { return nil }
        // What is buffered, then straight from the file: reading through the buffer would copy
        // every byte once more.
        var length = min(input.count - input.pos, capacity)
        destination.update(from: input.base + input.pos, count: length)
        input.pos += length
        while length < capacity, !input.atEOF {
            do {
                length += try input.read(into: destination + length, upTo: capacity - length)
            } catch {
                // No row: this parser does not number the records it splits off.
                throw readFailure(error, row: nil)
            }
        }
        guard length > 0 else { return 0 }
        let restOfInput = input.atEOF && input.pos == input.count
        guard let end = Self.quoteFreeRecordsEnd(in: destination, count: length, restOfInput: restOfInput) else {
            input.unread(destination, count: length)
            return nil
        }
        input.unread(destination + end, count: length - end)
        return end
    }

    /// Where the whole records without a quote at the start of `bytes` end; nil when the first
    /// record has a quote or does not end within them.
    private static func quoteFreeRecordsEnd(in bytes: UnsafeMutablePointer<UInt8>, count: Int, restOfInput: Bool) -> Int? {
        var end = count
        if !restOfInput {
            guard let lineFeed = lastLineFeed(in: bytes, before: count) else { return nil }
            end = lineFeed + 1
        }
        if let found = memchr(bytes, Int32(quote), end) {
            guard let lineFeed = lastLineFeed(in: bytes, before: bytes.distance(to: found.assumingMemoryBound(to: UInt8.self))) else {
                return nil
            }
            end = lineFeed + 1
        }
        return end
    }

    private static func lastLineFeed(in bytes: UnsafeMutablePointer<UInt8>, before end: Int) -> Int? {
        var index = end - 1
        while index >= 0, bytes[index] != lineFeed { index -= 1 }
        return index >= 0 ? index : nil
    }

    private func advance() throws -> Bool {
        if let failure { throw failure }
        do {
            return try readRecord()
        } catch let error as TabularError {
            failure = error
            input.close()
            throw error
        }
    }

    // MARK: Records and fields

    private func readRecord() throws -> Bool {
        if swallowLineFeed {
            swallowLineFeed = false
            if try hasByte(), input.base[input.pos] == lineFeed { input.pos += 1 }
        }
        guard try hasByte() else {
            input.close()
            return false
        }
        recordNumber += 1
        record.reset()
        while true {
            // Fast path, taken by almost every field: unquoted and ending inside this chunk.
            let start = input.pos
            if start < input.count, input.base[start] != quote {
                let (stop, ascii) = Self.scanUnquoted(input.base, from: start, to: input.count, separator: separator)
                if stop < input.count {
                    if !ascii { try checkUTF8(input.base + start, count: stop - start) }
                    try append(from: start, to: stop)
                    record.endField()
                    input.pos = stop
                    if consumeTerminator() == .record { break }
                    if record.fieldCount >= Self.maxColumns { throw tooWide() }
                    continue
                }
            }
            let fieldStart = record.byteCount
            let terminator: Terminator
            if input.pos == input.count, !(try hasByte()) {
                terminator = .record  // a separator right before EOF: an empty last field
            } else if input.base[input.pos] == quote {
                input.pos += 1
                terminator = try readQuoted()
            } else {
                terminator = try readUnquoted()
            }
            try checkUTF8(record.bytes + fieldStart, count: record.byteCount - fieldStart)
            record.endField()
            if terminator == .record { break }
            if record.fieldCount >= Self.maxColumns { throw tooWide() }
        }
        return true
    }

    /// An unquoted field that crosses chunks (or starts at a chunk's end).
    private func readUnquoted() throws -> Terminator {
        while true {
            let start = input.pos
            let (stop, _) = Self.scanUnquoted(input.base, from: start, to: input.count, separator: separator)
            try append(from: start, to: stop)
            input.pos = stop
            if stop < input.count { return consumeTerminator() }
            if !(try hasByte()) { return .record }
        }
    }

    /// Index of the first separator, CR or LF at or after `start` (or `end`), and whether every
    /// byte before it is ASCII so the field can skip UTF-8 validation. Eight bytes at a time (SWAR).
    @inline(__always)
    private static func scanUnquoted(
        _ base: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int,
        separator sep: UInt8
    ) -> (Int, Bool) {
        let sepMask = UInt64(sep) &* 0x0101_0101_0101_0101
        var index = start
        var highBits: UInt64 = 0
        while index + 8 <= end {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let hits = stopBytes(in: word, separatorMask: sepMask)
            if hits != 0 {
                let offset = hits.trailingZeroBitCount >> 3
                highBits |= word & ((1 << (UInt64(offset) << 3)) &- 1)
                return (index + offset, highBits & 0x8080_8080_8080_8080 == 0)
            }
            highBits |= word
            index += 8
        }
        while index < end {
            let byte = base[index]
            if isStop(byte, sep) { break }
            highBits |= UInt64(byte)
            index += 1
        }
        return (index, highBits & 0x8080_8080_8080_8080 == 0)
    }

    @inline(__always)
    private static func isStop(_ byte: UInt8, _ sep: UInt8) -> Bool {
        byte == sep || byte == lineFeed || byte == carriageReturn
    }

    /// After the opening quote: up to and including the terminator after the closing quote.
    private func readQuoted() throws -> Terminator {
        var closed = false
        while true {
            guard try hasByte() else {
                if closed { return .record }
                throw TabularError(row: recordNumber, message: "a quoted field opened here is never closed")
            }
            if closed {
                let byte = input.base[input.pos]
                if byte == quote {
                    // "" inside quotes is one literal quote.
                    try append(from: input.pos, to: input.pos + 1)
                    input.pos += 1
                    closed = false
                    continue
                }
                if Self.isStop(byte, separator) { return consumeTerminator() }
                // Text after the closing quote (`"a"b`) is kept, as spreadsheets do, rather than rejected.
                return try readUnquoted()
            }
            let base = input.base
            let start = input.pos
            let end = input.count
            var index = start
            while index < end, base[index] != quote { index += 1 }
            try append(from: start, to: index)
            input.pos = index
            if index < end {
                input.pos += 1
                closed = true
            }
        }
    }

    @inline(__always)
    private func consumeTerminator() -> Terminator {
        let byte = input.base[input.pos]
        input.pos += 1
        if byte == separator { return .separator }
        if byte == carriageReturn {
            // The LF of a CRLF may be the first byte of the next chunk; the next record skips it.
            if input.pos < input.count {
                if input.base[input.pos] == lineFeed { input.pos += 1 }
            } else {
                swallowLineFeed = true
            }
        }
        return .record
    }

    private func tooWide() -> TabularError {
        TabularError(row: recordNumber, message: "record has more than \(Self.maxColumns) columns")
    }

    @inline(__always)
    private func append(from start: Int, to end: Int) throws {
        guard end > start else { return }
        if record.byteCount + end - start > Self.maxRecordBytes {
            throw TabularError(
                row: recordNumber,
                message: "record is longer than \(Self.maxRecordBytes / 1024 / 1024) MiB; is a quote left open?")
        }
        record.append(input.base + start, count: end - start)
    }

    private func checkUTF8(_ bytes: UnsafeMutablePointer<UInt8>, count: Int) throws {
        guard !UTF8Text.isValid(UnsafeBufferPointer(start: bytes, count: count)) else { return }
        throw TabularError(
            row: recordNumber, column: record.fieldCount,
            message: "the text is not valid UTF-8: save the file as CSV UTF-8")
    }

    // MARK: Input

    @inline(__always)
    private func hasByte() throws -> Bool {
        input.pos < input.count ? true : try refill()
    }

    private func refill() throws -> Bool {
        while input.pos == input.count {
            guard try readMore() else { return false }
        }
        return true
    }

    private func readMore() throws -> Bool {
        do {
            return try input.readMore()
        } catch {
            throw readFailure(error, row: recordNumber == 0 ? nil : recordNumber)
        }
    }

    private func readFailure(_ error: any Error, row: Int?) -> TabularError {
        TabularError(row: row, message: "cannot read the file: \(error.localizedDescription)")
    }
}
