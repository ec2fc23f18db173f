import CorridorCore
import SQLKit

/// How an import keeps the `stock_lines` indexes right while it writes many lines.
///
/// A snapshot that adds many lines is written without the secondary indexes, which are rebuilt
/// once at the end: keeping them up to date row by row cost several times as much as building
/// them in one sorted pass, on both databases. Dropping happens inside the import's transaction
/// (DDL is transactional on both), so a failed import rolls the indexes back too. On SQLite
/// other connections keep reading the last committed state, indexes included; on PostgreSQL
/// dropping an index locks the table until the import commits, so only an import that writes at
/// least a third of the table after it does so (see `dropIfLarge`).
///
/// The previous lines of the sites a report names are deleted at the end, in one pass, when the
/// indexes are dropped (one delete per site would scan the table each time) and always on
/// PostgreSQL, where a statement per site costs a round trip between COPYs.
struct StockLineIndexes {
    let dialect: Dialect
    /// Lines written before an import considers dropping the indexes.
    let threshold: Int
    private(set) var dropped = false
    /// Lines the table held before this import, counted once, when it first reaches `threshold`.
    private var before: Int?
    /// What puts back what was dropped, in order.
    private var restore: [String] = []
    private var deferredSites: [Int64] = []

    init(dialect: Dialect, threshold: Int) {
        self.dialect = dialect
        self.threshold = threshold
    }

    /// Whether a replaced site's previous lines wait for `finish`.
    var defersDeletes: Bool { dropped || dialect == .postgres }

    func shouldDrop(linesWritten: Int) -> Bool {
        !dropped && linesWritten >= threshold && (before.map { linesWritten * 2 >= $0 } ?? true)
    }

    /// Drops the indexes once this import has written at least half as many lines as the table
    /// held before it: past that, one rebuild costs less than the remaining updates. Asked again
    /// as the import grows, so a snapshot that replaces a table of its own size gets there too.
    mutating func dropIfLarge(linesWritten: Int, on db: any SQLDatabase) async throws {
        if before == nil { before = try await db.count("SELECT COUNT(*) AS n FROM stock_lines") - linesWritten }
        guard !dropped, let before, linesWritten * 2 >= before else { return }
        switch dialect {
        case .sqlite:
            let rows = try await db.raw(
                """
                SELECT name, sql FROM sqlite_master
                WHERE type = 'index' AND tbl_name = 'stock_lines' AND sql IS NOT NULL ORDER BY name
                """
            ).all()
            for row in rows {
                restore.append(try row.string("sql"))
                try await db.raw("DROP INDEX \(ident: try row.string("name"))").run()
            }
        case .postgres:
            // The primary key's index goes with its constraint, and comes back with it.
            let keys = try await db.raw(
                """
                SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
                WHERE conrelid = 'stock_lines'::regclass AND contype = 'p'
                """
            ).all()
            let indexes = try await db.raw(
                """
                SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
                WHERE i.schemaname = current_schema() AND i.tablename = 'stock_lines'
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conrelid = 'stock_lines'::regclass AND c.conname = i.indexname)
                ORDER BY i.indexname
                """
            ).all()
            for row in keys {
                let name = try row.string("name")
                restore.append("ALTER TABLE stock_lines ADD CONSTRAINT \"\(name)\" \(try row.string("definition"))")
                try await db.raw("ALTER TABLE stock_lines DROP CONSTRAINT \(ident: name)").run()
            }
            for row in indexes {
                restore.append(try row.string("definition"))
                try await db.raw("DROP INDEX \(ident: try row.string("name"))").run()
            }
        }
        dropped = true
    }

    mutating func deferDelete(site: Int64) {
        deferredSites.append(site)
    }

    /// Deletes the replaced sites' previous lines (every line of this reporter there that did not
    /// come from this report: the same set the per-site deletes would have removed) and rebuilds
    /// the indexes.
    mutating func finish(org: Int64, report: Int64, on db: any SQLDatabase) async throws {
        var start = 0
        while start < deferredSites.count {
            let chunk = deferredSites[start..<min(start + 10_000, deferredSites.count)]
            try await db.raw(
                """
                DELETE FROM stock_lines WHERE reporter_org_id = \(bind: org) AND report_id IS DISTINCT FROM \(bind: report)
                    AND site_id IN (\(binds: Array(chunk)))
                """
            ).run()
            start += chunk.count
        }
        deferredSites = []
        guard dropped else { return }
        switch dialect {
        case .sqlite:
            // SQLite sorts for CREATE INDEX on helper threads when allowed. Per connection, so it
            // is set back for the pool.
            try await db.raw("PRAGMA threads = 2").run()
            for statement in restore { try await db.raw(SQLQueryString(statement)).run() }
            try await db.raw("PRAGMA threads = 0").run()
        case .postgres:
            // Room to sort a large table's keys in memory; for this transaction only.
            try await db.raw("SET LOCAL maintenance_work_mem = '256MB'").run()
            for statement in restore { try await db.raw(SQLQueryString(statement)).run() }
        }
        restore = []
        dropped = false
    }
}
