import Foundation
import CorridorCore
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLiteKit

/// The connection under an `any SQLDatabase`, for the few bulk paths that need the driver itself.
enum DriverConnection: Sendable {
    case sqlite(SQLiteDirectConnection)
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
    /// SQLite only: the connections `read` runs on.
    private let readPool: SQLiteReadPool?
    public let dialect: Dialect
    public let url: DatabaseURL
    let logger: Logger
    /// The PostgreSQL schema this handle works in, when not the default.
    public let postgresSchema: String?
    /// Told about every statement, for tests that count them.
    private let counter: StatementCounter?
    private let writeGate = WriteGate()
    private let schemaFreshness = SchemaFreshness()
    private let checkpoints = SQLiteCheckpoints()

    public init(
        _ url: DatabaseURL, logger: Logger = Logger(label: "corridor.db"), postgresSchema: String? = nil,
        counter: StatementCounter? = nil
    ) throws {
        self.url = url
        self.logger = logger
        self.postgresSchema = postgresSchema
        self.counter = counter
        let group = MultiThreadedEventLoopGroup.singleton
        switch url {
        case .sqlite(let path):
            dialect = .sqlite
            readPool = SQLiteReadPool(path: path)
            pool = .sqlite(
                // Writers queue on SQLite's one-writer gate while holding no connection, and a large
                // import holds its own for its whole run: a request waits its turn rather than fail.
                EventLoopGroupConnectionPool(
                    source: SQLiteSource(path: path), maxConnectionsPerEventLoop: 4,
                    requestTimeout: .seconds(60), pruneInterval: nil, logger: logger, on: group))
        case .postgres(let raw):
            dialect = .postgres
            readPool = nil
            var config = try SQLPostgresConfiguration(url: raw)
            if let postgresSchema { config.searchPath = [postgresSchema] }
            // Corridor's statements are short; compiling one with JIT, which PostgreSQL does for any
            // it costs high (a grouping of the totals), took longer than running it.
            config.coreConfiguration.options.additionalStartupParameters.append(("jit", "off"))
            // A burst of requests larger than the pool queues for a connection rather than fail.
            pool = .postgres(
                EventLoopGroupConnectionPool(
                    source: PostgresConnectionSource(sqlConfiguration: config), maxConnectionsPerEventLoop: 8,
                    requestTimeout: .seconds(60), pruneInterval: .seconds(60), logger: logger, on: group))
        }
    }

    /// Runs `body` on one connection taken from the pool for its whole duration.
    public func withConnection<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        switch pool {
        case .sqlite(let pool):
            let connection = try await pool.requestConnection(logger: logger).get()
            defer { pool.releaseConnection(connection, logger: logger) }
            let identity = ObjectIdentifier(connection)
            if let generation = schemaFreshness.staleGeneration(of: identity) {
                // Stepping a statement that reads the schema makes SQLite notice the change and reload it.
                try await connection.sql().raw("SELECT count(*) AS n FROM sqlite_master").run()
                schemaFreshness.markFresh(identity, generation: generation)
            }
            return try await body(counted(connection.sql()))
        case .postgres(let pool):
            let connection = try await pool.requestConnection(logger: logger).get()
            defer { pool.releaseConnection(connection, logger: logger) }
            return try await body(counted(connection.sql()))
        }
    }

    /// Runs `body` in one transaction: everything it wrote commits together, or nothing does.
    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        guard dialect == .sqlite else { return try await withConnection { db in try await Self.run(body, on: db, dialect: dialect) } }
        await writeGate.enter()
        do {
            let result = try await withConnection { db in try await Self.run(body, on: db, dialect: dialect) }
            await writeGate.leave()
            return result
        } catch {
            await writeGate.leave()
            throw error
        }
    }

    /// A transaction that also hands out the driver's connection, for bulk paths. Both handles are
    /// the same session. On SQLite it runs on a direct connection of its own
    /// (`SQLiteDirectConnection`), opened for the transaction and closed after it, whose prepared
    /// statements the bulk path reuses, and whose log is copied into the file in the background
    /// after it commits (`SQLiteCheckpoints`); on PostgreSQL on a pooled connection.
    ///
    /// - Parameter foreignKeysAlreadyChecked: SQLite only. The caller writes rows whose references
    ///   it took from this same transaction (a checked stock report), so SQLite's per-row
    ///   foreign-key look-ups, half the cost of inserting a line, only repeat them. They are off on
    ///   the transaction's own connection, which no one else uses.
    func transaction<T: Sendable>(
        driver body: (any SQLDatabase, DriverConnection) async throws -> T,
        foreignKeysAlreadyChecked: Bool = false
    ) async throws -> T {
        guard case .sqlite(let path) = url, case .sqlite = pool else {
            guard case .postgres(let pool) = pool else { preconditionFailure("a PostgreSQL URL opens a PostgreSQL pool") }
            let connection = try await pool.requestConnection(logger: logger).get()
            defer { pool.releaseConnection(connection, logger: logger) }
            return try await Self.run({ db in try await body(db, .postgres(connection)) }, on: counted(connection.sql()), dialect: dialect)
        }
        await writeGate.enter()
        do {
            let pragmas =
                SQLiteSource.pragmas + [SQLiteCheckpoints.deferred] + (foreignKeysAlreadyChecked ? ["PRAGMA foreign_keys = OFF"] : [])
            let connection = try await SQLiteDirectConnection.open(path: path, pragmas: pragmas)
            let outcome: Result<T, any Error>
            do {
                let db = counted(SQLiteDirectDatabase(connection: connection, logger: logger))
                outcome = .success(try await Self.run({ db in try await body(db, .sqlite(connection)) }, on: db, dialect: dialect))
            } catch {
                outcome = .failure(error)
            }
            await connection.close()
            await writeGate.leave()
            if case .success = outcome, let readPool { checkpoints.start(on: readPool, logger: logger) }
            return try outcome.get()
        } catch {
            await writeGate.leave()
            throw error
        }
    }

    private func counted(_ db: any SQLDatabase) -> any SQLDatabase {
        counter.map { CountedDatabase(inner: db, counter: $0) } ?? db
    }

    /// Runs `body` between BEGIN and COMMIT on `db`, rolling back when it throws.
    static func run<T: Sendable>(
        _ body: (any SQLDatabase) async throws -> T, on db: any SQLDatabase,
        dialect: Dialect
    ) async throws -> T {
        let control = (db as? CountedDatabase)?.inner ?? db
        try await control.raw(SQLQueryString(dialect.beginWrite)).run()
        do {
            let result = try await body(db)
            try await control.raw("COMMIT").run()
            return result
        } catch {
            try? await control.raw("ROLLBACK").run()
            throw error
        }
    }

    /// Called after migrations changed the schema, so pooled SQLite connections reload theirs.
    func schemaChanged() {
        schemaFreshness.schemaChanged()
    }

    /// Reads outside a transaction; on SQLite on a connection that keeps its prepared statements.
    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        guard let readPool else { return try await withConnection(body) }
        return try await readPool.withConnection { connection in
            try await body(counted(SQLiteDirectDatabase(connection: connection, logger: logger)))
        }
    }

    /// A read on the driver itself, for the paths that step through many rows or run several
    /// statements in one trip (the exports, nearest stock): on SQLite a connection of the read
    /// pool, driven through SQLite's C API; on PostgreSQL a pooled connection. Either sees the
    /// last committed state.
    func readDriver<T: Sendable>(_ body: (DriverConnection) async throws -> T) async throws -> T {
        switch pool {
        case .postgres(let pool):
            return try await pooled(pool, on: nil, body)
        case .sqlite:
            guard let readPool else { preconditionFailure("a SQLite store has a read pool") }
            return try await readPool.withConnection { connection in try await body(.sqlite(connection)) }
        }
    }

    /// `readDriver` for a short read of a few rows that requests make (the identity check,
    /// nearest stock). On PostgreSQL it runs on its connection's event loop, so each reply
    /// resumes it there rather than on the cooperative threads, a trip each way per message. A
    /// long read (an export) stays off the event loop, whose other connections would wait on it.
    func shortReadDriver<T: Sendable>(_ body: (DriverConnection) async throws -> T) async throws -> T {
        guard case .postgres(let pool) = pool, #available(macOS 15.0, *) else { return try await readDriver(body) }
        let loop = pool.eventLoopGroup.any()
        return try await withTaskExecutorPreference(EventLoopTaskExecutor(loop)) { try await pooled(pool, on: loop, body) }
    }

    /// `body` on a connection of the PostgreSQL pool (on `loop`'s, if given), released after it.
    private func pooled<T: Sendable>(
        _ pool: EventLoopGroupConnectionPool<PostgresConnectionSource>, on loop: (any EventLoop)?,
        _ body: (DriverConnection) async throws -> T
    ) async throws -> T {
        let connection = try await pool.requestConnection(logger: logger, on: loop).get()
        defer { pool.releaseConnection(connection, logger: logger) }
        return try await body(.postgres(connection))
    }

    /// Waits for the log copy a bulk write started (`SQLiteCheckpoints`), if any.
    func checkpointed() async {
        await checkpoints.finish()
    }

    public func close() async {
        await checkpoints.finish()
        await readPool?.close()
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
