import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation
import Testing

/// Stock reports as people write them: the organisation by name or code, a "Reported" column,
/// Portuguese headers, coordinates with decimal commas, a site placed elsewhere, stock above a
/// site's capacity.
@Suite struct StockReportsAsWrittenTests {
    @Test(arguments: TestDatabase.available)
    func aPortugueseReportWithTheOrganisationByCodeAndItsReportedDateIsRead(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            let report = try await ImportFixture.importCSV(
                store, org: "WFP",
                """
                Organisation,Código do armazém,Código do artigo,Quantidade,Reported
                WFP,NBO-1,SHE-TENT-FAM,12,2026-05-20
                World Food Programme,NBO-1,NFI-BLKT-HT,30,2026-05-20

                """)
            #expect(report.linesWritten == 2 && report.ignoredColumns.isEmpty, "\(report.ignoredColumns)")
            let lines = try await store.stock.lines(StockFilter(org: "WFP"), visibleTo: .console)
            #expect(lines.map(\.reportedAt) == ["2026-05-20", "2026-05-20"], "the report's date, not today's")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aKnownSiteIsMovedByItsOwnReportAndOutOfRangeCoordinatesAreRefused(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            let head = "Site code,Latitude,Longitude,Item code,Quantity\n"
            await #expect(throws: DomainError.self) {
                try await ImportFixture.importCSV(store, org: "WFP", head + "NBO-1,-95,36.9,SHE-TENT-FAM,5\n")
            }
            let same = try await ImportFixture.importCSV(store, org: "WFP", head + "NBO-1,\"-1,30\",\"36,90\",SHE-TENT-FAM,5\n")
            #expect(same.warnings.isEmpty, "-1,30 is a number and the place the site is registered: \(same.warnings)")
            let moved = try await ImportFixture.importCSV(store, org: "WFP", head + "NBO-1,-0.45,39.65,SHE-TENT-FAM,5\n")
            #expect(moved.warnings.first?.problem.contains("km from where site NBO-1 is registered") == true, "\(moved.warnings)")
            let site = try #require(try await store.sites.visible(to: .console).first { $0.code == "NBO-1" })
            #expect(site.lat == -0.45 && site.lon == 39.65)
            let krcs = try #require(try await store.sites.visible(to: .console).first { $0.code == "KRCS-1" })
            #expect(krcs.lat == -1.29, "another organisation's site is never touched")
        }
    }

    @Test(arguments: TestDatabase.available)
    func stockAboveASitesCapacityIsAnAlert(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            let site = try #require(try await store.sites.visible(to: .console).first { $0.code == "NBO-1" })
            var input = SiteInput(
                code: site.code, name: site.name, country: site.country, adm1: nil, lat: site.lat, lon: site.lon,
                tier: site.tier.rawValue, capacityM3: 10, freeM3: nil, sharing: site.sharing.rawValue)
            _ = try await store.sites.update(id: site.id, with: input, by: .console)
            // A family tent is 0.4 m³ in the catalogue: 100 of them fill 40 m³.
            try await ImportFixture.importCSV(store, org: "WFP", "Site code,Item code,Quantity\nNBO-1,SHE-TENT-FAM,100\n")
            let alerts = try await store.stock.alerts(visibleTo: .console, today: ImportFixture.today)
            let full = try #require(alerts.first { $0.kind == .overCapacity })
            #expect(full.siteCode == "NBO-1" && full.message.contains("at a site of 10.0 m³ capacity"), "\(full.message)")
            input.capacityM3 = 50
            _ = try await store.sites.update(id: site.id, with: input, by: .console)
            #expect(
                try await store.stock.alerts(visibleTo: .console, today: ImportFixture.today).contains { $0.kind == .overCapacity } == false
            )
        }
    }
}
