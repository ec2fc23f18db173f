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
    /// The rows being gathered for the next COPY.
    let text: CopyRowText
    private var inFlight: Task<Void, any Error>?
    /// Rows appended but not yet sent.
    var bufferedRows: Int { text.rows }

    init(connection: PostgresConnection, table: String, columns: [String], logger: Logger) {
        (self.connection, self.table, self.columns, self.logger) = (connection, table, columns, logger)
        text = CopyRowText(columns: columns.count)
    }

    /// Sends the buffered rows as one COPY once the previous one has finished.
    mutating func send() async throws {
        try await drain()
        guard bufferedRows > 0 else { return }
        let rows = text.take()
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
