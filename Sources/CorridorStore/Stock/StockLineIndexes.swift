import CorridorCore
import SQLKit

/// SQLite only: a snapshot that adds many lines is written without the `stock_lines` secondary
/// indexes, which are rebuilt once at the end. Keeping them up to date row by row cost about
/// five times as much as building them in one sorted pass. Dropping happens inside the import's
/// transaction (SQLite DDL is transactional), so a failed import rolls the indexes back too;
/// other connections keep reading the last committed state, indexes included.
///
/// Without the site index, deleting a replaced site's old lines one site at a time would scan the
/// table each time, so those deletes wait for the end and run as one pass.
struct StockLineIndexes {
    /// Lines written before an import considers dropping the indexes.
    let threshold: Int
    private(set) var dropped = false
    private var considered = false
    private var definitions: [String] = []
    private var deferredSites: [Int64] = []

    init(threshold: Int) {
        self.threshold = threshold
    }

    func shouldDrop(linesWritten: Int) -> Bool {
        !considered && linesWritten >= threshold
    }

    /// Drops the indexes when this import has already written at least half as many lines as
    /// the table held before it: past that, one rebuild costs less than the remaining updates.
    mutating func dropIfLarge(linesWritten: Int, on db: any SQLDatabase) async throws {
        considered = true
        let total = try await db.count("SELECT COUNT(*) AS n FROM stock_lines")
        guard linesWritten * 2 >= total - linesWritten else { return }
        let rows = try await db.raw(
            """
            SELECT name, sql FROM sqlite_master
            WHERE type = 'index' AND tbl_name = 'stock_lines' AND sql IS NOT NULL ORDER BY name
            """
        ).all()
        for row in rows {
            definitions.append(try row.string("sql"))
            try await db.raw("DROP INDEX \(ident: try row.string("name"))").run()
        }
        dropped = true
    }

    mutating func deferDelete(site: Int64) {
        deferredSites.append(site)
    }

    /// Deletes the replaced sites' previous lines (every line of this reporter there that did not
    /// come from this report: the same set the per-site deletes would have removed) and rebuilds
    /// the indexes.
    mutating func restore(org: Int64, report: Int64, on db: any SQLDatabase) async throws {
        guard dropped else { return }
        var start = 0
        while start < deferredSites.count {
            let chunk = deferredSites[start..<min(start + 10_000, deferredSites.count)]
            try await db.raw(
                """
                DELETE FROM stock_lines WHERE reporter_org_id = \(bind: org) AND report_id IS NOT \(bind: report)
                    AND site_id IN (\(binds: Array(chunk)))
                """
            ).run()
            start += chunk.count
        }
        // SQLite sorts for CREATE INDEX on helper threads when allowed; measured 1.4 s → 1.2 s for
        // a million lines on two cores. Per connection, so it is set back for the pool.
        try await db.raw("PRAGMA threads = 2").run()
        for definition in definitions { try await db.raw(SQLQueryString(definition)).run() }
        try await db.raw("PRAGMA threads = 0").run()
        dropped = false
        deferredSites = []
    }
}
