import CorridorCore
import CorridorFormats
import Foundation
import SQLKit
import Testing

@testable import CorridorStore

/// An import whose totals outgrow the memory it keeps for them sets them aside on disk in sorted
/// runs and merges the runs as it writes: the totals still equal the lines, whether a key's sum
/// lies in one run, in several or also in what another organisation reported at the site.
@Suite struct StockTotalsSpillTests {
    /// 400 sites × 5 items × 2 expiries, each key twice in the file (another batch number), and
    /// more than one batch of rows, so that keys' sums are split across the runs set aside.
    static func report(items: [String], quantity: Int) -> String {
        var text =
            "#org+code,#loc+code,#loc+name,#country+code,#geo+lat,#geo+lon,#item+code,#indicator+num,#status,#date+expiry,#date+reported,#meta+batch\n"
        for pass in 0..<2 {
            for site in 0..<400 {
                for (index, item) in items.enumerated() {
                    for expiry in ["", "2027-0\(1 + index % 9)-15"] {
                        let lat = -1 - Double(site) / 1000
                        text +=
                            "WFP,SP-\(site),Store \(site),KE,\(lat),36.8,\(item),\(quantity + site % 7 + pass),available,\(expiry),2026-05-\(20 + pass),B\(pass)\n"
                    }
                }
            }
        }
        return text
    }

    static func importReport(_ store: Store, _ text: String) async throws -> StockImportReport {
        var importer = store.stockImporter
        importer.totalsSpillThreshold = 500
        var reader = CSVReader(data: Data(text.utf8))
        return try await importer.run(
            &reader, StockImportRequest(org: "WFP", fileName: "spill.csv", today: ImportFixture.today), by: .console)
    }

    @Test(arguments: TestDatabase.available)
    func totalsSetAsideInRunsEqualTheLinesAfterAnImportAndAReimport(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            let items = Array(try await store.items.all().map(\.code).sorted().prefix(5))
            #expect(items.count == 5)
            let first = try await Self.importReport(store, Self.report(items: items, quantity: 10))
            #expect(first.linesWritten == 8_000 && first.sitesCreated.count == 400)
            try await StockTotalsTests.expectTotalsMatchLines(store, "a first import whose totals were set aside")
            #expect(try await StockTotalsTests.totals(store).kept.count == 4_000 + 2, "400 × 5 × 2, and the fixture's two")

            // Another organisation's line at one of the sites, under a key the report repeats.
            try await store.database.transaction { db in
                try await db.raw(
                    """
                    INSERT INTO stock_lines (site_id, item_code, owner_org_id, reporter_org_id, quantity_milli, status, expiry, reported_at)
                    SELECT s.id, \(bind: items[0]), w.id, k.id, 7000, 'available', NULL, '2026-06-03'
                    FROM sites s JOIN organisations w ON w.id = s.org_id, organisations k
                    WHERE s.code = 'SP-3' AND w.code = 'WFP' AND k.code = 'KRCS'
                    """
                ).run()
            }
            let again = try await Self.importReport(store, Self.report(items: items, quantity: 30))
            #expect(again.sitesReplaced == 400)
            try await StockTotalsTests.expectTotalsMatchLines(store, "a re-import whose totals were set aside")
            let kept = try await StockTotalsTests.totals(store).kept
            // SP-3's first item without expiry: 33 + 34 from the report, 7 from KRCS.
            #expect(kept.contains { $0.contains(" \(items[0]) ") && $0.hasSuffix("[] 74000 2026-06-03") }, "\(kept.prefix(4))")
        }
    }
}
