import CorridorCore
import NIOCore
import SQLiteKit

/// Multi-row INSERTs on one SQLite connection, sent to sqlite-nio directly. Going through SQLKit
/// cost a fifth of a large import in serialising the statement and `Encodable`-encoding every
/// value. One statement stays in flight on sqlite-nio's thread pool while the caller builds the
/// next batch, so checking rows and writing them use both cores.
///
/// Values Corridor made itself (integers, status words, ISO dates) are written into the statement
/// as literals; text read from a report is bound. sqlite-nio prepares every statement anew and
/// binds value by value through Swift on SQLite's thread, the import's bottleneck: ten binds took
/// about a fifth of that thread's time per line, while the parser reads a literal about as fast
/// as a `?`. The statement text is built on the caller's thread, which has time to spare.
///
/// The owner must call `drain()` before using the connection for anything else, and before the
/// transaction ends, pass or fail: sqlite-nio may run two submitted statements in either order.
struct SQLitePipelinedInsert {
    /// One column's value.
    enum Value {
        case integer(Int64)
        case null
        /// Text Corridor formats itself from a closed set of characters (status words).
        case literal(String)
        /// Written as its ISO text, `'YYYY-MM-DD'`.
        case day(Day)
        /// Text from a report.
        case bound(String)
    }

    let connection: SQLiteConnection
    let width: Int
    private let headLength: Int
    /// The statement's text is `sql[..<length]`; the array only grows, and is written through a
    /// pointer a value at a time (appending byte by byte cost a tenth of the importing thread).
    private var sql: [UInt8]
    private var length: Int
    private var binds: [SQLiteData] = []
    private var column = 0
    /// Rows appended but not yet sent.
    private(set) var bufferedRows = 0
    private var inFlight: EventLoopFuture<[SQLiteRow]>?

    init(connection: SQLiteConnection, table: String, columns: [String]) {
        self.connection = connection
        width = columns.count
        sql = Array("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES ".utf8)
        headLength = sql.count
        length = headLength
        sql.append(contentsOf: repeatElement(0, count: 64 * 1024))
    }

    /// Appends the next value; a row is `width` consecutive values.
    mutating func append(_ value: Value) {
        // At most a comma, "(", the value and ")" (a one-column row has all three). The longest
        // values: an Int64 with its sign (20 bytes), a literal whose every byte is a quote.
        let longest: Int
        if case .literal(let text) = value { longest = 2 * text.utf8.count + 5 } else { longest = 23 }
        let opening: UInt8? = column > 0 ? UInt8(ascii: ",") : bufferedRows > 0 ? UInt8(ascii: ",") : nil
        let opensRow = column == 0, closing = column == width - 1
        var bound: String?
        write(upTo: longest) { out in
            var count = 0
            func put(_ byte: UInt8) {
                out[count] = byte
                count += 1
            }
            if let opening { put(opening) }
            if opensRow { put(UInt8(ascii: "(")) }
            switch value {
            case .integer(let number):
                if number < 0 { put(UInt8(ascii: "-")) }
                var digits = InlineArray<20, UInt8>(repeating: 0)
                var first = 20, magnitude = number.magnitude
                repeat {
                    first -= 1
                    digits[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                    magnitude /= 10
                } while magnitude > 0
                for index in first..<20 { put(digits[index]) }
            case .day(let day):
                let bytes = day.isoBytes
                put(UInt8(ascii: "'"))
                for index in 0..<10 { put(bytes[index]) }
                put(UInt8(ascii: "'"))
            case .null:
                for byte in "NULL".utf8 { put(byte) }
            case .literal(let text) where !text.utf8.contains(0):
                put(UInt8(ascii: "'"))
                for byte in text.utf8 {
                    if byte == UInt8(ascii: "'") { put(byte) }  // SQL's only escape: a doubled quote
                    put(byte)
                }
                put(UInt8(ascii: "'"))
            case .literal(let text), .bound(let text):
                // A NUL would end the statement text early, so such text is always bound.
                put(UInt8(ascii: "?"))
                bound = text
            }
            if closing { put(UInt8(ascii: ")")) }
            return count
        }
        if let bound { binds.append(.text(bound)) }
        column = closing ? 0 : column + 1
        if closing { bufferedRows += 1 }
    }

    /// Writes at most `maxCount` bytes after the text so far; `body` returns how many it wrote.
    private mutating func write(upTo maxCount: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        let start = length
        if start + maxCount > sql.count { sql.append(contentsOf: repeatElement(0, count: max(maxCount, sql.count))) }
        let written = sql.withUnsafeMutableBufferPointer { body($0.baseAddress! + start) }
        precondition(written <= maxCount, "wrote past the room made for a value")
        length += written
    }

    /// Sends the buffered rows once the previous statement has finished.
    mutating func send() async throws {
        try await drain()
        guard bufferedRows > 0 else { return }
        precondition(column == 0, "a row must have one value per column")
        let text = sql.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[..<length]), as: UTF8.self) }
        inFlight = connection.query(text, binds)
        length = headLength
        binds.removeAll(keepingCapacity: true)
        bufferedRows = 0
    }

    /// Waits for the statement in flight, surfacing its error.
    mutating func drain() async throws {
        guard let pending = inFlight else { return }
        inFlight = nil
        _ = try await pending.get()
    }
}
