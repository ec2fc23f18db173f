import Foundation
import CorridorCore
@testable import CorridorStore
import Logging
import SQLKit
import Testing

@Suite struct MigrationTests {
    @Test(arguments: TestDatabase.available)
    func migrationsRunOnceAndAreIdempotent(_ kind: TestDatabase) async throws {
        try await kind.withDatabase { database in
            let first = try await database.migrate()
            #expect(first.applied == Migrations.all.map(\.version))
            let second = try await database.migrate()
            #expect(second.applied.isEmpty)
            #expect(second.alreadyApplied == Migrations.all.count)
            #expect(try await database.appliedMigrations() == Migrations.all.map(\.version))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aFailedMigrationRollsBackWhole(_ kind: TestDatabase) async throws {
        try await kind.withDatabase { database in
            try await database.migrate()
            let broken = Migration(
                version: 999, name: "broken on purpose",
                statements: [
                    "CREATE TABLE half_done (id INTEGER)",
                    "INSERT INTO no_such_table VALUES (1)",
                ])
            await #expect(throws: (any Error).self) { try await database.migrate(Migrations.all + [broken]) }
            #expect(try await database.appliedMigrations() == Migrations.all.map(\.version))
            // The table created before the failing statement must not exist.
            await #expect(throws: (any Error).self) {
                try await database.read { db in try await db.raw("SELECT COUNT(*) AS n FROM half_done").first() }
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func theItemIndexKeysOnTheItemAlone(_ kind: TestDatabase) async throws {
        try await kind.withDatabase { database in
            try await database.migrate()
            let definition = try await database.read { db in
                switch database.dialect {
                case .sqlite:
                    try await db.raw("SELECT sql FROM sqlite_master WHERE name = 'stock_lines_item'").first()?.string("sql")
                case .postgres:
                    try await db.raw(
                        "SELECT indexdef AS sql FROM pg_indexes WHERE indexname = 'stock_lines_item' AND schemaname = current_schema()"
                    )
                    .first()?.string("sql")
                }
            }
            #expect(definition?.hasSuffix("(item_code)") == true, "\(definition ?? "no index")")
        }
    }

    @Test(arguments: TestDatabase.available)
    func indicativeValuesBecomeExactThousandthsOfADollar(_ kind: TestDatabase) async throws {
        try await kind.withDatabase { database in
            let before = Migrations.all.filter { $0.version < 9 }
            try await database.migrate(before)
            // Every pooled connection caches the old schema before the migration runs on one of them.
            #expect(try await Self.itemColumnsOnManyConnections(database).allSatisfy { $0.contains("value_usd") })
            try await database.transaction { db in
                try await db.raw("UPDATE items SET value_usd = 0.02 WHERE code = 'WSH-TABS-NADCC'").run()
                try await db.raw("UPDATE items SET value_usd = 450.5 WHERE code = 'SHE-TENT-FAM'").run()
            }
            #expect(try await database.migrate().applied == Migrations.all.map(\.version).filter { $0 >= 9 })
            let items = try await database.read { db in
                try await db.raw("SELECT * FROM items WHERE code IN ('WSH-TABS-NADCC', 'SHE-TENT-FAM', 'FOO-RICE') ORDER BY code").all()
                    .map(ItemRepository.item)
            }
            #expect(items.map(\.valueUSD) == [nil, Quantity(milli: 450_500), Quantity(milli: 20)])
            for columns in try await Self.itemColumnsOnManyConnections(database) {
                #expect(columns.contains("value_usd_milli") && !columns.contains("value_usd"), "\(columns)")
            }
            await #expect(throws: (any Error).self, "the floating-point column is gone") {
                try await database.read { db in try await db.raw("SELECT value_usd FROM items").first() }
            }
        }
    }

    /// A store made before each site's summary was kept gets it from its totals: the latest report
    /// day and the volume of a site's totals, and no row for a site that holds none.
    @Test(arguments: TestDatabase.available)
    func eachSitesSummaryComesFromItsTotals(_ kind: TestDatabase) async throws {
        try await kind.withDatabase { database in
            try await database.migrate(Migrations.all.filter { $0.version < 20 })
            let sites = try await database.transaction { db in
                try await db.raw(
                    "INSERT INTO organisations (code, name, type, hq_country, created_at) VALUES ('OLD', 'Old NGO', 'ingo', 'KE', 0)"
                ).run()
                var ids: [Int64] = []
                for code in ["A", "B"] {
                    let id = try await db.raw(
                        """
                        INSERT INTO sites (org_id, code, name, country, lat, lon, tier, sharing, created_at)
                        SELECT id, \(bind: code), \(bind: code), 'KE', -1.3, 36.8, 'national', 'public', 0 FROM organisations WHERE code = 'OLD'
                        RETURNING id
                        """
                    ).first()?.int64("id")
                    ids.append(try #require(id))
                }
                for (item, latest) in [("SHE-TENT-FAM", "2026-03-01"), ("NFI-BLKT-HT", "2026-05-20"), ("FOO-RICE", "2026-04-02")] {
                    try await db.raw(
                        """
                        INSERT INTO stock_site_totals (site_id, item_code, owner_org_id, expiry, quantity_milli, latest_report)
                        SELECT \(bind: ids[0]), \(bind: item), id, '', 1000, \(bind: latest) FROM organisations WHERE code = 'OLD'
                        """
                    ).run()
                }
                return ids
            }
            #expect(try await database.migrate().applied == Migrations.all.map(\.version).filter { $0 >= 20 })
            let summaries = try await database.read { db in
                try await db.raw("SELECT site_id, latest_report, volume_m3 FROM stock_site_summary ORDER BY site_id").all().map {
                    (site: try $0.int64("site_id"), latest: try $0.string("latest_report"), volume: try $0.double("volume_m3"))
                }
            }
            // One unit of each of the three items, at the catalogue's volumes.
            let volume = try await database.read { db in
                try await db.raw("SELECT SUM(volume_m3) AS v FROM items WHERE code IN ('SHE-TENT-FAM', 'NFI-BLKT-HT', 'FOO-RICE')").first()?
                    .double("v")
            }
            #expect(summaries.count == 1, "site B holds nothing")
            #expect(summaries.first?.site == sites[0] && summaries.first?.latest == "2026-05-20")
            #expect(abs((summaries.first?.volume ?? 0) - (try #require(volume))) < 1e-9)
        }
    }

    /// Birgunj's entry point was keyed NPBGJ, which is no UN/LOCODE: the migration moves it, and
    /// the declarations that name it, to NPBRG; a border without a LOCODE gets an internal code
    /// and none of its own.
    @Test(arguments: TestDatabase.available)
    func entryPointsMoveToTheirCodeWithTheirDeclarations(_ kind: TestDatabase) async throws {
        try await kind.withDatabase { database in
            try await database.migrate(Migrations.all.filter { $0.version < 13 })
            try await database.transaction { db in
                // As a database made before the codes were corrected held them.
                try await db.raw("UPDATE entry_points SET locode = 'NPBGJ' WHERE locode = 'NPBRG'").run()
                try await db.raw("UPDATE entry_points SET locode = 'KENAM' WHERE locode = 'KE-NAMANGA'").run()
                try await db.raw(
                    "INSERT INTO organisations (code, name, type, hq_country, created_at) VALUES ('OLD', 'Old NGO', 'ingo', 'NP', 0)"
                ).run()
                try await db.raw(
                    """
                    INSERT INTO declarations (reference, declarant_org_id, consignee, destination, entry_point, transport_mode, state,
                        version, created_at)
                    SELECT 'OLD-1', id, 'NRCS', 'NP', 'NPBGJ', 'road', 'draft', 1, 0 FROM organisations WHERE code = 'OLD'
                    """
                ).run()
            }
            #expect(try await database.migrate().applied == Migrations.all.map(\.version).filter { $0 >= 13 })
            let (declared, points) = try await database.read { db in
                (
                    try await db.raw("SELECT entry_point FROM declarations WHERE reference = 'OLD-1'").first()?.string("entry_point"),
                    try await db.raw(
                        "SELECT code, locode FROM entry_points WHERE code IN ('NPBRG', 'NPBGJ', 'KE-NAMANGA', 'KENAM', 'KENBO') ORDER BY code"
                    )
                    .all().map { "\(try $0.string("code"))=\(try $0.optionalString("locode") ?? "none")" }
                )
            }
            #expect(declared == "NPBRG")
            #expect(points == ["KE-NAMANGA=none", "KENBO=KENBO", "NPBRG=NPBRG"])
            await #expect(throws: (any Error).self, "the declaration's entry point is still a foreign key") {
                try await database.transaction { db in
                    try await db.raw("UPDATE declarations SET entry_point = 'NPBGJ' WHERE reference = 'OLD-1'").run()
                }
            }
        }
    }

    /// Reads keep their statements prepared on their connections; one prepared before another
    /// connection changed its table still names the table's columns as they are now.
    @Test func aStatementKeptPreparedNamesTheColumnsATableHasNow() async throws {
        try await TestDatabase.sqlite.withDatabase { database in
            try await database.migrate()
            let before = try await Self.itemColumnsOnManyConnections(database)
            try await database.transaction { db in try await db.raw("ALTER TABLE items ADD COLUMN note TEXT").run() }
            let after = try await Self.itemColumnsOnManyConnections(database)
            #expect(before.allSatisfy { !$0.isEmpty && !$0.contains("note") }, "\(before)")
            #expect(after.allSatisfy { $0.contains("note") }, "\(after)")
        }
    }

    /// The columns `SELECT *` names on as many pooled connections as the pool holds at once.
    static func itemColumnsOnManyConnections(_ database: Database) async throws -> [[String]] {
        try await withThrowingTaskGroup(of: [String].self) { group in
            for _ in 0..<12 {
                group.addTask {
                    try await database.read { db in
                        let columns = try await db.raw("SELECT * FROM items LIMIT 1").first()?.allColumns ?? []
                        try await Task.sleep(for: .milliseconds(50))
                        return columns
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test func aNewSQLiteStoreHasEightKiBPagesAndFindsAnItemsStockByIndex() async throws {
        try await TestDatabase.sqlite.withDatabase { database in
            try await database.migrate()
            let (pageSize, plan) = try await database.read { db in
                let size = try await db.raw("PRAGMA page_size").first()?.decode(column: "page_size", as: Int.self)
                let plan = try await db.raw(
                    """
                    EXPLAIN QUERY PLAN SELECT site_id, quantity_milli FROM stock_lines
                    WHERE item_code = 'SHE-TENT-FAM' AND status = 'available'
                    """
                ).all().map { try $0.decode(column: "detail", as: String.self) }
                return (size, plan.joined(separator: "; "))
            }
            #expect(pageSize == 8192)
            #expect(plan.contains("USING INDEX stock_lines_item"), "\(plan)")
        }
    }

    /// Several servers started at once on one empty PostgreSQL database: each opens its own
    /// pool and migrates; every migration runs exactly once and none of them fails.
    @Test(.disabled(if: TestDatabase.postgresURL == nil, "CORRIDOR_TEST_POSTGRES_URL is unset"))
    func serversStartingTogetherOnAnEmptyPostgresDatabaseMigrateOnce() async throws {
        let (url, schema) = try await TestDatabase.postgres.fresh()
        let servers = try (0..<4).map { _ in try Database(url, logger: Logger(label: "test"), postgresSchema: schema) }
        var reports: [MigrationReport] = []
        var failure: (any Error)?
        do {
            reports = try await withThrowingTaskGroup(of: MigrationReport.self) { group in
                for server in servers { group.addTask { try await server.migrate() } }
                return try await group.reduce(into: [MigrationReport]()) { $0.append($1) }
            }
        } catch {
            failure = error
        }
        let applied = try? await servers[0].appliedMigrations()
        for server in servers { await server.close() }
        await TestDatabase.discard(url, schema: schema)
        if let failure { throw failure }
        #expect(reports.flatMap(\.applied).sorted() == Migrations.all.map(\.version))
        #expect(reports.map(\.alreadyApplied).reduce(0, +) == Migrations.all.count * (servers.count - 1))
        #expect(applied == Migrations.all.map(\.version))
    }

    @Test(
        .disabled(
            if: TestDatabase.postgresURL == nil,
            "CORRIDOR_TEST_POSTGRES_URL is unset: the PostgreSQL half of the store suite is skipped"))
    func postgresIsReachable() async throws {
        try await TestDatabase.postgres.withDatabase { database in
            #expect(await database.isHealthy())
        }
    }
}
