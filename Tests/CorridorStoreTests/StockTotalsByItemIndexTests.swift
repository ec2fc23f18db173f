@testable import CorridorCore
@testable import CorridorStore
import Foundation
import Logging
import SQLKit
import Testing

/// On SQLite nearest stock reads the per-site totals through their index by item. An import that
/// writes many totals drops that index and builds it again at the end, in its own transaction.
@Suite struct StockTotalsByItemIndexTests {
    /// Rows whose expiry dates differ, so each row is a total of its own.
    static func report(sites: Int, rows: Int, quantity: Int, extra: String = "") -> String {
        var text = StockBulkImportTests.head
        for row in 0..<rows {
            let site = row % sites
            let expiry = Day(year: 2027, month: 1, day: 1)!.adding(days: row / sites)
            text += "BULK-\(site),Store \(site),KE,-1.\(site % 90 + 10),36.8,SHE-TENT-FAM,\(quantity + row),\(expiry)\n"
        }
        return text + extra
    }

    static func definition(_ store: Store) async throws -> String? {
        try await store.database.read { db in
            try await db.raw("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'stock_site_totals_item'").first()?
                .decode(column: "sql", as: String.self)
        }
    }

    @Test func aLargeImportBuildsTheIndexByItemAgainAndAFailedOneKeepsIt() async throws {
        try await TestDatabase.sqlite.withStore { store in
            try await ImportFixture.prepare(store)
            let definition = try #require(try await Self.definition(store))
            let counter = StatementCounter()
            let database = try Database(store.database.url, logger: Logger(label: "test"), counter: counter)
            let counted = Store(database: database, settings: TestDatabase.settings)
            do {
                _ = try await StockBulkImportTests.run(counted, Self.report(sites: 40, rows: 3_000, quantity: 1))
                #expect(counter.statements.contains("DROP INDEX stock_site_totals_item"), "3,000 totals into a table of a few")
                #expect(try await Self.definition(store) == definition)
                try await StockTotalsTests.expectTotalsMatchLines(store, "a large import")
                try await StockTotalsTests.expectNearestMatchesBruteForce(
                    store, viewer: .console, named: "after a large import", from: [(-1.3, 36.8), (-1.75, 36.8)], limits: [1, 10, 50])

                counter.reset()
                do {
                    _ = try await StockBulkImportTests.run(
                        counted,
                        Self.report(sites: 40, rows: 2_500, quantity: 50, extra: "BULK-1,Store 1,KE,-1.2,36.8,NOPE,5,\n"))
                    Issue.record("the import should have been refused")
                } catch let error as DomainError {
                    #expect(error.problems.map(\.row) == [2_502])
                }
                #expect(try await Self.definition(store) == definition, "a refused import leaves the index as it was")
                try await StockTotalsTests.expectTotalsMatchLines(store, "after a failed import")

                _ = try await StockBulkImportTests.run(counted, Self.report(sites: 40, rows: 2_500, quantity: 100))
                #expect(counter.statements.contains("DROP INDEX stock_site_totals_item"), "2,500 totals replacing 3,000")
                #expect(try await Self.definition(store) == definition)
                try await StockTotalsTests.expectTotalsMatchLines(store, "a large re-import")
                try await StockTotalsTests.expectNearestMatchesBruteForce(
                    store, viewer: .console, named: "after a large re-import", from: [(-1.3, 36.8)], limits: [10])

                counter.reset()
                _ = try await StockBulkImportTests.run(
                    counted, "\(StockBulkImportTests.head)BULK-1,Store 1,KE,-1.11,36.8,SHE-TENT-FAM,5,\n")
                #expect(!counter.statements.contains("DROP INDEX stock_site_totals_item"), "one total kept key by key")
                #expect(try await Self.definition(store) == definition)
                try await StockTotalsTests.expectTotalsMatchLines(store, "a small import")
            } catch {
                await database.close()
                throw error
            }
            await database.close()
        }
    }
}
