@testable import CorridorCore
@testable import CorridorFormats
@testable import CorridorStore
import Foundation
import SQLKit
import Synchronization
import Testing

/// Imports large enough to take the bulk path: lines written while the next batch is checked, and
/// on SQLite the `stock_lines` indexes rebuilt once at the end. A low threshold stands in for a
/// million-row file.
@Suite struct StockBulkImportTests {
    static let head = "#loc+code,#loc+name,#country+code,#geo+lat,#geo+lon,#item+code,#indicator+num,#date+expiry\n"

    static func report(sites: Int, rows: Int, quantity: Int, extra: String = "") -> String {
        var text = head
        for row in 0..<rows {
            let site = row % sites
            text +=
                "BULK-\(site),Store \(site),KE,-1.\(site % 90 + 10),36.8,SHE-TENT-FAM,\(quantity + row),\(row % 7 == 0 ? "2027-01-31" : "")\n"
        }
        return text + extra
    }

    static func run(
        _ store: Store, _ text: String, org: String = "WFP", threshold: Int = 1_000, dryRun: Bool = false,
        progress: (@Sendable (Int) -> Void)? = nil
    ) async throws -> StockImportReport {
        var importer = store.stockImporter
        importer.indexRebuildThreshold = threshold
        var reader = CSVReader(data: Data(text.utf8))
        return try await importer.run(
            &reader, StockImportRequest(org: org, fileName: "bulk.csv", dryRun: dryRun, today: ImportFixture.today),
            by: .console, progress: progress)
    }

    /// The `stock_lines` indexes with their definitions: an import that dropped them builds them
    /// again as they were.
    static func indexes(_ store: Store) async throws -> [String] {
        try await store.database.read { db in
            switch store.database.dialect {
            case .sqlite:
                try await db.raw(
                    """
                    SELECT name || ': ' || sql AS d FROM sqlite_master
                    WHERE type = 'index' AND tbl_name = 'stock_lines' AND sql IS NOT NULL ORDER BY name
                    """
                ).all().map { try $0.string("d") }
            case .postgres:
                try await db.raw(
                    """
                    SELECT indexname || ': ' || indexdef AS d FROM pg_indexes
                    WHERE schemaname = current_schema() AND tablename = 'stock_lines' ORDER BY indexname
                    """
                ).all().map { try $0.string("d") }
            }
        }
    }

    static func quantities(_ store: Store) async throws -> [Int64] {
        try await store.database.read { db in
            try await db.raw(
                """
                SELECT l.quantity_milli FROM stock_lines l JOIN organisations o ON o.id = l.reporter_org_id
                WHERE o.code = 'WFP' ORDER BY l.quantity_milli
                """
            ).all().map { try $0.int64("quantity_milli") }
        }
    }

    @Test(arguments: TestDatabase.available)
    func aLargeSnapshotReplacesEarlierStockAndKeepsTheIndexes(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            let indexes = try await Self.indexes(store)
            #expect(indexes.count == (kind == .sqlite ? 2 : 3), "\(indexes)")
            let first = try await Self.run(store, Self.report(sites: 40, rows: 3_000, quantity: 1))
            #expect(first.linesWritten == 3_000)
            #expect(first.sitesCreated.count == 40)
            #expect(try await Self.indexes(store) == indexes)
            // The second report names the same 40 sites (now existing ones) and NBO-1: every earlier
            // WFP line goes, the other organisation's line stays.
            let second = try await Self.run(
                store,
                Self.report(
                    sites: 40, rows: 2_500, quantity: 100_000,
                    extra: "NBO-1,Nairobi hub,KE,-1.3,36.9,SHE-TENT-FAM,7,\n"))
            #expect(second.linesWritten == 2_501)
            #expect(second.sitesReplaced == 41)
            let quantities = try await Self.quantities(store)
            #expect(quantities.count == 2_501)
            #expect(quantities.first == 7_000)
            #expect(quantities.dropFirst().allSatisfy { $0 >= 100_000_000 })
            #expect(try await Self.indexes(store) == indexes)
            #expect(try await ImportFixture.lineCount(store) == 2_502)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBadRowAfterTheIndexesWereDroppedWritesNothing(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            _ = try await Self.run(store, Self.report(sites: 10, rows: 1_500, quantity: 1))
            let before = try await Self.quantities(store)
            let indexes = try await Self.indexes(store)
            do {
                _ = try await Self.run(
                    store,
                    Self.report(
                        sites: 10, rows: 2_500, quantity: 50,
                        extra: "BULK-1,Store 1,KE,-1.2,36.8,NOPE,5,\n"))
                Issue.record("the import should have been refused")
            } catch let error as DomainError {
                #expect(error.problems.map(\.row) == [2_502])
            }
            #expect(try await Self.quantities(store) == before)
            #expect(try await Self.indexes(store) == indexes)
        }
    }

    @Test func theIndexesStayForASmallSnapshotIntoALargeTable() async throws {
        try await TestDatabase.sqlite.withStore { store in
            try await ImportFixture.prepare(store)
            _ = try await Self.run(store, Self.report(sites: 50, rows: 5_000, quantity: 1), threshold: 1_000_000)
            var indexes = StockLineIndexes(dialect: .sqlite, threshold: 100)
            try await store.database.transaction { db in
                try await indexes.dropIfLarge(linesWritten: 100, org: 1, on: db)
                #expect(!indexes.dropped, "100 new lines against 5,000 existing ones keep the indexes")
            }
        }
    }

    /// A report that names the sites holding most of the table drops the indexes early, however
    /// few lines it has written yet: the previous lines it deletes at the end would each cost an
    /// index update too. Naming a site that holds few lines keeps them.
    @Test(arguments: TestDatabase.available)
    func replacingMostOfTheTableDropsTheIndexesEarly(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            let original = try await Self.indexes(store)
            _ = try await Self.run(store, Self.report(sites: 50, rows: 5_000, quantity: 1), threshold: 1_000_000)
            let (org, sites) = try await store.database.read { db in
                let org = try await db.raw("SELECT id FROM organisations WHERE code = 'WFP'").first()!.int64("id")
                let sites = try await db.raw("SELECT id FROM sites WHERE code LIKE 'BULK-%' ORDER BY id").all().map { try $0.int64("id") }
                return (org, sites)
            }
            #expect(sites.count == 50)
            try await store.database.transaction { db in
                var few = StockLineIndexes(dialect: store.database.dialect, threshold: 100)
                few.deferDelete(site: sites[0])
                try await few.dropIfLarge(linesWritten: 100, org: org, on: db)
                #expect(!few.dropped, "100 lines written over one site's 100 of 5,000 keep the indexes")
                var most = StockLineIndexes(dialect: store.database.dialect, threshold: 100)
                try await most.start(on: db)
                for site in sites.prefix(30) { most.deferDelete(site: site) }
                try await most.dropIfLarge(linesWritten: 100, org: org, on: db)
                #expect(most.dropped, "100 lines written over 30 of 50 sites' 3,000 lines drop them")
                try await most.finish(org: org, report: -1, on: db)
            }
            #expect(try await Self.indexes(store) == original)
            #expect(try await ImportFixture.lineCount(store) == 2_002, "the two seed lines and the 20 sites not named")
        }
    }

    /// Readers during a re-import see the previous snapshot whole, or, once it commits, the new
    /// one whole: never the new lines beside the old, nor a site emptied early. (They read on; on
    /// PostgreSQL they wait for the commit once the fresh table is swapped in.)
    @Test(arguments: TestDatabase.available)
    func readersDuringAReimportSeeOneSnapshotWhole(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            _ = try await Self.run(store, Self.report(sites: 40, rows: 25_000, quantity: 1), threshold: 1_000)
            let count: @Sendable () async throws -> Int = {
                try await store.database.read { db in try await db.count("SELECT COUNT(*) AS n FROM stock_lines") }
            }
            let before = try await count()
            let reads = Reads()
            _ = try await Self.run(
                store, Self.report(sites: 40, rows: 30_000, quantity: 1), threshold: 1_000,
                progress: { _ in reads.tasks.withLock { $0.append(Task { try await count() }) } })
            let after = try await count()
            #expect(after == before + 5_000)
            var seen: [Int] = []
            for read in reads.tasks.withLock({ $0 }) { seen.append(try await read.value) }
            #expect(seen.count >= 2)
            #expect(seen.allSatisfy { $0 == before || $0 == after }, "\(seen)")
        }
    }

    final class Reads: Sendable {
        let tasks = Mutex<[Task<Int, any Error>]>([])
    }

    /// A snapshot as large as the table it replaces (the monthly report) also gets there: the
    /// indexes are dropped part way and built again, and only the new lines remain.
    @Test(arguments: TestDatabase.available)
    func aSnapshotReplacingATableOfItsOwnSizeRebuildsTheIndexes(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            let indexes = try await Self.indexes(store)
            _ = try await Self.run(store, Self.report(sites: 30, rows: 4_000, quantity: 1), threshold: 100_000)
            let again = try await Self.run(store, Self.report(sites: 30, rows: 4_000, quantity: 1_000_000), threshold: 500)
            #expect(again.linesWritten == 4_000 && again.sitesReplaced == 30)
            let quantities = try await Self.quantities(store)
            #expect(quantities.count == 4_001, "NBO-1 and the new snapshot")
            #expect(quantities.dropFirst().allSatisfy { $0 >= 1_000_000_000 })
            #expect(try await Self.indexes(store) == indexes)
        }
    }

    /// A large re-import of part of an organisation's sites leaves every other line as it was
    /// (other organisations', and this one's at sites it did not name), new lines take ids after
    /// every earlier one (readers page by id), the totals agree with the lines, and the tables
    /// keep their indexes and (on PostgreSQL, where the tables are rewritten) their id sequence.
    @Test(arguments: TestDatabase.available)
    func aLargeReimportKeepsEveryOtherLineAndTheIdsGoOnGrowing(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            if kind == .postgres {
                try await store.database.withConnection { db in try await db.raw("GRANT SELECT ON stock_lines TO PUBLIC").run() }
            }
            let (indexes, sequence) = (try await Self.indexes(store), try await Self.lineSequence(store))
            let grants = try await Self.grants(store)
            _ = try await Self.run(store, Self.report(sites: 50, rows: 3_000, quantity: 1), threshold: 1_000_000)
            let before = try await Self.lines(store)
            let again = try await Self.run(store, Self.report(sites: 40, rows: 2_800, quantity: 5_000), threshold: 500)
            #expect(again.sitesReplaced == 40 && again.linesWritten == 2_800)
            let after = try await Self.lines(store)
            let named = Set((0..<40).map { "BULK-\($0)" })
            let kept = before.filter { !named.contains($0.site) }
            #expect(kept.count == 2 + 10 * 60, "the two seed lines and sites BULK-40 to 49")
            #expect(after.filter { !named.contains($0.site) }.map(\.text) == kept.map(\.text), "every other line is as it was, id included")
            let fresh = after.filter { named.contains($0.site) }
            #expect(fresh.count == 2_800)
            #expect(fresh.allSatisfy { $0.quantity >= 5_000_000 })
            #expect(fresh.map(\.id).min()! > before.map(\.id).max()!, "new lines come after every earlier id")
            try await StockTotalsTests.expectTotalsMatchLines(store, "after a large re-import")
            #expect(try await Self.indexes(store) == indexes)
            #expect(try await Self.lineSequence(store) == sequence)
            #expect(try await Self.grants(store) == grants)
            #expect(kind == .sqlite || grants == ["=r/"], "PUBLIC may read the lines: \(grants)")
            // A small import afterwards takes ids after those too.
            _ = try await Self.run(store, Self.report(sites: 1, rows: 3, quantity: 9_000_000), threshold: 1_000_000)
            let last = try await Self.lines(store).filter { $0.site == "BULK-0" }
            #expect(last.count == 3 && last.map(\.id).min()! > fresh.map(\.id).max()!)
            try await StockTotalsTests.expectTotalsMatchLines(store, "after a small import over it")
        }
    }

    /// A large re-import by an organisation that holds under half of the table (on SQLite the
    /// table is set aside only when most of it is the reporter's) leaves the other organisation's
    /// lines as they were and replaces its own.
    @Test(arguments: TestDatabase.available)
    func aLargeReimportBesideALargerOrganisationsStockKeepsIt(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            let indexes = try await Self.indexes(store)
            let other = Self.report(sites: 30, rows: 4_000, quantity: 1).replacing("BULK-", with: "KR-")
            _ = try await Self.run(store, other, org: "KRCS", threshold: 1_000_000)
            _ = try await Self.run(store, Self.report(sites: 20, rows: 2_000, quantity: 1), threshold: 1_000_000)
            let before = try await Self.lines(store)
            let again = try await Self.run(store, Self.report(sites: 20, rows: 2_200, quantity: 5_000), threshold: 500)
            #expect(again.sitesReplaced == 20 && again.linesWritten == 2_200)
            let after = try await Self.lines(store)
            let replaced = { (line: Line) in line.site.hasPrefix("BULK-") }
            #expect(before.filter { !replaced($0) }.count == 4_002)
            #expect(after.filter { !replaced($0) }.map(\.text) == before.filter { !replaced($0) }.map(\.text))
            #expect(after.filter(replaced).count == 2_200 && after.filter(replaced).allSatisfy { $0.quantity >= 5_000_000 })
            #expect(try await Self.indexes(store) == indexes)
            try await StockTotalsTests.expectTotalsMatchLines(store, "after a re-import beside a larger organisation's stock")
        }
    }

    /// A large re-import whose sites hold every total replaces them whole, and one whose sites
    /// hold only some of them replaces just those: either way the totals agree with the lines.
    @Test(arguments: TestDatabase.available)
    func aLargeReimportReplacesEveryTotalOrOnlyItsSites(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            // The other organisation's only line is not available, so it has no totals.
            _ = try await ImportFixture.importCSV(
                store, org: "KRCS",
                "#loc+code,#loc+name,#country+code,#geo+lat,#geo+lon,#item+code,#indicator+num,#status\nKRCS-1,Nairobi store,KE,-1.29,36.82,NFI-BLKT-HT,1,damaged\n"
            )
            let hub = "NBO-1,Nairobi hub,KE,-1.3,36.9,SHE-TENT-FAM,7,\n"
            _ = try await Self.run(store, Self.report(sites: 300, rows: 1_200, quantity: 1, extra: hub), threshold: 1_000_000)
            let every = try await Self.run(store, Self.report(sites: 300, rows: 1_500, quantity: 5_000, extra: hub), threshold: 500)
            #expect(every.sitesReplaced == 301)
            try await StockTotalsTests.expectTotalsMatchLines(store, "after a re-import over every total")
            let some = try await Self.run(store, Self.report(sites: 200, rows: 800, quantity: 9_000), threshold: 300)
            #expect(some.sitesReplaced == 200)
            try await StockTotalsTests.expectTotalsMatchLines(store, "after a re-import over some of the totals")
            #expect(try await Self.quantities(store).filter { $0 >= 9_000_000 }.count == 800)
        }
    }

    /// On SQLite, a large re-import over a table of the reporter's own lines learns from the table
    /// it set aside whether it replaced every earlier line, and only then empties the totals whole:
    /// not when the report left one of the reporter's sites out, nor when another organisation
    /// has stock elsewhere. Either way the totals agree with the lines.
    @Test(arguments: TestDatabase.available)
    func aLargeReimportEmptiesTheTotalsOnlyWhenItReplacedEveryLine(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            _ = try await store.organisations.create(
                NewOrganisation(code: "WFP", name: "World Food Programme", type: "un_agency", hqCountry: "IT"), by: .console)
            _ = try await Self.run(store, Self.report(sites: 300, rows: 1_200, quantity: 1), threshold: 1_000_000)
            let every = try await Self.run(store, Self.report(sites: 300, rows: 1_500, quantity: 5_000), threshold: 500)
            #expect(every.sitesReplaced == 300)
            try await StockTotalsTests.expectTotalsMatchLines(store, "after a re-import of every line")
            // Sites 200 to 299 are left out, and keep their totals.
            let some = try await Self.run(store, Self.report(sites: 200, rows: 800, quantity: 9_000), threshold: 300)
            #expect(some.sitesReplaced == 200)
            try await StockTotalsTests.expectTotalsMatchLines(store, "after a re-import that left sites out")
            _ = try await store.organisations.create(
                NewOrganisation(code: "KRCS", name: "Kenya Red Cross", type: "red_cross_red_crescent", hqCountry: "KE"), by: .console)
            _ = try await ImportFixture.importCSV(
                store, org: "KRCS",
                "#loc+code,#loc+name,#country+code,#geo+lat,#geo+lon,#item+code,#indicator+num\nKRCS-1,Nairobi store,KE,-1.29,36.82,NFI-BLKT-HT,4\n"
            )
            let again = try await Self.run(store, Self.report(sites: 300, rows: 1_500, quantity: 7_000), threshold: 500)
            #expect(again.sitesReplaced == 300)
            try await StockTotalsTests.expectTotalsMatchLines(store, "after a re-import beside another organisation's stock")
        }
    }

    /// Another organisation's import that runs while a large re-import is under way (on
    /// PostgreSQL into the table about to be replaced, or after the swap) keeps its line, with an
    /// id of its own, and the totals agree.
    @Test(arguments: TestDatabase.available)
    func anImportDuringALargeReimportIsNotLost(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            _ = try await Self.run(store, Self.report(sites: 40, rows: 12_000, quantity: 1), threshold: 1_000_000)
            let other = Reads()
            _ = try await Self.run(
                store, Self.report(sites: 40, rows: 12_000, quantity: 5_000), threshold: 500,
                progress: { _ in
                    other.tasks.withLock { tasks in
                        guard tasks.isEmpty else { return }
                        tasks.append(
                            Task {
                                _ = try await ImportFixture.importCSV(
                                    store, org: "KRCS",
                                    "#loc+code,#loc+name,#country+code,#geo+lat,#geo+lon,#item+code,#indicator+num\nKRCS-1,Nairobi store,KE,-1.29,36.82,NFI-BLKT-HT,77\n"
                                )
                                return 1
                            })
                    }
                })
            let started = other.tasks.withLock { $0 }
            #expect(started.count == 1, "the other import started during this one")
            for task in started { _ = try await task.value }
            let lines = try await Self.lines(store)
            #expect(Set(lines.map(\.id)).count == lines.count)
            #expect(lines.filter { $0.site == "KRCS-1" }.map(\.quantity) == [77_000])
            #expect(lines.filter { $0.site.hasPrefix("BULK-") }.count == 12_000)
            try await StockTotalsTests.expectTotalsMatchLines(store, "after both imports")
        }
    }

    struct Line {
        var id: Int64, site: String, quantity: Int64
        var text: String { "\(id) \(site) \(quantity)" }
    }

    /// Every stock line, by id.
    static func lines(_ store: Store) async throws -> [Line] {
        try await store.database.read { db in
            try await db.raw("SELECT l.id, s.code, l.quantity_milli FROM stock_lines l JOIN sites s ON s.id = l.site_id ORDER BY l.id")
                .all().map { Line(id: try $0.int64("id"), site: try $0.string("code"), quantity: try $0.int64("quantity_milli")) }
        }
    }

    /// The privileges others hold on the stock lines on PostgreSQL, without the grantor (none on SQLite).
    static func grants(_ store: Store) async throws -> [String] {
        guard store.database.dialect == .postgres else { return [] }
        return try await store.database.read { db in
            try await db.raw(
                """
                SELECT split_part(CAST(a AS TEXT), '/', 1) || '/' AS g FROM pg_class c, unnest(c.relacl) a
                WHERE c.oid = 'stock_lines'::regclass AND CAST(a AS TEXT) NOT LIKE (pg_get_userbyid(c.relowner) || '=%')
                ORDER BY 1
                """
            ).all().map { try $0.string("g") }
        }
    }

    /// The sequence that numbers stock lines on PostgreSQL (nil on SQLite).
    static func lineSequence(_ store: Store) async throws -> String? {
        guard store.database.dialect == .postgres else { return nil }
        return try await store.database.read { db in
            try await db.raw("SELECT pg_get_serial_sequence('stock_lines', 'id') AS s").first()?.string("s")
        }
    }

    /// On PostgreSQL, an import that adds many sites leaves them analysed, so that the reads after
    /// it are planned from the sites there are (not from none); a few new sites leave them as they are.
    @Test func anImportOfManyNewSitesLeavesThemAnalysedOnPostgreSQL() async throws {
        guard TestDatabase.available.contains(.postgres) else { return }
        try await TestDatabase.postgres.withStore { store in
            try await ImportFixture.prepare(store)
            func analysed() async throws -> Int64 {
                try await store.database.read { db in
                    try await db.raw("SELECT analyze_count FROM pg_stat_user_tables WHERE relid = 'sites'::regclass").first()?
                        .int64("analyze_count") ?? -1
                }
            }
            let before = try await analysed()
            _ = try await Self.run(store, Self.report(sites: 5, rows: 50, quantity: 1))
            #expect(try await analysed() == before, "five new sites: not analysed")
            _ = try await Self.run(store, Self.report(sites: 150, rows: 300, quantity: 1))
            #expect(try await analysed() == before + 1)
        }
    }

    /// Text reaches the table as written, whatever bytes the bulk path gives a meaning to
    /// (PostgreSQL's COPY text format: backslash, tab, line breaks).
    @Test(arguments: TestDatabase.available)
    func batchesKeepTheirBackslashesTabsAndLineBreaks(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            let batches = ["LOT\\7", "A\tB", "C\\N", "two\nlines", "three\r\nlines", "plain"]
            var text = "#loc+code,#loc+name,#country+code,#geo+lat,#geo+lon,#item+code,#indicator+num,#meta+batch\n"
            for (index, batch) in batches.enumerated() {
                text += "ESC-1,Escapes,KE,-1.2,36.8,SHE-TENT-FAM,\(index + 1),\"\(batch)\"\n"
            }
            _ = try await Self.run(store, text)
            let stored = try await store.database.read { db in
                try await db.raw("SELECT batch FROM stock_lines WHERE batch IS NOT NULL ORDER BY quantity_milli").all()
                    .map { try $0.string("batch") }
            }
            #expect(stored == batches)
        }
    }

    /// The import switches SQLite's foreign-key checks off on its own connection; every pooled
    /// connection must still have them, after a good import and after a refused one.
    @Test func foreignKeysAreCheckedAgainOnEveryConnectionAfterAnImport() async throws {
        try await TestDatabase.sqlite.withStore { store in
            try await ImportFixture.prepare(store)
            _ = try await Self.run(store, Self.report(sites: 10, rows: 1_500, quantity: 1))
            #expect(try await Self.foreignKeySettings(store).allSatisfy { $0 == 1 })
            await #expect(throws: DomainError.self) {
                _ = try await Self.run(store, Self.report(sites: 10, rows: 50, quantity: 1, extra: "BULK-1,Store 1,KE,-1.2,36.8,NOPE,5,\n"))
            }
            let settings = try await Self.foreignKeySettings(store)
            #expect(settings.count >= 2 && settings.allSatisfy { $0 == 1 }, "\(settings)")
            await #expect(throws: (any Error).self) {
                try await store.database.transaction { db in
                    try await db.raw(
                        "INSERT INTO stock_lines (site_id, item_code, owner_org_id, reporter_org_id, quantity_milli, status, reported_at) VALUES (999999, 'SHE-TENT-FAM', 1, 1, 1, 'available', '2026-01-01')"
                    ).run()
                }
            }
        }
    }

    /// `PRAGMA foreign_keys` on as many pooled connections as can be held at once (the one the
    /// import used among them).
    static func foreignKeySettings(_ store: Store) async throws -> [Int64] {
        try await withThrowingTaskGroup(of: Int64.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    try await store.database.read { db in
                        let value = try await db.raw("PRAGMA foreign_keys").first()?.decode(column: "foreign_keys", as: Int64.self) ?? -1
                        try await Task.sleep(for: .milliseconds(100))
                        return value
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// A dry run checks on several threads and writes nothing; what it reports must be what the
    /// import then does, over several segments (each thread meets the same new sites), with
    /// existing and new sites, repeats and warnings.
    @Test(arguments: TestDatabase.available)
    func aDryRunReportsWhatTheImportThenDoes(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            let text = Self.report(
                sites: 60, rows: 25_000, quantity: 1,
                extra: "NBO-1,Nairobi hub,KE,-1.3,36.9,SHE-TENT-FAM,7,2020-01-01\n"
                    + "BULK-3,Store 3,KE,-1.13,36.8,SHE-TENT-FAM,3,\n")
            let before = try await ImportFixture.lineCount(store)
            let dry = try await Self.run(store, text, dryRun: true)
            #expect(try await ImportFixture.lineCount(store) == before)
            let done = try await Self.run(store, text)
            #expect(dry.dryRun && !done.dryRun && dry.reportID == nil && done.reportID != nil)
            #expect(text.utf8.count > 2 * 512 * 1024)
            #expect(dry.rowsRead == done.rowsRead && dry.rowsRead == 25_002)
            #expect(dry.linesWritten == done.linesWritten)
            #expect(dry.sitesReplaced == done.sitesReplaced && dry.sitesReplaced == 1)
            #expect(dry.sitesCreated == done.sitesCreated && dry.sitesCreated.count == 60)
            #expect(dry.warningCount == done.warningCount && dry.warningCount >= 2)
            #expect(dry.warnings == done.warnings)
        }
    }

    /// A file that cannot be read on (here: Latin-1 bytes on row 6,001) stops both alike, while
    /// workers are checking earlier rows.
    @Test func anUnreadableRowStopsADryRunAsItStopsTheImport() async throws {
        try await TestDatabase.sqlite.withStore { store in
            try await ImportFixture.prepare(store)
            let before = try await ImportFixture.lineCount(store)
            var bytes = Array(Self.report(sites: 20, rows: 6_000, quantity: 1).utf8)
            bytes += Array("BULK-1,Caf".utf8) + [0xE9] + Array(",KE,-1.11,36.8,SHE-TENT-FAM,5,\n".utf8)
            bytes += Array(Self.report(sites: 20, rows: 3_000, quantity: 9).dropFirst(Self.head.count).utf8)
            for dryRun in [true, false] {
                var importer = store.stockImporter
                importer.indexRebuildThreshold = 1_000
                var reader = CSVReader(data: Data(bytes))
                let error = await #expect(throws: DomainError.self) {
                    _ = try await importer.run(
                        &reader,
                        StockImportRequest(
                            org: "WFP", fileName: "bad.csv", dryRun: dryRun,
                            today: ImportFixture.today), by: .console)
                }
                #expect(error?.problems.map(\.row) == [6_002], "dry run: \(dryRun)")
                #expect(error?.problems.first?.problem.contains("UTF-8") == true)
            }
            #expect(try await ImportFixture.lineCount(store) == before)
        }
    }

    @Test func aDryRunRefusesABadFileAsTheImportDoes() async throws {
        try await TestDatabase.sqlite.withStore { store in
            try await ImportFixture.prepare(store)
            var lines = Self.report(sites: 20, rows: 9_000, quantity: 1).split(separator: "\n", omittingEmptySubsequences: false).map(
                String.init)
            lines[10] = "BULK-1,Store 1,KE,-1.11,36.8,NOPE,5,"
            lines[5_000] = "BULK-2,Store 2,KE,-1.12,36.8,SHE-TENT-FAM,-4,"
            lines[8_999] = "BULK-3,Store 3,KE,95,36.8,SHE-TENT-FAM,5,31/12/2026"
            let text = lines.joined(separator: "\n")
            func problems(dryRun: Bool) async -> [Problem] {
                do {
                    _ = try await Self.run(store, text, dryRun: dryRun)
                    return []
                } catch let error as DomainError {
                    return error.problems
                } catch {
                    return [Problem(problem: "\(error)")]
                }
            }
            let dry = await problems(dryRun: true)
            #expect(dry.map(\.row) == [11, 5_001, 9_000, 9_000])
            #expect(dry == (await problems(dryRun: false)))
        }
    }
}
