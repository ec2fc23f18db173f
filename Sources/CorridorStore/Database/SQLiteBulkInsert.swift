import CorridorCore
import NIOCore

/// Rows inserted on a direct SQLite connection through statements prepared once: a
/// `rowsPerStatement`-row INSERT bound from a buffer and stepped for every full statement's worth
/// of rows, a one-row INSERT for the rest of a send. sqlite-nio prepared each 500-row statement anew, and
/// parsing took about 40 % of SQLite's thread in a large import.
///
/// One batch stays in flight on the thread pool while the caller fills the next, so checking rows
/// and writing them use both cores. The owner must call `drain()` before using the connection for
/// anything else, and before the transaction ends, pass or fail.
struct SQLiteBulkInsert {
    /// One column's value.
    enum Value {
        case integer(Int64)
        case real(Double)
        case null
        case text(String)
        /// Written as its ISO text, `YYYY-MM-DD`.
        case day(Day)
    }

    let connection: SQLiteDirectConnection
    let width: Int
    let rowsPerStatement: Int
    private let batchSQL: String
    private let rowSQL: String
    /// The batch being filled; `spare` is the other one, in flight or written and emptied. Two
    /// batches take turns so that their storage is reused.
    private var batch: Batch
    private var spare: Batch
    private var column = 0
    private var inFlight: EventLoopFuture<Void>?

    /// Rows appended but not yet sent.
    var bufferedRows: Int { batch.values.count / width }

    init(connection: SQLiteDirectConnection, table: String, columns: [String], rowsPerStatement: Int = 500) {
        precondition(!columns.isEmpty && rowsPerStatement > 0)
        self.connection = connection
        width = columns.count
        self.rowsPerStatement = rowsPerStatement
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        let row = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
        batchSQL = head + Array(repeating: row, count: rowsPerStatement).joined(separator: ", ")
        rowSQL = head + row
        batch = Batch(capacity: rowsPerStatement * width)
        spare = Batch(capacity: rowsPerStatement * width)
    }

    /// Appends the next value; a row is `width` consecutive values.
    mutating func append(_ value: Value) {
        switch value {
        case .integer(let number): batch.values.append(number); batch.kinds.append(Batch.integer)
        case .real(let number): batch.values.append(Int64(bitPattern: number.bitPattern)); batch.kinds.append(Batch.real)
        case .null: batch.values.append(0); batch.kinds.append(Batch.null)
        case .text(var text):
            text.withUTF8 { batch.bytes.append(contentsOf: $0) }
            batch.values.append(Int64(batch.bytes.count))
            batch.kinds.append(Batch.text)
        case .day(let day):
            let iso = day.isoBytes
            iso.span.withUnsafeBufferPointer { batch.bytes.append(contentsOf: $0) }
            batch.values.append(Int64(batch.bytes.count))
            batch.kinds.append(Batch.text)
        }
        column = column == width - 1 ? 0 : column + 1
    }

    /// Sends the buffered rows once the previous batch has been written: as many full
    /// statements as they fill, then the rest one row at a time. Callers send many statements'
    /// worth at once: each trip to the thread pool and back costs wake-ups, and the caller
    /// waited on them.
    mutating func send() async throws {
        try await drain()
        guard bufferedRows > 0 else { return }
        precondition(column == 0, "a row must have one value per column")
        let filled = batch, (width, rowsPerStatement) = (width, rowsPerStatement)
        (batch, spare) = (spare, filled)
        inFlight = connection.withStatements(batchSQL, rowSQL) { full, single in
            defer { filled.removeAll() }
            try filled.bind(full: full, rowsPerStatement: rowsPerStatement, single: single, width: width)
        }
    }

    /// Waits for the batch in flight, surfacing its error.
    mutating func drain() async throws {
        guard let pending = inFlight else { return }
        inFlight = nil
        try await pending.get()
    }

    /// Values in column order: integers as they are, reals as their bits, text as the end of its
    /// bytes in `bytes`.
    /// Used by one thread at a time: the caller's while it fills the batch, the thread pool's
    /// while it is written; the future in between orders the two. So the storage is exempt from
    /// the runtime's exclusivity checks, which took a twentieth of the importing thread.
    private final class Batch: @unchecked Sendable {
        static let integer: UInt8 = 0, null: UInt8 = 1, text: UInt8 = 2, real: UInt8 = 3
        @exclusivity(unchecked) var values: GrowableBuffer<Int64>
        @exclusivity(unchecked) var kinds: GrowableBuffer<UInt8>
        /// Starts with one unused byte, so that even empty text is bound at a real address.
        @exclusivity(unchecked) var bytes: GrowableBuffer<UInt8>

        init(capacity: Int) {
            values = GrowableBuffer(capacity: capacity)
            kinds = GrowableBuffer(capacity: capacity)
            bytes = GrowableBuffer(capacity: capacity * 8)
            bytes.append(0)
        }

        deinit {
            values.deallocate()
            kinds.deallocate()
            bytes.deallocate()
        }

        func removeAll() {
            values.removeAll()
            kinds.removeAll()
            bytes.removeAll(keepingFirst: 1)
        }

        /// Binds the values a full statement's worth at a time to `full`, then a row at a time to
        /// `single`, stepping the statement after each group. Text is bound in place: `bytes`
        /// outlives every step.
        func bind(
            full: SQLiteDirectConnection.Statement, rowsPerStatement: Int, single: SQLiteDirectConnection.Statement, width: Int
        ) throws {
            let valuesInFull = values.count / (rowsPerStatement * width) * rowsPerStatement * width
            let base = UnsafePointer(bytes.base)
            var start = 1, parameter: Int32 = 1
            var (statement, valuesPerStep) = (full, rowsPerStatement * width)
            for index in 0..<values.count {
                if index == valuesInFull { (statement, valuesPerStep) = (single, width) }
                switch kinds[index] {
                case Self.integer: try statement.bindInteger(parameter, values[index])
                case Self.real: try statement.bindReal(parameter, Double(bitPattern: UInt64(bitPattern: values[index])))
                case Self.null: try statement.bindNull(parameter)
                default:
                    let end = Int(values[index])
                    try statement.bindText(parameter, base + start, count: end - start)
                    start = end
                }
                if Int(parameter) == valuesPerStep {
                    try statement.run()
                    parameter = 1
                } else {
                    parameter += 1
                }
            }
        }
    }
}
