import Foundation

/// Streaming RFC 4180 reader. Works on raw bytes so a million-row upload parses in well under a
/// second and only one chunk plus the current record is ever held in memory.
public struct CSVReader: TabularReader {
    static let defaultChunkSize = 256 * 1024

    /// `,`, `;` or tab, detected from the first record: spreadsheets in comma-decimal locales
    /// export with `;`, and "Unicode text" exports use tabs.
    public private(set) var separator: UInt8

    // A class so that the buffer and file handle have one owner that can clean up in deinit.
    private let parser: CSVParser

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
}

private let quote: UInt8 = 0x22
private let lineFeed: UInt8 = 0x0A
private let carriageReturn: UInt8 = 0x0D

final class CSVParser {
    private enum Terminator { case separator, record }

    /// A record longer than this is almost always an unterminated quote swallowing the rest of the
    /// file; stopping early keeps memory bounded and still names the row where it started.
    static let maxRecordBytes = 16 * 1024 * 1024
    /// Excel's column limit; a record of endless separators would otherwise grow without bound.
    static let maxColumns = 16_384

    let separator: UInt8
    private let input: ByteChunks
    private var recordNumber = 0
    private var recordBytes = 0
    private var swallowLineFeed = false
    private var scratch: [UInt8] = []
    private var widthHint = 8
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

    func next() throws -> TabularRow? {
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

    private func readRecord() throws -> TabularRow? {
        if swallowLineFeed {
            swallowLineFeed = false
            if try hasByte(), input.base[input.pos] == lineFeed { input.pos += 1 }
        }
        guard try hasByte() else {
            input.close()
            return nil
        }
        recordNumber += 1
        recordBytes = 0
        var cells: [String] = []
        cells.reserveCapacity(widthHint)
        while true {
            // Fast path, taken by almost every field: unquoted and ending inside this chunk.
            let start = input.pos
            if start < input.count, input.base[start] != quote {
                let (stop, ascii) = Self.scanUnquoted(input.base, from: start, to: input.count, separator: separator)
                if stop < input.count {
                    let bytes = UnsafeBufferPointer(start: input.base + start, count: stop - start)
                    cells.append(ascii ? String(decoding: bytes, as: UTF8.self)
                                       : try makeString(bytes, column: cells.count + 1))
                    recordBytes += stop - start
                    input.pos = stop
                    if consumeTerminator() == .record { break }
                    if cells.count >= Self.maxColumns { throw tooWide() }
                    continue
                }
            }
            let column = cells.count + 1
            let terminator: Terminator
            let value: String
            if input.pos == input.count, !(try hasByte()) {
                (value, terminator) = ("", .record)  // a separator right before EOF
            } else if input.base[input.pos] == quote {
                input.pos += 1
                (value, terminator) = try readQuoted(column: column)
            } else {
                (value, terminator) = try readUnquoted(column: column)
            }
            cells.append(value)
            if terminator == .record { break }
            if cells.count >= Self.maxColumns { throw tooWide() }
        }
        widthHint = cells.count
        return TabularRow(number: recordNumber, cells: cells)
    }

    /// An unquoted field that crosses chunks (or starts at a chunk's end): collected in `scratch`.
    private func readUnquoted(column: Int) throws -> (String, Terminator) {
        scratch.removeAll(keepingCapacity: true)
        while true {
            let start = input.pos
            let (stop, _) = Self.scanUnquoted(input.base, from: start, to: input.count, separator: separator)
            try spill(from: start, to: stop)
            input.pos = stop
            if stop < input.count {
                return (try makeString(scratch, column: column), consumeTerminator())
            }
            if !(try hasByte()) { return (try makeString(scratch, column: column), .record) }
        }
    }

    /// Index of the first separator, CR or LF at or after `start` (or `end`), and whether every
    /// byte before it is ASCII so the field can skip UTF-8 validation. Eight bytes at a time (SWAR).
    @inline(__always)
    private static func scanUnquoted(_ base: UnsafeMutablePointer<UInt8>, from start: Int, to end: Int,
                                     separator sep: UInt8) -> (Int, Bool) {
        let sepMask = UInt64(sep) &* 0x0101_0101_0101_0101
        var index = start
        var highBits: UInt64 = 0
        while index + 8 <= end {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let hits = zeroBytes(word ^ sepMask) | zeroBytes(word ^ 0x0A0A_0A0A_0A0A_0A0A)
                | zeroBytes(word ^ 0x0D0D_0D0D_0D0D_0D0D)
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

    /// High bit set in each byte of `word` that is zero; exact for the lowest such byte.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    private func readQuoted(column: Int) throws -> (String, Terminator) {
        // Fast path: closing quote in this chunk, no "" escape, and a terminator right after it.
        let base = input.base
        var closing = input.pos
        while closing < input.count, base[closing] != quote { closing += 1 }
        if closing + 1 < input.count, Self.isStop(base[closing + 1], separator) {
            let value = try makeString(UnsafeBufferPointer(start: base + input.pos, count: closing - input.pos),
                                       column: column)
            recordBytes += closing - input.pos
            input.pos = closing + 1
            return (value, consumeTerminator())
        }
        scratch.removeAll(keepingCapacity: true)
        var closed = false
        while true {
            guard try hasByte() else {
                if closed { return (try makeString(scratch, column: column), .record) }
                throw TabularError(row: recordNumber, message: "a quoted field opened here is never closed")
            }
            if closed {
                let byte = input.base[input.pos]
                if byte == quote {
                    // "" inside quotes is one literal quote.
                    scratch.append(quote)
                    input.pos += 1
                    closed = false
                    continue
                }
                if byte == separator || byte == lineFeed || byte == carriageReturn {
                    return (try makeString(scratch, column: column), consumeTerminator())
                }
                // Text after the closing quote (`"a"b`) is kept, as spreadsheets do, rather than rejected.
                let head = try makeString(scratch, column: column)
                let (rest, terminator) = try readUnquoted(column: column)
                return (head + rest, terminator)
            }
            let base = input.base
            let start = input.pos
            let end = input.count
            var index = start
            while index < end, base[index] != quote { index += 1 }
            try spill(from: start, to: index)
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

    private func spill(from start: Int, to end: Int) throws {
        guard end > start else { return }
        recordBytes += end - start
        if recordBytes > Self.maxRecordBytes {
            throw TabularError(row: recordNumber,
                               message: "record is longer than \(Self.maxRecordBytes / 1024 / 1024) MiB; is a quote left open?")
        }
        scratch.append(contentsOf: UnsafeBufferPointer(start: input.base + start, count: end - start))
    }

    private func makeString(_ bytes: UnsafeBufferPointer<UInt8>, column: Int) throws -> String {
        guard let value = UTF8Text.string(bytes) else {
            throw TabularError(row: recordNumber, message: "column \(column) is not valid UTF-8; save the file as CSV UTF-8")
        }
        return value
    }

    private func makeString(_ bytes: [UInt8], column: Int) throws -> String {
        try bytes.withUnsafeBufferPointer { try makeString($0, column: column) }
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
            throw TabularError(row: recordNumber == 0 ? nil : recordNumber,
                               message: "cannot read the file: \(error.localizedDescription)")
        }
    }
}
