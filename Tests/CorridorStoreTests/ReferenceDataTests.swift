import Foundation
import CorridorCore
import CorridorStore
import Testing

@Suite struct ReferenceDataTests {
    @Test(arguments: TestDatabase.available)
    func hsCountsMatchTheNomenclature(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let counts = try await store.reference.hsCounts()
            #expect(counts.chapters == 96)
            #expect(counts.headings == 1_228)
            #expect(counts.subheadings == 5_612)
        }
    }

    @Test(arguments: TestDatabase.available)
    func countriesCarryRegionsAndCurrenciesTheirMinorUnit(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let countries = try await store.reference.countries()
            #expect(countries.count == 249)
            #expect(countries.allSatisfy { !$0.region.isEmpty && !$0.subregion.isEmpty })
            let nepal = try await store.reference.country("np")
            #expect(nepal?.alpha3 == "NPL")
            #expect(nepal?.subregion == "Southern Asia")
            #expect(try await store.reference.country("FR")?.region == "Europe")
            let currencies = try await store.reference.currencies()
            #expect(currencies.first { $0.code == "KES" }?.minorUnit == 2)
            #expect(currencies.first { $0.code == "JPY" }?.minorUnit == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func hsSearchFindsWordsAndCodes(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let tents = try await store.reference.searchHS("tent")
            #expect(tents.contains { $0.code.hasPrefix("6306") })
            let byCode = try await store.reference.searchHS("6306")
            #expect(byCode.first?.code == "6306")
            // Search syntax typed into the box is taken as words, never as FTS5 or tsquery operators.
            _ = try await store.reference.searchHS("\"*) OR NEAR( -x")
            #expect(try await store.reference.searchHS("\"*()").isEmpty)
            let blankets = try await store.reference.searchHS("blankets wool")
            #expect(blankets.contains { $0.code.hasPrefix("6301") })
            #expect(try await store.reference.hsEntry("6306.22.10")?.code == "630622")
            #expect(try await store.reference.hsEntry("999999") == nil)
            #expect(try await store.reference.hsChildren(of: "6306").count >= 5)
        }
    }
}
