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
///   connections keep reading the last committed state, indexes included. When at least half
///   the table is the reporter's own earlier lines (the monthly snapshot), the table is set
///   aside instead (`SQLiteTableSetAside`) and the lines that stay are copied to a fresh one.
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
    /// Whether the import replaced every line the table held before it, as the set-aside table
    /// showed (SQLite): no one else had reported a line, and the report named every site where
    /// the reporter had. False whenever that was not counted.
    private(set) var replacedEveryEarlierLine = false
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
    /// On SQLite, the previous table, when the import replaces it nearly whole.
    private var setAside: SetAsideLines?
    private var deferredSites: [Int64] = []

    /// The previous lines table set aside, with what was counted in it before: the sites where
    /// the reporter had lines, and how many lines others had reported.
    private struct SetAsideLines {
        let table: SQLiteTableSetAside
        let reporterSites: Set<Int64>
        let othersLines: Int
    }

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
        try await drop(org: org, on: db)
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

    private mutating func drop(org: Int64, on db: any SQLDatabase) async throws {
        switch dialect {
        case .sqlite:
            if let lastIDBefore, let lines = try await Self.setAside(ifMostlyOf: org, upTo: lastIDBefore, on: db) {
                setAside = lines
            } else {
                aside = try await SQLiteSetAsideIndexes.drop(of: "stock_lines", on: db)
            }
        case .postgres:
            swap = try await PostgresTableSwap.begin("stock_lines", on: db)
        }
        dropped = true
    }

    /// Sets the SQLite lines table aside when at least half of its lines up to `lastID` (those
    /// before this import) are `org`'s.
    private static func setAside(ifMostlyOf org: Int64, upTo lastID: Int64, on db: any SQLDatabase) async throws -> SetAsideLines? {
        // A count of the whole table reads only its pages' cell counts; this import's lines have the last ids.
        let before =
            try await db.count("SELECT COUNT(*) AS n FROM stock_lines")
            - db.count("SELECT COUNT(*) AS n FROM stock_lines WHERE id > \(bind: lastID)")
        var (reporterSites, reporterLines) = (Set<Int64>(), 0)
        for row in try await db.raw(
            """
            SELECT site_id, COUNT(*) AS n FROM stock_lines WHERE reporter_org_id = \(bind: org) AND id <= \(bind: lastID)
            GROUP BY site_id
            """
        ).all() {
            reporterSites.insert(try row.int64("site_id"))
            reporterLines += try row.decode(column: "n", as: Int.self)
        }
        guard reporterLines * 2 >= before else { return nil }
        let table = try await SQLiteTableSetAside.begin("stock_lines", on: db)
        // The lines this import wrote so far went to the table now set aside.
        try await db.raw("INSERT INTO stock_lines SELECT * FROM \(ident: table.previous) WHERE id > \(bind: lastID)").run()
        return SetAsideLines(table: table, reporterSites: reporterSites, othersLines: before - reporterLines)
    }

    mutating func deferDelete(site: Int64) {
        deferredSites.append(site)
    }

    /// Deletes the replaced sites' previous lines (every line of this reporter there that did not
    /// come from this report: the same set the per-site deletes would have removed) and rebuilds
    /// the indexes; on PostgreSQL, copies every other line into the fresh table and swaps it in.
    mutating func finish(org: Int64, report: Int64, on db: any SQLDatabase) async throws {
        if let setAside, let lastIDBefore {
            // The reporter's earlier sites this report did not name keep their lines.
            let unnamed = setAside.reporterSites.subtracting(deferredSites)
            replacedEveryEarlierLine = setAside.othersLines == 0 && unnamed.isEmpty
            try await keep(setAside, unnamed: unnamed, upTo: lastIDBefore, org: org, on: db)
            try await setAside.table.finish(on: db)
            (deferredSites, self.setAside, dropped) = ([], nil, false)
            return
        }
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

    /// Copies from the set-aside table into the fresh one the earlier lines that stay: other
    /// reporters' lines, and the reporter's at the `unnamed` sites; each part only when there is one.
    private func keep(_ aside: SetAsideLines, unnamed: Set<Int64>, upTo lastID: Int64, org: Int64, on db: any SQLDatabase)
        async throws
    {
        let previous = aside.table.previous
        if aside.othersLines > 0 {
            try await db.raw(
                "INSERT INTO stock_lines SELECT * FROM \(ident: previous) WHERE id <= \(bind: lastID) AND reporter_org_id <> \(bind: org)"
            ).run()
        }
        for chunk in BoundLists.parts(of: unnamed.sorted()) {
            try await db.raw(
                """
                INSERT INTO stock_lines SELECT * FROM \(ident: previous)
                WHERE site_id IN (\(binds: chunk)) AND reporter_org_id = \(bind: org) AND id <= \(bind: lastID)
                """
            ).run()
        }
    }
}
