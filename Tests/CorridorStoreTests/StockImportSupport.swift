import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation
import Testing

/// A store with two organisations and a site each, for import tests.
enum ImportFixture {
    static let today = Day(year: 2026, month: 6, day: 1)!

    static func prepare(_ store: Store) async throws {
        _ = try await store.organisations.create(
            NewOrganisation(code: "WFP", name: "World Food Programme", type: "un_agency", hqCountry: "IT"), by: .console)
        _ = try await store.organisations.create(
            NewOrganisation(code: "KRCS", name: "Kenya Red Cross", type: "red_cross_red_crescent", hqCountry: "KE"), by: .console)
        let seed = "#loc+code,#loc+name,#country+code,#geo+lat,#geo+lon,#item+code,#indicator+num\n"
        _ = try await importCSV(store, org: "WFP", seed + "NBO-1,Nairobi hub,KE,-1.3,36.9,SHE-TENT-FAM,1\n")
        _ = try await importCSV(store, org: "KRCS", seed + "KRCS-1,Nairobi store,KE,-1.29,36.82,NFI-BLKT-HT,1\n")
    }

    @discardableResult
    static func importCSV(
        _ store: Store, org: String, _ text: String, dryRun: Bool = false,
        convention: Day.Convention = .isoOnly, as actor: Actor = .console
    ) async throws -> StockImportReport {
        var reader = CSVReader(data: Data(text.utf8))
        return try await store.stockImporter.run(
            &reader, StockImportRequest(org: org, fileName: "test.csv", dryRun: dryRun, dateConvention: convention, today: today),
            by: actor)
    }

    static func lineCount(_ store: Store) async throws -> Int {
        try await store.stock.lines(StockFilter(), visibleTo: .console, limit: 10_000).count
    }
}
