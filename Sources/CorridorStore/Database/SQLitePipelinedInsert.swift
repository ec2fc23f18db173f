import NIOCore
import SQLiteKit

/// Multi-row INSERTs on one SQLite connection, bound as `SQLiteData` directly. Going through
/// SQLKit cost a fifth of a large import in serialising the statement and `Encodable`-encoding
/// every value. One statement stays in flight on sqlite-nio's thread pool while the caller builds
/// the next batch, so checking rows and writing them use both cores.
///
/// The owner must call `drain()` before using the connection for anything else, and before the
/// transaction ends, pass or fail: sqlite-nio may run two submitted statements in either order.
struct SQLitePipelinedInsert {
    let connection: SQLiteConnection
    let width: Int
    let rowsPerStatement: Int
    private let head: String
    private let fullStatement: String
    private var binds: [SQLiteData] = []
    private var inFlight: EventLoopFuture<[SQLiteRow]>?

    init(connection: SQLiteConnection, table: String, columns: [String], rowsPerStatement: Int = 500) {
        self.connection = connection
        width = columns.count
        self.rowsPerStatement = rowsPerStatement
        head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        fullStatement = Self.statement(head: head, width: columns.count, rows: rowsPerStatement)
        binds.reserveCapacity(width * rowsPerStatement)
    }

    /// Rows appended but not yet sent.
    var bufferedRows: Int { binds.count / width }

    /// Appends one value; a row is `width` consecutive values.
    mutating func append(_ value: SQLiteData) {
        binds.append(value)
    }

    /// Sends the buffered rows once the previous statement has finished.
    mutating func send() async throws {
        try await drain()
        guard !binds.isEmpty else { return }
        precondition(binds.count % width == 0, "a row must have one value per column")
        let rows = binds.count / width
        let sql = rows == rowsPerStatement ? fullStatement : Self.statement(head: head, width: width, rows: rows)
        inFlight = connection.query(sql, binds)
        binds.removeAll(keepingCapacity: true)
    }

    /// Waits for the statement in flight, surfacing its error.
    mutating func drain() async throws {
        guard let pending = inFlight else { return }
        inFlight = nil
        _ = try await pending.get()
    }

    private static func statement(head: String, width: Int, rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: width).joined(separator: ",") + ")"
        return head + Array(repeating: row, count: rows).joined(separator: ",")
    }
}
