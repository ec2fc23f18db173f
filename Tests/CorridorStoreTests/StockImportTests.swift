import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation
import Testing

@Suite struct StockImportTests {
    static let hxlHead = "Site,Item,Qty,Status,Expiry\n#loc+code,#item+code,#indicator+num,#status,#date+expiry\n"

    @Test(arguments: TestDatabase.available)
    func aReportReplacesTheOrganisationsStockAtTheSitesItNames(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            let first = try await ImportFixture.importCSV(
                store, org: "WFP",
                Self.hxlHead + """
                    NBO-1,SHE-TENT-FAM,100,available,
                    NBO-1,NFI-BLKT-HT,"1 500",reserved,
                    NBO-1,FOO-RICE,2000.5,available,2027-01-31
                    """)
            #expect(first.linesWritten == 3)
            #expect(first.sitesReplaced == 1)
            let second = try await ImportFixture.importCSV(store, org: "WFP", Self.hxlHead + "NBO-1,SHE-TENT-FAM,80,available,\n")
            #expect(second.linesWritten == 1)
            let lines = try await store.stock.lines(StockFilter(org: "WFP"), visibleTo: .console)
            #expect(lines.map(\.quantity.description) == ["80"], "the second report replaces the first at NBO-1")
            // The other organisation's stock is untouched.
            #expect(try await store.stock.lines(StockFilter(org: "KRCS"), visibleTo: .console).count == 1)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aBadRowWritesNothingAndEveryProblemIsListed(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            let before = try await ImportFixture.lineCount(store)
            do {
                try await ImportFixture.importCSV(
                    store, org: "WFP",
                    Self.hxlHead + """
                        NBO-1,SHE-TENT-FAM,100,available,
                        NBO-1,NOPE,x,available,
                        NBO-1,SHE-TENT-FAM,5,lost,2026-13-01
                        """)
                Issue.record("the import should have been refused")
            } catch let error as DomainError {
                let located = error.problems.map { "\($0.row ?? 0):\($0.field ?? "")" }
                #expect(located == ["4:item_code", "4:quantity", "5:status", "5:expiry_date"])
                #expect(error.problems.first?.column == "\"Item\" (#item+code)")
            }
            #expect(try await ImportFixture.lineCount(store) == before)
        }
    }

    @Test(arguments: TestDatabase.available)
    func unknownSitesAreCreatedFromNameCountryAndCoordinates(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            let report = try await ImportFixture.importCSV(
                store, org: "WFP",
                """
                #loc+name,#country+code,#geo+lat,#geo+lon,#item+name,#quantity
                Garissa field store,KE,-0.45,39.65,"family tent, 16 m² + 2 vestibules (unhcr/ifrc/icrc standard)",10
                Garissa field store,KE,-0.45,39.65,"Blanket, synthetic, high thermal, 150 × 200 cm, 1.5 kg",20
                """)
            #expect(report.sitesCreated == ["GARISSA-FIELD-STORE"])
            #expect(report.linesWritten == 2)
            #expect(report.summary.hasSuffix("imported 2 stock lines for WFP from 2 rows at 1 site (1 new)"), "\(report.summary)")
            // New sites share totals only until their organisation decides otherwise.
            #expect(try await store.stock.lines(StockFilter(country: "KE", org: "WFP"), visibleTo: .anonymous).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDryRunWritesNothing(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            let report = try await ImportFixture.importCSV(
                store, org: "WFP", Self.hxlHead + "NBO-1,SHE-TENT-FAM,7,available,\n", dryRun: true)
            #expect(report.dryRun && report.linesWritten == 1)
            let lines = try await store.stock.lines(StockFilter(org: "WFP"), visibleTo: .console)
            #expect(lines.map(\.quantity.description) == ["1"])
        }
    }

    @Test func onlyMembersOfTheOrganisationMayImport() async throws {
        try await TestDatabase.sqlite.withStore { store in
            try await ImportFixture.prepare(store)
            let other = Actor.user(id: 5, email: "k@x.org", roles: [.orgMember(orgCode: "KRCS")])
            await #expect(throws: DomainError.forbidden("your roles do not allow importStock here")) {
                try await ImportFixture.importCSV(store, org: "WFP", Self.hxlHead + "NBO-1,SHE-TENT-FAM,7,available,\n", as: other)
            }
        }
    }

    @Test func plainCSVHeadersInFrenchAndSpanishMap() async throws {
        try await TestDatabase.sqlite.withStore { store in
            try await ImportFixture.prepare(store)
            let french = try await ImportFixture.importCSV(
                store, org: "WFP",
                "\u{FEFF}Code entrepôt;Code article;Quantité;Date d'expiration\r\nNBO-1;SHE-TENT-FAM;1 200,5;31/12/2027\r\n",
                convention: .dayFirst)
            #expect(french.linesWritten == 1 && !french.usesHXL)
            let spanish = try await ImportFixture.importCSV(
                store, org: "WFP", "Código de almacén\tCódigo de artículo\tCantidad\nNBO-1\tNFI-BLKT-HT\t40\n")
            #expect(spanish.linesWritten == 1)
            let lines = try await store.stock.lines(StockFilter(org: "WFP"), visibleTo: .console)
            #expect(lines.map(\.quantity.description) == ["40"])
        }
    }
}
