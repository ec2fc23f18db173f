import Foundation
import CorridorCore
@testable import CorridorStore
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
            let broken = Migration(version: 999, name: "broken on purpose", statements: [
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
                    try await db.raw("SELECT indexdef AS sql FROM pg_indexes WHERE indexname = 'stock_lines_item' AND schemaname = current_schema()")
                        .first()?.string("sql")
                }
            }
            #expect(definition?.hasSuffix("(item_code)") == true, "\(definition ?? "no index")")
        }
    }

    @Test func aNewSQLiteStoreHasEightKiBPagesAndFindsAnItemsStockByIndex() async throws {
        try await TestDatabase.sqlite.withDatabase { database in
            try await database.migrate()
            let (pageSize, plan) = try await database.read { db in
                let size = try await db.raw("PRAGMA page_size").first()?.decode(column: "page_size", as: Int.self)
                let plan = try await db.raw("""
                    EXPLAIN QUERY PLAN SELECT site_id, quantity_milli FROM stock_lines
                    WHERE item_code = 'SHE-TENT-FAM' AND status = 'available'
                    """).all().map { try $0.decode(column: "detail", as: String.self) }
                return (size, plan.joined(separator: "; "))
            }
            #expect(pageSize == 8192)
            #expect(plan.contains("USING INDEX stock_lines_item"), "\(plan)")
        }
    }

    @Test(.disabled(if: TestDatabase.postgresURL == nil,
                    "CORRIDOR_TEST_POSTGRES_URL is unset: the PostgreSQL half of the store suite is skipped"))
    func postgresIsReachable() async throws {
        try await TestDatabase.postgres.withDatabase { database in
            #expect(await database.isHealthy())
        }
    }
}
