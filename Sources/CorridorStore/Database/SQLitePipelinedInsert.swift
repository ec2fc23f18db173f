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
    private var sql: [UInt8]
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
        sql.reserveCapacity(64 * 1024)
    }

    /// Appends the next value; a row is `width` consecutive values.
    mutating func append(_ value: Value) {
        if column > 0 {
            sql.append(UInt8(ascii: ","))
        } else {
            if bufferedRows > 0 { sql.append(UInt8(ascii: ",")) }
            sql.append(UInt8(ascii: "("))
        }
        switch value {
        case .integer(let number):
            appendDecimal(number)
        case .day(let day):
            let bytes = day.isoBytes
            sql.append(UInt8(ascii: "'"))
            for index in 0..<10 { sql.append(bytes[index]) }
            sql.append(UInt8(ascii: "'"))
        case .null:
            sql.append(contentsOf: "NULL".utf8)
        case .literal(let text) where !text.utf8.contains(0):
            sql.append(UInt8(ascii: "'"))
            for byte in text.utf8 {
                if byte == UInt8(ascii: "'") { sql.append(byte) }  // SQL's only escape: a doubled quote
                sql.append(byte)
            }
            sql.append(UInt8(ascii: "'"))
        case .literal(let text), .bound(let text):
            // A NUL would end the statement text early, so such text is always bound.
            sql.append(UInt8(ascii: "?"))
            binds.append(.text(text))
        }
        column += 1
        if column == width {
            sql.append(UInt8(ascii: ")"))
            column = 0
            bufferedRows += 1
        }
    }

    /// Digits straight into the statement, without a `String` per number.
    private mutating func appendDecimal(_ number: Int64) {
        if number < 0 { sql.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits = InlineArray<20, UInt8>(repeating: 0)
        var first = 20
        repeat {
            first -= 1
            digits[first] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        for index in first..<20 { sql.append(digits[index]) }
    }

    /// Sends the buffered rows once the previous statement has finished.
    mutating func send() async throws {
        try await drain()
        guard bufferedRows > 0 else { return }
        precondition(column == 0, "a row must have one value per column")
        inFlight = connection.query(String(decoding: sql, as: UTF8.self), binds)
        sql.removeSubrange(headLength...)
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
