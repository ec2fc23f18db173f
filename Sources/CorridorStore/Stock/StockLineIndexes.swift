import CorridorCore
import SQLKit

/// How an import keeps the `stock_lines` indexes right while it writes many lines.
///
/// A snapshot that adds or replaces many lines is written without the secondary indexes, which
/// are rebuilt once at the end: keeping them up to date row by row, for the lines written and
/// for the previous lines deleted, cost several times as much as building them in one sorted
/// pass, on both databases. Dropping happens inside the import's transaction (DDL is
/// transactional on both), so a failed import rolls the indexes back too. On SQLite other
/// connections keep reading the last committed state, indexes included; on PostgreSQL dropping
/// an index locks the table until the import commits, so only an import that writes or replaces
/// at least half as many lines as the table holds does so (see `dropIfLarge`).
///
/// The previous lines of the sites a report names are deleted at the end, in one statement: one
/// delete per site costs a statement (and on PostgreSQL a round trip between COPYs) each, and
/// once the indexes are gone it would scan the table each time.
struct StockLineIndexes {
    let dialect: Dialect
    /// Lines written before an import considers dropping the indexes.
    let threshold: Int
    private(set) var dropped = false
    /// Lines the table held before this import, counted once, when it first reaches `threshold`.
    private var before: Int?
    /// The highest line id before this import: on SQLite every line it writes comes after, so the
    /// final delete reads only the earlier part of the table.
    private var lastIDBefore: Int64?
    /// Lines written when dropping is next considered: the count of the lines the import replaces
    /// is taken again each time the import has doubled.
    private var nextLook: Int
    /// What puts back what was dropped, in order.
    private var restore: [String] = []
    private var deferredSites: [Int64] = []

    init(dialect: Dialect, threshold: Int) {
        self.dialect = dialect
        self.threshold = threshold
        nextLook = threshold
    }

    /// Called before the import writes its first line.
    mutating func start(on db: any SQLDatabase) async throws {
        guard dialect == .sqlite else { return }
        lastIDBefore = try await db.raw("SELECT MAX(id) AS n FROM stock_lines").first()?.decode(column: "n", as: Int64?.self)
    }

    func shouldDrop(linesWritten: Int) -> Bool {
        !dropped && (linesWritten >= nextLook || before.map { linesWritten * 2 >= $0 } == true)
    }

    /// Drops the indexes once this import has written and is replacing, together, at least half
    /// as many lines as the table held before it: past that, one rebuild costs less than the
    /// remaining updates. Asked again each time the import has doubled, so a snapshot that
    /// replaces a table of its own size site by site gets there too.
    mutating func dropIfLarge(linesWritten: Int, org: Int64, on db: any SQLDatabase) async throws {
        guard !dropped else { return }
        if before == nil {
            before = try await db.count("SELECT COUNT(*) AS n FROM stock_lines") - linesWritten
        }
        nextLook = max(threshold, linesWritten * 2)
        guard let before else { return }
        if linesWritten * 2 < before {
            guard try await linesReplaced(org: org, linesWritten: linesWritten, on: db) + linesWritten >= (before + 1) / 2 else { return }
        }
        try await drop(on: db)
    }

    /// About how many earlier lines the sites named so far will lose: the reporter's lines there,
    /// less those this import wrote (the index answers it without reading the table).
    private func linesReplaced(org: Int64, linesWritten: Int, on db: any SQLDatabase) async throws -> Int {
        var lines = 0, start = 0
        while start < deferredSites.count {
            let chunk = deferredSites[start..<min(start + 10_000, deferredSites.count)]
            lines += try await db.count(
                "SELECT COUNT(*) AS n FROM stock_lines WHERE site_id IN (\(binds: Array(chunk))) AND reporter_org_id = \(bind: org)")
            start += chunk.count
        }
        return max(0, lines - linesWritten)
    }

    private mutating func drop(on db: any SQLDatabase) async throws {
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
        // Without the indexes SQLite reads the table in id order; the lines before this import's
        // are all it needs to read.
        var earlier: SQLQueryString = ""
        if dropped && dialect == .sqlite, let lastIDBefore { earlier = "id <= \(bind: lastIDBefore) AND " }
        var start = 0
        while start < deferredSites.count {
            let chunk = deferredSites[start..<min(start + 10_000, deferredSites.count)]
            try await db.raw(
                """
                DELETE FROM stock_lines WHERE \(earlier)reporter_org_id = \(bind: org) AND report_id IS DISTINCT FROM \(bind: report)
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
