import Foundation
import CorridorCore
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLiteKit

/// The connection under an `any SQLDatabase`, for the few bulk paths that need the driver itself.
enum DriverConnection: Sendable {
    case sqlite(SQLiteConnection)
    case postgres(PostgresConnection)
}

/// The one handle to Corridor's data. It hides which database is underneath: callers get an
/// `any SQLDatabase` and write one SQL text for both.
public final class Database: Sendable {
    /// async-kit's pool guards its state with a lock and is shared across threads by design, but
    /// does not declare `Sendable`; this wrapper states what the type cannot.
    private enum Pool: @unchecked Sendable {
        case sqlite(EventLoopGroupConnectionPool<SQLiteSource>)
        case postgres(EventLoopGroupConnectionPool<PostgresConnectionSource>)
    }

    private let pool: Pool
    public let dialect: Dialect
    public let url: DatabaseURL
    let logger: Logger
    private let writeGate = WriteGate()

    public init(_ url: DatabaseURL, logger: Logger = Logger(label: "corridor.db"), postgresSchema: String? = nil) throws {
        self.url = url
        self.logger = logger
        let group = MultiThreadedEventLoopGroup.singleton
        switch url {
        case .sqlite(let path):
            dialect = .sqlite
            pool = .sqlite(EventLoopGroupConnectionPool(
                source: SQLiteSource(path: path), maxConnectionsPerEventLoop: 4,
                pruneInterval: nil, logger: logger, on: group))
        case .postgres(let raw):
            dialect = .postgres
            var config = try SQLPostgresConfiguration(url: raw)
            if let postgresSchema { config.searchPath = [postgresSchema] }
            pool = .postgres(EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: config), maxConnectionsPerEventLoop: 8,
                pruneInterval: .seconds(60), logger: logger, on: group))
        }
    }

    /// Runs `body` on one connection taken from the pool for its whole duration.
    public func withConnection<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await withDriverConnection { db, _ in try await body(db) }
    }

    private func withDriverConnection<T: Sendable>(_ body: (any SQLDatabase, DriverConnection) async throws -> T) async throws -> T {
        switch pool {
        case .sqlite(let pool):
            let connection = try await pool.requestConnection(logger: logger).get()
            defer { pool.releaseConnection(connection, logger: logger) }
            return try await body(connection.sql(), .sqlite(connection))
        case .postgres(let pool):
            let connection = try await pool.requestConnection(logger: logger).get()
            defer { pool.releaseConnection(connection, logger: logger) }
            return try await body(connection.sql(), .postgres(connection))
        }
    }

    /// Runs `body` in one transaction: everything it wrote commits together, or nothing does.
    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await transaction(driver: { db, _ in try await body(db) }, foreignKeysAlreadyChecked: false)
    }

    /// A transaction that also hands out the driver's connection, for bulk paths that bind values
    /// directly instead of through SQLKit's `Encodable` encoder. Both handles are the same session.
    ///
    /// - Parameter foreignKeysAlreadyChecked: SQLite only. The caller writes rows whose references
    ///   it took from this same transaction (a checked stock report), so SQLite's per-row
    ///   foreign-key look-ups, half the cost of inserting a line, only repeat them. They are off on
    ///   this connection for the transaction and back on before it returns to the pool. SQLite
    ///   ignores the pragma inside a transaction, hence around it.
    func transaction<T: Sendable>(driver body: (any SQLDatabase, DriverConnection) async throws -> T,
                                  foreignKeysAlreadyChecked: Bool = false) async throws -> T {
        guard dialect == .sqlite else { return try await runTransaction(body, relaxForeignKeys: false) }
        await writeGate.enter()
        do {
            let result = try await runTransaction(body, relaxForeignKeys: foreignKeysAlreadyChecked)
            await writeGate.leave()
            return result
        } catch {
            await writeGate.leave()
            throw error
        }
    }

    private func runTransaction<T: Sendable>(_ body: (any SQLDatabase, DriverConnection) async throws -> T,
                                             relaxForeignKeys: Bool) async throws -> T {
        try await withDriverConnection { db, driver in
            if relaxForeignKeys { try await db.raw("PRAGMA foreign_keys = OFF").run() }
            let outcome: Result<T, any Error>
            do {
                try await db.raw(SQLQueryString(dialect.beginWrite)).run()
                do {
                    let result = try await body(db, driver)
                    try await db.raw("COMMIT").run()
                    outcome = .success(result)
                } catch {
                    try? await db.raw("ROLLBACK").run()
                    throw error
                }
            } catch {
                outcome = .failure(error)
            }
            if relaxForeignKeys {
                // A pooled connection must never be handed out without its checks.
                do {
                    try await db.raw("PRAGMA foreign_keys = ON").run()
                } catch {
                    if case .sqlite(let connection) = driver { try? await connection.close().get() }
                    throw error
                }
            }
            return try outcome.get()
        }
    }

    /// Reads outside a transaction.
    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        try await withConnection(body)
    }

    public func close() async {
        switch pool {
        case .sqlite(let pool): try? await pool.shutdownAsync()
        case .postgres(let pool): try? await pool.shutdownAsync()
        }
    }

    /// True when the database answers a trivial query.
    public func isHealthy() async -> Bool {
        (try? await read { db in try await db.raw("SELECT 1 AS ok").first() != nil }) ?? false
    }
}
