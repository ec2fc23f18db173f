import Foundation
import NIOConcurrencyHelpers

/// SQLite only: the connections reads run on, each a `SQLiteDirectConnection` that keeps its
/// prepared statements, so a request's queries are parsed and planned once per connection rather
/// than on every call as through sqlite-nio. A read takes an idle connection or opens one; up to
/// `keep` idle connections stay open. Writes keep to their transactions and the one-writer gate.
final class SQLiteReadPool: Sendable {
    private let path: String
    private let keep: Int
    private let idle = NIOLockedValueBox<(open: Bool, connections: [SQLiteDirectConnection])>((true, []))

    /// The pool's pragmas, and a page cache of 8 MiB (SQLite's default is 2 MiB) for the hot
    /// pages of the indexes that reads seek through. Not memory-mapped: a streamed export would
    /// then hold every page it read in the server's memory.
    static let pragmas = SQLiteSource.pragmas + ["PRAGMA cache_size = -8192"]

    init(path: String, keep: Int = 32) {
        self.path = path
        self.keep = keep
    }

    func withConnection<T: Sendable>(_ body: (SQLiteDirectConnection) async throws -> T) async throws -> T {
        let taken = idle.withLockedValue { $0.connections.popLast() }
        let connection: SQLiteDirectConnection
        if let taken { connection = taken } else { connection = try await SQLiteDirectConnection.open(path: path, pragmas: Self.pragmas) }
        do {
            let result = try await body(connection)
            await giveBack(connection)
            return result
        } catch {
            await giveBack(connection)
            throw error
        }
    }

    private func giveBack(_ connection: SQLiteDirectConnection) async {
        let kept = idle.withLockedValue { state in
            guard state.open, state.connections.count < keep else { return false }
            state.connections.append(connection)
            return true
        }
        if !kept { await connection.close() }
    }

    func close() async {
        let connections = idle.withLockedValue { state in
            state.open = false
            defer { state.connections = [] }
            return state.connections
        }
        for connection in connections { await connection.close() }
    }
}
