import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation
import Testing

/// The HXL export and the GeoJSON, written as they are read, equal byte for byte what the
/// whole-list writers make of the same lines and totals, for every kind of viewer.
@Suite struct StreamedExportTests {
    static func prepare(_ store: Store) async throws {
        try await StockVisibilityTests.prepare(store)
        // Cells that CSV must quote or neutralise, and decimals of people covered.
        try await ImportFixture.importCSV(
            store, org: "WFP",
            """
            #loc+code,#loc+name,#country+code,#geo+lat,#geo+lon,#item+code,#indicator+num,#meta+batch,#date+expiry
            ODD-1,"Dépôt ""Nord"", Mombasa",KE,-4.05,39.66,SHE-TENT-FAM,7,=SUM(A1),
            ODD-1,"Dépôt ""Nord"", Mombasa",KE,-4.05,39.66,NFI-BLKT-HT,3,-12.5,2027-01-31
            ODD-2,Naivasha store,KE,-0.72,36.43,FOO-RICE,1234.5,"a,b",
            ODD-2,Naivasha store,KE,-0.72,36.43,FOO-RICE,0.125,@home,
            """)
    }

    @Test(arguments: TestDatabase.available)
    func streamedHXLEqualsTheWholeListWrittenAtOnce(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await Self.prepare(store)
            let writer = HXLWriter(columns: StockHXLProfile.columns)
            for (name, actor) in StockVisibilityTests.actors {
                for (filter, days) in [(StockFilter(), 30), (StockFilter(country: "KE", sector: "food"), 90)] {
                    let lines = try await store.stock.lines(filter, visibleTo: actor, limit: 10_000, days: days)
                    let whole = writer.head() + lines.map { writer.row(StockExports.hxlCells($0)) }.joined()
                    for linesPerChunk in [2, StockHXLExport.pageSize] {
                        var streamed: [UInt8] = []
                        var chunks = 0
                        try await StockExports.hxl(store: store, filter, visibleTo: actor, days: days, linesPerChunk: linesPerChunk) {
                            streamed += $0
                            chunks += 1
                        }
                        #expect(streamed == Array(whole.utf8), "\(name), \(days) days, \(linesPerChunk) lines a chunk")
                        #expect(linesPerChunk > 2 || chunks >= 1 + lines.count / 2, "\(name): written a page at a time")
                    }
                }
            }
            let all = try await store.stock.lines(StockFilter(), visibleTo: .console, limit: 10_000)
            #expect(all.contains { $0.batch == "=SUM(A1)" } && all.contains { $0.siteName.contains("\"Nord\"") }, "the odd cells are there")
        }
    }

    @Test(arguments: TestDatabase.available)
    func streamedGeoJSONEqualsTheWholeCollectionEncodedAtOnce(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await Self.prepare(store)
            for (name, actor) in StockVisibilityTests.actors {
                for (country, days) in [(String?.none, 30), ("KE", 60)] {
                    let whole = try StockExports.geoJSON(try await store.stock.siteTotals(visibleTo: actor, country: country, days: days))
                    for sitesPerChunk in [2, 500] {
                        var streamed = Data()
                        try await StockExports.geoJSON(
                            store: store, visibleTo: actor, country: country, days: days, sitesPerChunk: sitesPerChunk
                        ) { streamed.append($0) }
                        #expect(streamed == whole, "\(name), \(country ?? "world"), \(sitesPerChunk) sites a chunk")
                    }
                }
            }
            let none = try StockExports.geoJSON([])
            #expect(String(decoding: none, as: UTF8.self) == #"{"features":[],"type":"FeatureCollection"}"#)
        }
    }
}
