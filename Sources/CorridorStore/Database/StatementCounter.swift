import Logging
import NIOCore
import SQLKit
import Synchronization

/// Keeps the SQL of every statement a store runs (transaction control aside), so a test can
/// hold a use case to the number of queries it promises.
public final class StatementCounter: Sendable {
    private let recorded = Mutex<[String]>([])

    public init() {}

    public var statements: [String] { recorded.withLock { $0 } }

    public func reset() { recorded.withLock { $0.removeAll() } }

    func record(_ sql: String) { recorded.withLock { $0.append(sql) } }
}

/// An `SQLDatabase` that tells a `StatementCounter` about each statement before running it.
struct CountedDatabase: SQLDatabase {
    let inner: any SQLDatabase
    let counter: StatementCounter

    var logger: Logger { inner.logger }
    var eventLoop: any EventLoop { inner.eventLoop }
    var version: (any SQLDatabaseReportedVersion)? { inner.version }
    var dialect: any SQLDialect { inner.dialect }
    var queryLogLevel: Logger.Level? { inner.queryLogLevel }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) -> EventLoopFuture<Void> {
        counter.record(inner.serialize(query).sql)
        return inner.execute(sql: query, onRow)
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> ()) async throws {
        counter.record(inner.serialize(query).sql)
        try await inner.execute(sql: query, onRow)
    }
}
