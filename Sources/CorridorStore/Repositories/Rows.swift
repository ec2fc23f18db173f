import Foundation
import SQLKit

/// Small helpers so repositories read columns by name in one line.
extension SQLRow {
    func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalString(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func int64(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }
    func optionalInt64(_ column: String) throws -> Int64? { try decode(column: column, as: Int64?.self) }
    func int(_ column: String) throws -> Int { try decode(column: column, as: Int.self) }
    func double(_ column: String) throws -> Double { try decode(column: column, as: Double.self) }
    func optionalDouble(_ column: String) throws -> Double? { try decode(column: column, as: Double?.self) }
}

extension SQLDatabase {
    /// Counts rows of a query of the form `SELECT COUNT(*) AS n …`.
    func count(_ sql: SQLQueryString) async throws -> Int {
        guard let row = try await raw(sql).first() else { return 0 }
        return try row.int("n")
    }
}

extension SQLQueryString {
    /// `(?, ?, …)` with every value bound, for `IN`; `(NULL)` when empty, which matches nothing.
    static func list(_ values: [some Encodable & Sendable]) -> SQLQueryString {
        guard !values.isEmpty else { return "(NULL)" }
        var list: SQLQueryString = "("
        list.appendInterpolation(binds: values)
        list.appendLiteral(")")
        return list
    }
}
