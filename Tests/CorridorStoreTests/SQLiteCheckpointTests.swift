import Foundation
@testable import CorridorStore
import SQLKit
import Testing

/// A bulk write's pages reach the database file after it commits, without another write to
/// carry them there, and readers see them at once.
@Suite struct SQLiteCheckpointTests {
    @Test func aBulkWritesLogIsCopiedIntoTheFileAfterItCommits() async throws {
        try await TestDatabase.sqlite.withDatabase { database in
            guard case .sqlite(let path) = database.url else { return }
            // A reader's connection stays open, as a server's do: the writer's is not the last
            // to close, which would copy the log itself.
            _ = try await database.read { db in try await db.raw("SELECT COUNT(*) AS n FROM sqlite_master").first() }
            let sizeBefore = Self.size(of: path)
            try await database.transaction(driver: { db, _ in
                try await db.raw("CREATE TABLE filler (n BIGINT, text TEXT)").run()
                try await db.raw(
                    """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000)
                    INSERT INTO filler SELECT i, printf('%.200c', 'x') FROM n
                    """
                ).run()
            })
            let seen = try await database.read { db in try await db.count("SELECT COUNT(*) AS n FROM filler") }
            #expect(seen == 20_000)
            await database.checkpointed()
            // About 4 MB of rows: in the file now, not only in the log.
            #expect(Self.size(of: path) > sizeBefore + 4_000_000)
        }
    }

    /// 0 while the file does not exist yet.
    private static func size(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }
}
