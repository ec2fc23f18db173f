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

    @Test(.disabled(if: TestDatabase.postgresURL == nil,
                    "CORRIDOR_TEST_POSTGRES_URL is unset: the PostgreSQL half of the store suite is skipped"))
    func postgresIsReachable() async throws {
        try await TestDatabase.postgres.withDatabase { database in
            #expect(await database.isHealthy())
        }
    }
}
