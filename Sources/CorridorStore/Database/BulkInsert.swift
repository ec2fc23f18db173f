import Foundation
import SQLKit

/// Inserts many rows with multi-row INSERT statements. One statement per row is ~10× slower on
/// sqlite-nio (each statement hops to a thread pool), and PostgreSQL caps binds at 65,535.
enum BulkInsert {
    typealias Value = any Encodable & Sendable

    static func insert(into table: String, columns: [String], rows: [[Value]], on db: any SQLDatabase) async throws {
        _ = try await insert(into: table, columns: columns, rows: rows, returning: nil, on: db)
    }

    /// Inserts and returns the `returning` columns of every inserted row (in no guaranteed order).
    static func insert(
        into table: String, columns: [String], rows: [[Value]], returning: String?,
        on db: any SQLDatabase
    ) async throws -> [any SQLRow] {
        guard !rows.isEmpty else { return [] }
        var returned: [any SQLRow] = []
        let perStatement = max(1, min(500, 60_000 / max(columns.count, 1)))
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(start + perStatement, rows.count)]
            var sql = SQLQueryString("INSERT INTO \(unsafeRaw: table) (\(unsafeRaw: columns.joined(separator: ", "))) VALUES ")
            for (index, row) in chunk.enumerated() {
                precondition(row.count == columns.count, "row width must match the column list")
                sql.appendLiteral(index == 0 ? "(" : ", (")
                sql.appendInterpolation(binds: row)
                sql.appendLiteral(")")
            }
            if let returning {
                sql.appendLiteral(" RETURNING \(returning)")
                returned += try await db.raw(sql).all()
            } else {
                try await db.raw(sql).run()
            }
            start += perStatement
        }
        return returned
    }
}
