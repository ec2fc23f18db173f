import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit

/// SQLKit's view of a `SQLiteDirectConnection`: the same SQL text, dialect, encoder and decoder as
/// sqlite-kit's, so repositories run on it unchanged inside a transaction that uses it.
struct SQLiteDirectDatabase: SQLDatabase {
    let connection: SQLiteDirectConnection
    let logger: Logger
    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { .debug }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        let promise = eventLoop.makePromise(of: Void.self)
        promise.completeWithTask { try await execute(sql: query, onRow) }
        return promise.futureResult
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        let (sql, binds) = try text(of: query)
        logger.debug("Executing query", metadata: ["sql": .string(sql)])
        let rows = try await connection.execute(sql, binds)
        for row in rows { onRow(SQLiteDirectRow(values: row)) }
    }

    /// The SQL text and bound values of a query, as sqlite-kit would send them.
    func text(of query: any SQLExpression) throws -> (String, [SQLiteData]) {
        let (sql, rawBinds) = serialize(query)
        let encoder = SQLiteDataEncoder()
        return (sql, try rawBinds.map { try encoder.encode($0) })
    }
}

/// A row read on a direct connection.
struct SQLiteDirectRow: SQLRow {
    let values: SQLiteDirectConnection.Row

    var allColumns: [String] { values.map(\.column) }

    func contains(column: String) -> Bool { value(column) != nil }

    func decodeNil(column: String) throws -> Bool { (value(column) ?? .null) == .null }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let data = value(column) else { throw SQLiteDirectError(message: "no column \(column) in the row", code: 1) }
        // The common column types directly, as sqlite-kit's decoder converts them, without its
        // dynamic casts: metatypes compared, optionals too (NULL is nil).
        if D.self == String.self, let text = data.string { return text as! D }
        if D.self == Int64.self, let number = data.integer { return Int64(number) as! D }
        if D.self == Int.self, let number = data.integer { return number as! D }
        if D.self == Double.self, let number = data.double { return number as! D }
        if D.self == String?.self, data == .null || data.string != nil { return data.string as! D }
        if D.self == Int64?.self, data == .null || data.integer != nil { return data.integer.map(Int64.init) as! D }
        if D.self == Int?.self, data == .null || data.integer != nil { return data.integer as! D }
        if D.self == Double?.self, data == .null || data.double != nil { return data.double as! D }
        return try SQLiteDataDecoder().decode(D.self, from: data)
    }

    private func value(_ column: String) -> SQLiteData? {
        values.first { $0.column == column }?.value
    }
}
