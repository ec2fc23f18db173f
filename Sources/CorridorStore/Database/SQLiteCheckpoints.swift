import Logging
import NIOConcurrencyHelpers

/// SQLite only: copies the write-ahead log into the database file after a bulk write, in the
/// background. SQLite otherwise copies it on the connection that commits, once the log passes
/// 1,000 pages, so a large import's caller waited for the copy of everything it wrote.
/// Transactions on a direct connection turn that off (`wal_autocheckpoint = 0`) and start one
/// of these after they commit; readers meanwhile find the new pages in the log.
final class SQLiteCheckpoints: Sendable {
    private let last = NIOLockedValueBox<Task<Void, Never>?>(nil)

    /// The pragma a direct transaction's connection opens with.
    static let deferred = "PRAGMA wal_autocheckpoint = 0"

    /// Starts a checkpoint on one of `pool`'s connections, after the one under way. PASSIVE: it
    /// copies what no reader still needs and never waits for readers or writers.
    func start(on pool: SQLiteReadPool, logger: Logger) {
        last.withLockedValue { last in
            let previous = last
            last = Task {
                await previous?.value
                do {
                    try await pool.withConnection { connection in _ = try await connection.execute("PRAGMA wal_checkpoint(PASSIVE)", []) }
                } catch {
                    // The next checkpoint, a commit's or the last connection's as it closes, copies what this left.
                    logger.warning("write-ahead log checkpoint failed", metadata: ["error": "\(error)"])
                }
            }
        }
    }

    /// Waits for the checkpoint under way, if any.
    func finish() async {
        await last.withLockedValue { $0 }?.value
    }
}
