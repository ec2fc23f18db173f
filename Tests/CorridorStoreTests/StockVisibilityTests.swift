import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation
import Testing

/// Sharing levels decide who sees what, for every kind of caller, in lists, totals and exports.
@Suite struct StockVisibilityTests {
    static let actors: [(String, Actor)] = [
        ("public", .anonymous),
        ("other organisation", .user(id: 90, email: "k@x.org", roles: [.orgMember(orgCode: "KRCS")])),
        ("own organisation", .user(id: 91, email: "w@x.org", roles: [.orgMember(orgCode: "WFP")])),
        ("coordinator of the country", .user(id: 92, email: "c@x.org", roles: [.coordinator(country: "KE")])),
        ("coordinator of another country", .user(id: 93, email: "n@x.org", roles: [.coordinator(country: "NP")])),
        ("global coordinator", .user(id: 94, email: "g@x.org", roles: [.coordinator(country: nil)])),
        ("customs officer of the country", .user(id: 95, email: "u@x.org", roles: [.customsOfficer(country: "KE")])),
        ("admin", .user(id: 96, email: "a@x.org", roles: [.admin])),
    ]
    /// Which WFP sites each caller sees line by line, and which it sees at all (map, GeoJSON).
    static let expected: [String: (detail: [String], exists: [String])] = [
        "public": (["PUB"], ["AGG", "PUB"]),
        "other organisation": (["PUB"], ["AGG", "PUB"]),
        "own organisation": (["AGG", "PRI", "PUB"], ["AGG", "PRI", "PUB"]),
        "coordinator of the country": (["AGG", "PRI", "PUB"], ["AGG", "PRI", "PUB"]),
        "coordinator of another country": (["PUB"], ["AGG", "PUB"]),
        "global coordinator": (["AGG", "PRI", "PUB"], ["AGG", "PRI", "PUB"]),
        "customs officer of the country": (["PUB"], ["AGG", "PUB"]),
        "admin": (["AGG", "PRI", "PUB"], ["AGG", "PRI", "PUB"]),
    ]

    static func prepare(_ store: Store) async throws {
        try await ImportFixture.prepare(store)
        for (code, sharing) in [("PUB", "public"), ("AGG", "aggregate"), ("PRI", "private")] {
            _ = try await store.sites.create(
                SiteInput(code: code, name: "Site \(code)", country: "KE", lat: -1, lon: 37, sharing: sharing),
                org: "WFP", by: .console)
        }
        try await ImportFixture.importCSV(
            store, org: "WFP",
            """
            #loc+code,#item+code,#indicator+num
            PUB,SHE-TENT-FAM,10
            AGG,SHE-TENT-FAM,20
            PRI,SHE-TENT-FAM,30
            """)
    }

    @Test(arguments: TestDatabase.available)
    func everyRoleSeesExactlyWhatTheSharingLevelsAllow(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await Self.prepare(store)
            for (name, actor) in Self.actors {
                let expected = try #require(Self.expected[name])
                let lines = try await store.stock.lines(StockFilter(country: "KE", org: "WFP"), visibleTo: actor)
                    .filter { ["PUB", "AGG", "PRI"].contains($0.siteCode) }
                #expect(lines.map(\.siteCode).sorted() == expected.detail, "\(name): lines")
                let totals = try await store.stock.siteTotals(visibleTo: actor, country: "KE")
                    .filter { ["PUB", "AGG", "PRI"].contains($0.site.code) }
                #expect(totals.map(\.site.code).sorted() == expected.exists, "\(name): sites")
                let geojson = String(decoding: try await StockExports.geoJSON(store: store, visibleTo: actor, country: "KE"), as: UTF8.self)
                #expect(geojson.contains("WFP/PRI") == expected.exists.contains("PRI"), "\(name): GeoJSON")
                let lists = try #require(try await store.stock.prepositioned(for: "KE", visibleTo: actor))
                let tents = lists[0].items.first { $0.itemCode == "SHE-TENT-FAM" }
                let visibleQuantity = [("PUB", 10), ("AGG", 20), ("PRI", 30)].filter { expected.detail.contains($0.0) }.map(\.1).reduce(
                    0, +)
                // The fixture's NBO-1 (1 tent) came in through a report, so it is shared as an aggregate too.
                let fixture = expected.detail.contains("AGG") ? 1 : 0
                #expect(tents?.quantity == Quantity(units: Int64(visibleQuantity + fixture)), "\(name): country list")
            }
        }
    }

    /// A scenario counts exactly the stock its viewer may count, and names only the sites and lines
    /// the viewer may see: private stock for its holder and the country's (or global) coordinators,
    /// stock shared as totals for everyone but without its site. Tents cover 5 people each.
    @Test(arguments: TestDatabase.available)
    func scenariosCountAndShowStockAsTheSharingLevelsAllow(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await Self.prepare(store)
            let scenario = Scenario(country: "KE", lat: -1, lon: 37, people: 1_000_000, days: 30)
            for (name, actor) in Self.actors {
                let expected = try #require(Self.expected[name])
                let result = try await store.gaps.analyse(scenario, by: actor, today: ImportFixture.today)
                let tents = try #require(result.needs.first { $0.family == "shelter_household" })
                let named = tents.sources.compactMap(\.site).filter { ["PUB", "AGG", "PRI"].contains($0) }.sorted()
                #expect(named == expected.detail, "\(name): named sources")
                #expect(
                    tents.sources.allSatisfy { ($0.site == nil) == ($0.item == nil) && ($0.site == nil) == ($0.quantity == nil) },
                    "\(name): a hidden source shows neither item nor quantity")
                // PUB 10 + AGG 20 + the fixture's NBO-1 1 (both shared as totals), and PRI 30 for those who may see it.
                let counted = 31 + (expected.detail.contains("PRI") ? 30 : 0)
                let people = tents.sources.reduce(0) { $0 + $1.people }
                #expect(abs(people - Double(counted * 5)) < 0.001, "\(name): people covered \(people)")
                let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
                #expect(json.contains("\"PRI\"") == expected.detail.contains("PRI"), "\(name): the private site's code")
                #expect(json.contains("\"AGG\"") == expected.detail.contains("AGG"), "\(name): the aggregate site's code")
            }
        }
    }

    /// Dispatching from another organisation's private site answers exactly as for a site that does
    /// not exist, so the error never names it.
    @Test(arguments: TestDatabase.available)
    func aDispatchFromAnInvisibleSiteIsAnsweredAsFromNoSite(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await Self.prepare(store)
            let krcs = Actor.user(id: 90, email: "k@x.org", roles: [.orgMember(orgCode: "KRCS")])
            let site = try #require(try await store.sites.visible(to: .console).first { $0.code == "PRI" })
            func answer(_ siteID: Int64) async -> DomainError? {
                do {
                    _ = try await store.dispatching.create(
                        DispatchRepository.Input(
                            siteId: siteID, itemCode: "SHE-TENT-FAM", quantity: "1", entryPoint: "KEMBA", transportMode: "road"),
                        org: "KRCS", by: krcs)
                    return nil
                } catch { return error as? DomainError }
            }
            let hidden = await answer(site.id), unknown = await answer(999_999)
            #expect(hidden == .notFound("no site \(site.id)"))
            #expect(unknown == .notFound("no site 999999"))
        }
    }
}
