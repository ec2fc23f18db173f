import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import SQLiteNIO
// The SQLite library that sqlite-nio compiles and links, reached through its C module. sqlite-nio
// prepares every statement anew and keeps its handle internal; a bulk import needs one statement
// prepared once and bound a million times. It must be the same copy of SQLite as the pool's
// connections: two copies in one process would not see each other's POSIX locks on the file.
import VaporCSQLite

/// One SQLite connection of its own, driven through SQLite's C API, for write transactions that
/// need what sqlite-nio does not offer: prepared statements kept and reused, and values bound
/// straight from a buffer. It opens the file with the pool's pragmas, so it is one more ordinary
/// connection to the same store (WAL, busy timeout), and closes with the transaction.
///
/// Every call runs on NIO's blocking thread pool, as sqlite-nio's do: SQLite blocks, and the
/// caller is often an async task on the server's cooperative threads. Calls are meant to follow
/// one another (the owner awaits each); a lock keeps the handle and the statement cache consistent
/// if two ever meet.
final class SQLiteDirectConnection: @unchecked Sendable {
    /// A value read from a row.
    typealias Row = [(column: String, value: SQLiteData)]

    private var handle: OpaquePointer?
    private var statements: [String: OpaquePointer] = [:]
    private let lock = NIOLock()
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    /// Opens the file and applies `pragmas` in order.
    static func open(path: String, pragmas: [String]) async throws -> SQLiteDirectConnection {
        try await NIOThreadPool.singleton.runIfActive {
            var handle: OpaquePointer?
            // No mutex of SQLite's own around each call: `lock` already admits one thread at a
            // time, and SQLite's took a lock and an unlock for every value an import binds.
            let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI
            let status = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
            guard status == SQLITE_OK, let handle else {
                let message = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "out of memory"
                sqlite_nio_sqlite3_close_v2(handle)
                throw SQLiteDirectError(message: "cannot open \(path): \(message)", code: status)
            }
            let connection = SQLiteDirectConnection(handle: handle)
            do {
                let registered = SQLiteNearestFirst.register(on: handle)
                guard registered == SQLITE_OK else {
                    throw SQLiteDirectError(message: "cannot register \(SQLiteNearestFirst.name) on \(path)", code: registered)
                }
                for pragma in pragmas { _ = try connection.executeNow(pragma, []) }
            } catch {
                connection.closeNow()
                throw error
            }
            return connection
        }
    }

    /// Runs one statement with its binds and returns every row; the statement is kept prepared
    /// for the next call with the same text.
    func execute(_ sql: String, _ binds: [SQLiteData]) async throws -> [Row] {
        try await NIOThreadPool.singleton.runIfActive { try self.executeNow(sql, binds) }
    }

    /// Runs one statement on the calling thread and returns every row: only for a look-up by a
    /// unique key that every request makes, which takes less time than the trip to the thread
    /// pool and back that it would otherwise wait for under load. In WAL mode a read never waits
    /// for a writer; it waits on the busy timeout only while another connection recovers the file
    /// after a crash or, closing last, checkpoints it.
    func executeHere(_ sql: String, _ binds: [SQLiteData]) throws -> [Row] {
        try executeNow(sql, binds)
    }

    /// Runs `body` on the thread pool with the statements prepared for `first` and `second`,
    /// reset afterwards. For callers that bind and step them themselves.
    func withStatements<T: Sendable>(
        _ first: String, _ second: String, _ body: @escaping @Sendable (Statement, Statement) throws -> T
    ) -> EventLoopFuture<T> {
        NIOThreadPool.singleton.runIfActive(eventLoop: MultiThreadedEventLoopGroup.singleton.any()) {
            try self.lock.withLock {
                let statements = (try self.prepared(first), try self.prepared(second))
                defer {
                    for statement in [statements.0, statements.1] {
                        sqlite_nio_sqlite3_reset(statement.pointer)
                        sqlite_nio_sqlite3_clear_bindings(statement.pointer)
                    }
                }
                return try body(statements.0, statements.1)
            }
        }
    }

    /// Steps through the rows of a query on the thread pool, handing each to `body` as SQLite
    /// holds it: nothing is copied that `body` does not copy. The statement is kept prepared.
    func forEachRow(_ sql: String, _ binds: [SQLiteData], _ body: @escaping @Sendable (RawRow) throws -> Void) async throws {
        try await withSession { session in try session.forEachRow(sql, binds, body) }
    }

    /// Runs `body` on the thread pool in one go, for a read of several statements that depend on
    /// one another: one trip to the pool instead of one per statement.
    func withSession<T: Sendable>(_ body: @escaping @Sendable (Session) throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive { try self.lock.withLock { try body(Session(connection: self)) } }
    }

    /// The connection inside `withSession`, where statements run at once on the calling thread.
    struct Session: @unchecked Sendable {
        fileprivate let connection: SQLiteDirectConnection

        /// Steps through the rows of a query, handing each to `body` as SQLite holds it.
        func forEachRow(_ sql: String, _ binds: [SQLiteData], _ body: (RawRow) throws -> Void) throws {
            try readRows(
                sql, binds,
                while: { row in
                    try body(row)
                    return true
                })
        }

        /// The same while `body` answers true: SQLite computes no row after the one it refused.
        func readRows(_ sql: String, _ binds: [SQLiteData], while body: (RawRow) throws -> Bool) throws {
            let statement = try connection.prepared(sql).pointer
            // Every call binds every parameter; clearing them would make SQLite prepare a
            // statement whose plan looked at a bound value again on its next step.
            defer { sqlite_nio_sqlite3_reset(statement) }
            try connection.bind(binds, to: statement)
            let row = RawRow(statement: statement)
            while true {
                let status = sqlite_nio_sqlite3_step(statement)
                if status == SQLITE_DONE { return }
                guard status == SQLITE_ROW else { throw connection.error(status) }
                guard try body(row) else { return }
            }
        }
    }

    /// The row a statement stands on, valid inside `forEachRow`'s body only. Columns by index;
    /// `index(_:)` finds one by name, for a caller that looks its columns up once.
    struct RawRow: @unchecked Sendable {
        let statement: OpaquePointer

        /// The statement's column names in order (a name can repeat). Read after a step: a kept
        /// statement is prepared again by its step when a migration changed its tables since.
        var names: [String] {
            (0..<sqlite_nio_sqlite3_column_count(statement)).map { String(cString: sqlite_nio_sqlite3_column_name(statement, $0)) }
        }

        /// The last column of that name.
        func index(_ name: String) throws -> Int32 {
            guard let index = names.lastIndex(of: name) else {
                throw SQLiteDirectError(message: "no column \(name) in the row", code: SQLITE_MISUSE)
            }
            return Int32(index)
        }

        func isNull(_ column: Int32) -> Bool { sqlite_nio_sqlite3_column_type(statement, column) == SQLITE_NULL }
        func int64(_ column: Int32) -> Int64 { sqlite_nio_sqlite3_column_int64(statement, column) }
        func double(_ column: Int32) -> Double { sqlite_nio_sqlite3_column_double(statement, column) }
        func text(_ column: Int32) -> String { withText(column) { String(decoding: $0, as: UTF8.self) } }

        /// The column's text as SQLite holds it (empty for NULL), valid inside `body` only.
        func withText<R>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
            let pointer = sqlite_nio_sqlite3_column_text(statement, column)
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            return try body(UnsafeBufferPointer(start: pointer, count: pointer == nil ? 0 : count))
        }
    }

    func close() async {
        _ = try? await NIOThreadPool.singleton.runIfActive { self.closeNow() }
    }

    /// A prepared statement, valid inside `withStatement`'s body only.
    struct Statement: @unchecked Sendable {
        let pointer: OpaquePointer
        let connection: SQLiteDirectConnection

        /// Binds text that stays where it is until the statement has stepped (no copy).
        func bindText(_ index: Int32, _ bytes: UnsafePointer<UInt8>, count: Int) throws {
            try check(
                bytes.withMemoryRebound(to: CChar.self, capacity: max(count, 1)) {
                    sqlite_nio_sqlite3_bind_text64(pointer, index, $0, UInt64(count), nil, UInt8(SQLITE_UTF8))
                })
        }

        func bindInteger(_ index: Int32, _ value: Int64) throws {
            try check(sqlite_nio_sqlite3_bind_int64(pointer, index, value))
        }

        func bindReal(_ index: Int32, _ value: Double) throws {
            try check(sqlite_nio_sqlite3_bind_double(pointer, index, value))
        }

        func bindNull(_ index: Int32) throws {
            try check(sqlite_nio_sqlite3_bind_null(pointer, index))
        }

        /// Steps a statement that returns no rows, and resets it for the next binds.
        func run() throws {
            let status = sqlite_nio_sqlite3_step(pointer)
            sqlite_nio_sqlite3_reset(pointer)
            guard status == SQLITE_DONE || status == SQLITE_ROW else { throw connection.error(status) }
        }

        private func check(_ status: Int32) throws {
            guard status == SQLITE_OK else { throw connection.error(status) }
        }
    }

    // MARK: On the thread pool

    private func executeNow(_ sql: String, _ binds: [SQLiteData]) throws -> [Row] {
        try lock.withLock {
            var names: [String]?
            var rows: [Row] = []
            try Session(connection: self).forEachRow(sql, binds) { row in
                let columns = names ?? row.names
                names = columns
                rows.append(columns.enumerated().map { (column: $1, value: Self.value(row.statement, Int32($0))) })
            }
            return rows
        }
    }

    fileprivate func bind(_ binds: [SQLiteData], to statement: OpaquePointer) throws {
        for (offset, value) in binds.enumerated() {
            let index = Int32(offset + 1), status: Int32
            switch value {
            case .integer(let number): status = sqlite_nio_sqlite3_bind_int64(statement, index, Int64(number))
            case .float(let number): status = sqlite_nio_sqlite3_bind_double(statement, index, number)
            case .text(let text):
                status = sqlite_nio_sqlite3_bind_text64(
                    statement, index, text, UInt64(text.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
            case .blob(let buffer):
                status = buffer.withUnsafeReadableBytes {
                    sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), Self.transient)
                }
            case .null: status = sqlite_nio_sqlite3_bind_null(statement, index)
            }
            guard status == SQLITE_OK else { throw error(status) }
        }
    }

    private static func value(_ statement: OpaquePointer, _ column: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            // By its length, so text holding a NUL comes back whole.
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .text("") }
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, column) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: count))
            }
            return .blob(buffer)
        default: return .null
        }
    }

    /// The cached statement for `sql`, prepared on first use. Callers hold the lock.
    fileprivate func prepared(_ sql: String) throws -> Statement {
        if let pointer = statements[sql] { return Statement(pointer: pointer, connection: self) }
        guard let handle else { throw SQLiteDirectError(message: "the connection is closed", code: SQLITE_MISUSE) }
        var pointer: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &pointer, nil)
        guard status == SQLITE_OK, let pointer else {
            sqlite_nio_sqlite3_finalize(pointer)
            throw error(status)
        }
        // A connection's statements repeat (a request's reads, a transaction's writes); a bound
        // keeps callers that build distinct texts (IN lists of many lengths) from holding them all.
        if statements.count >= 200 { finalizeAll() }
        statements[sql] = pointer
        return Statement(pointer: pointer, connection: self)
    }

    private func finalizeAll() {
        for pointer in statements.values { sqlite_nio_sqlite3_finalize(pointer) }
        statements.removeAll()
    }

    private func closeNow() {
        lock.withLock {
            finalizeAll()
            sqlite_nio_sqlite3_close_v2(handle)
            handle = nil
        }
    }

    fileprivate func error(_ status: Int32) -> SQLiteDirectError {
        let message = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "the connection is closed"
        return SQLiteDirectError(message: message, code: status)
    }
}

/// An error SQLite reported, with its result code (`SQLITE_CONSTRAINT`, `SQLITE_BUSY`, …).
struct SQLiteDirectError: Error, CustomStringConvertible {
    let message: String
    let code: Int32
    var description: String { "SQLite error \(code): \(message)" }
}
