import CorridorCore
import SQLKit

/// How an import keeps the `stock_lines` indexes right while it writes many lines.
///
/// A snapshot that adds or replaces many lines is written without the secondary indexes, which
/// are built once at the end: keeping them up to date row by row, for the lines written and for
/// the previous lines deleted, cost several times as much as building them in one sorted pass,
/// on both databases. Only an import that writes or replaces at least half as many lines as the
/// table holds does so (see `dropIfLarge`); everything happens inside the import's transaction,
/// so a failed import rolls it all back.
/// - SQLite drops the indexes and rebuilds them after deleting the replaced lines; other
///   connections keep reading the last committed state, indexes included.
/// - PostgreSQL writes the lines into a fresh table that replaces `stock_lines` at the end
///   (`PostgresTableSwap`), with the lines that stay copied over: no deleted versions for the
///   index builds to carry, and readers keep the old table until the end.
///
/// The previous lines of the sites a report names are deleted (or left behind) at the end, in
/// one statement: one delete per site costs a statement (and on PostgreSQL a round trip between
/// COPYs) each, and once the indexes are gone it would scan the table each time.
struct StockLineIndexes {
    let dialect: Dialect
    /// Lines written before an import considers dropping the indexes.
    let threshold: Int
    private(set) var dropped = false
    /// On PostgreSQL, once the import writes enough lines: the fresh table they go to.
    private(set) var swap: PostgresTableSwap?
    /// Whether this import's lines went to a fresh table that replaced `stock_lines`.
    private(set) var swapped = false
    /// The table the import's lines go to now.
    var linesTable: String { swap?.next ?? "stock_lines" }
    /// Lines the table held before this import, counted once, when it first reaches `threshold`.
    private var before: Int?
    /// The highest line id before this import: on SQLite every line it writes comes after, so the
    /// final delete reads only the earlier part of the table.
    private var lastIDBefore: Int64?
    /// Lines written when dropping is next considered: the count of the lines the import replaces
    /// is taken again each time the import has doubled.
    private var nextLook: Int
    /// On SQLite, the indexes dropped, to build again at the end.
    private var aside = SQLiteSetAsideIndexes()
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
        var lines = 0
        for chunk in BoundLists.parts(of: deferredSites) {
            lines += try await db.count(
                "SELECT COUNT(*) AS n FROM stock_lines WHERE site_id IN (\(binds: chunk)) AND reporter_org_id = \(bind: org)")
        }
        return max(0, lines - linesWritten)
    }

    private mutating func drop(on db: any SQLDatabase) async throws {
        switch dialect {
        case .sqlite:
            aside = try await SQLiteSetAsideIndexes.drop(of: "stock_lines", on: db)
        case .postgres:
            swap = try await PostgresTableSwap.begin("stock_lines", on: db)
        }
        dropped = true
    }

    mutating func deferDelete(site: Int64) {
        deferredSites.append(site)
    }

    /// Deletes the replaced sites' previous lines (every line of this reporter there that did not
    /// come from this report: the same set the per-site deletes would have removed) and rebuilds
    /// the indexes; on PostgreSQL, copies every other line into the fresh table and swaps it in.
    mutating func finish(org: Int64, report: Int64, on db: any SQLDatabase) async throws {
        if let swap {
            let replaced =
                "reporter_org_id = \(bind: org) AND report_id IS DISTINCT FROM \(bind: report) AND site_id = ANY(\(bind: deferredSites))"
                as SQLQueryString
            try await swap.finish(keeping: deferredSites.isEmpty ? nil : "NOT (\(replaced))", on: db)
            (deferredSites, self.swap, dropped, swapped) = ([], nil, false, true)
            return
        }
        // Without the indexes SQLite reads the table in id order; the lines before this import's
        // are all it needs to read.
        var earlier: SQLQueryString = ""
        if dropped, let lastIDBefore { earlier = "id <= \(bind: lastIDBefore) AND " }
        for chunk in BoundLists.parts(of: deferredSites) {
            try await db.raw(
                """
                DELETE FROM stock_lines WHERE \(earlier)reporter_org_id = \(bind: org) AND report_id IS DISTINCT FROM \(bind: report)
                    AND site_id IN (\(binds: chunk))
                """
            ).run()
        }
        deferredSites = []
        guard dropped else { return }
        try await aside.rebuild(on: db)
        aside = SQLiteSetAsideIndexes()
        dropped = false
    }
}
