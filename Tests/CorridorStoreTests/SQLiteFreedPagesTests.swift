@testable import CorridorStore
import SQLKit
import Testing

/// A bulk import leaves the pages it frees unzeroed only while it drops or empties a table: secure
/// delete is as it was afterwards, even when the statement fails.
@Suite struct SQLiteFreedPagesTests {
    @Test func secureDeleteIsSetBackAfterwardsEvenWhenTheStatementFails() async throws {
        try await TestDatabase.sqlite.withStore { store in
            try await store.database.transaction { db in
                func setting() async throws -> Int {
                    try await db.raw("PRAGMA secure_delete").first()!.decode(column: "secure_delete", as: Int.self)
                }
                let before = try await setting()
                let inside = try await SQLiteFreedPages.leftUnzeroed(on: db) { try await setting() }
                let after = try await setting()
                #expect(before == 1, "SQLite as Corridor builds it zeroes deleted content")
                #expect(inside == 2 && after == 1)
                var failed = false
                do {
                    try await SQLiteFreedPages.leftUnzeroed(on: db) { try await db.raw("DROP TABLE no_such_table").run() }
                } catch {
                    failed = true
                }
                let afterFailure = try await setting()
                #expect(failed && afterFailure == 1)
            }
        }
    }
}
