import CorridorCore
import Logging
import NIOCore
import PostgresKit

/// Rows written to a PostgreSQL table with `COPY … FROM STDIN` in its text format, on the
/// transaction's own connection. The server parses COPY rows several times faster than it binds
/// a multi-row INSERT, and one COPY carries thousands of rows in one round trip.
///
/// One COPY stays in flight while the caller fills the next buffer, so checking rows here and
/// storing them in the server use both cores. The owner must call `drain()` before using the
/// connection for anything else, and before the transaction ends, pass or fail.
struct PostgresCopyRows {
    let connection: PostgresConnection
    /// Where the next `send` writes.
    var table: String
    let columns: [String]
    let logger: Logger
    private var buffer: ByteBuffer
    private var column = 0
    private var inFlight: Task<Void, any Error>?
    /// Rows appended but not yet sent.
    private(set) var bufferedRows = 0

    init(connection: PostgresConnection, table: String, columns: [String], logger: Logger) {
        precondition(!columns.isEmpty)
        (self.connection, self.table, self.columns, self.logger) = (connection, table, columns, logger)
        buffer = ByteBufferAllocator().buffer(capacity: 1 << 20)
    }

    mutating func appendInteger(_ value: Int64) {
        startValue()
        if value < 0 { buffer.writeInteger(UInt8(ascii: "-")) }
        var rest = value.magnitude
        var digits = InlineArray<20, UInt8>(repeating: 0)
        var first = 20
        repeat {
            first -= 1
            digits[first] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        } while rest > 0
        for index in first..<20 { buffer.writeInteger(digits[index]) }
        endValue()
    }

    /// Text, with the four bytes COPY's text format gives a meaning escaped.
    mutating func appendText(_ value: String) {
        startValue()
        var value = value
        value.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) else {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case 0x5C: buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
        endValue()
    }

    /// A day as its ISO text, `YYYY-MM-DD`.
    mutating func appendDay(_ day: Day) {
        startValue()
        let iso = day.isoBytes
        for index in 0..<10 { buffer.writeInteger(iso[index]) }
        endValue()
    }

    mutating func appendNull() {
        startValue()
        buffer.writeStaticString("\\N")
        endValue()
    }

    private mutating func startValue() {
        if column > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
    }

    private mutating func endValue() {
        column += 1
        if column == columns.count {
            buffer.writeInteger(UInt8(ascii: "\n"))
            column = 0
            bufferedRows += 1
        }
    }

    /// Sends the buffered rows as one COPY once the previous one has finished.
    mutating func send() async throws {
        try await drain()
        guard bufferedRows > 0 else { return }
        precondition(column == 0, "a row must have one value per column")
        let rows = buffer
        buffer = ByteBufferAllocator().buffer(capacity: rows.readableBytes)
        bufferedRows = 0
        let (connection, table, columns, logger) = (connection, table, columns, logger)
        inFlight = Task {
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in try await writer.write(rows) }
        }
    }

    /// Waits for the COPY in flight.
    mutating func drain() async throws {
        guard let copy = inFlight else { return }
        inFlight = nil
        try await copy.value
    }
}
