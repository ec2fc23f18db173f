import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation
import Testing

@Suite struct StockQueryTests {
    static func prepare(_ store: Store) async throws {
        _ = try await store.organisations.create(
            NewOrganisation(code: "WFP", name: "WFP", type: "un_agency", hqCountry: "IT"), by: .console)
        let sites: [(String, String, Double, Double, String)] = [
            ("KTM", "NP", 27.7, 85.3, "national"), ("DEL", "IN", 28.6, 77.2, "national"), ("DXB", "AE", 25.0, 55.1, "global_hub"),
            ("BRI", "IT", 40.66, 17.95, "global_hub"), ("KUL", "MY", 3.13, 101.55, "regional_hub"), ("BKK", "TH", 13.7, 100.5, "national"),
        ]
        for (code, country, lat, lon, tier) in sites {
            _ = try await store.sites.create(
                SiteInput(code: code, name: code, country: country, lat: lat, lon: lon, tier: tier), org: "WFP", by: .console)
        }
        try await ImportFixture.importCSV(
            store, org: "WFP",
            """
            #loc+code,#item+code,#indicator+num,#status,#date+expiry,#date+reported
            KTM,SHE-TENT-FAM,100,available,,2026-05-20
            DEL,SHE-TENT-FAM,200,available,,2026-05-20
            DXB,SHE-TENT-FAM,300,available,,2026-01-02
            BRI,SHE-TENT-FAM,400,available,,2026-05-20
            KUL,SHE-TENT-FAM,500,damaged,,2026-05-20
            BKK,SHE-TENT-FAM,600,available,2026-01-01,2026-05-20
            BKK,NFI-BLKT-HT,50,available,,2026-05-20
            """)
    }

    @Test(arguments: TestDatabase.available)
    func nearestStockIsOrderedByDistanceAndCountsOnlyUsableStock(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await Self.prepare(store)
            // From Pokhara, Nepal: Kathmandu, Delhi, Dubai, Brindisi. Damaged (KUL) and expired (BKK) stock is not offered.
            let nearest = try await store.stock.nearest(
                item: "SHE-TENT-FAM", lat: 28.2, lon: 83.98, limit: 10, visibleTo: .anonymous,
                today: ImportFixture.today)
            #expect(nearest.map(\.siteCode) == ["KTM", "DEL", "DXB", "BRI"])
            #expect(nearest.map(\.distanceKm) == nearest.map(\.distanceKm).sorted())
            #expect(abs(nearest[0].distanceKm - 141) < 10)
            let limited = try await store.stock.nearest(
                item: "SHE-TENT-FAM", lat: 28.2, lon: 83.98, limit: 2, visibleTo: .anonymous,
                today: ImportFixture.today)
            #expect(limited.count == 2)
        }
    }

    @Test(arguments: TestDatabase.available)
    func theThreeTierListsCountEachSourceOnce(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await Self.prepare(store)
            let tiers = try #require(try await store.stock.prepositioned(for: "NP", visibleTo: .anonymous, today: ImportFixture.today))
            #expect(tiers.map(\.tier) == ["country", "subregion", "region", "global"])
            func tents(_ index: Int) -> String? { tiers[index].items.first { $0.itemCode == "SHE-TENT-FAM" }?.quantity.description }
            #expect(tents(0) == "100")  // Kathmandu
            #expect(tents(1) == "200")  // Delhi: Southern Asia
            #expect(tents(2) == "300")  // Dubai: Western Asia, same region, so not again under global
            #expect(tents(3) == "400")  // Brindisi: a global hub outside Asia
            #expect(tiers[2].items.first { $0.itemCode == "SHE-TENT-FAM" }?.stale == true, "Dubai's report is older than 90 days")
            #expect(tiers[0].items.first?.peopleCovered == 500)
            #expect(try await store.stock.prepositioned(for: "XX", visibleTo: .anonymous) == nil)
        }
    }

    /// 400,000 kg of rice at the catalogue's 1.71 person-days a kilogram feed 22,800 people for
    /// 30 days, not 400,000; tents at the same site are counted in their own family.
    @Test(arguments: TestDatabase.available)
    func peopleCoveredIsPerFamilyForTheHorizonEverywhere(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await Self.prepare(store)
            try await ImportFixture.importCSV(
                store, org: "WFP",
                "#loc+code,#item+code,#indicator+num,#date+reported\nKTM,FOO-RICE,400000,2026-05-20\nKTM,SHE-TENT-FAM,100,2026-05-20\n")
            let tiers = try #require(try await store.stock.prepositioned(for: "NP", visibleTo: .anonymous, today: ImportFixture.today))
            let rice = try #require(tiers[0].items.first { $0.itemCode == "FOO-RICE" })
            let (ricePeople, ricePersonDays) = (try #require(rice.peopleCovered), try #require(rice.personDays))
            #expect(abs(ricePeople - 22_800) < 0.01 && abs(ricePersonDays - 684_000) < 0.01)
            #expect(rice.days == 30 && rice.family == "food_ration")
            let tents = try #require(tiers[0].items.first { $0.itemCode == "SHE-TENT-FAM" })
            #expect(tents.peopleCovered == 500 && tents.personDays == nil)
            let quarter = try #require(
                try await store.stock.prepositioned(for: "NP", visibleTo: .anonymous, today: ImportFixture.today, days: 90))
            #expect(abs(try #require(quarter[0].items.first { $0.itemCode == "FOO-RICE" }?.peopleCovered) - 7_600) < 0.01)

            let site = try #require(try await store.stock.siteTotals(visibleTo: .console, country: "NP").first { $0.site.code == "KTM" })
            #expect(site.families.map(\.family) == ["food_ration", "shelter_household"])
            #expect(abs(site.families[0].peopleCovered - 22_800) < 0.01 && site.families[1].peopleCovered == 500)

            let lines = try await store.stock.lines(StockFilter(country: "NP"), visibleTo: .console, days: 60)
            let riceLine = try #require(lines.first { $0.itemCode == "FOO-RICE" })
            #expect(abs(try #require(riceLine.peopleCovered) - 11_400) < 0.01 && riceLine.days == 60)

            let geojson = try JSONSerialization.jsonObject(
                with: try await StockExports.geoJSON(store: store, visibleTo: .console, country: "NP"))
            let features = try #require((geojson as? [String: Any])?["features"] as? [[String: Any]])
            let properties = try #require(features.first { $0["id"] as? String == "WFP/KTM" }?["properties"] as? [String: Any])
            let families = try #require(properties["families"] as? [String: [String: Any]])
            #expect(families["food_ration"]?["people_covered"] as? Double == 22_800)
            #expect(families["shelter_household"]?["people_covered"] as? Double == 500)
            #expect(families["shelter_household"]?["person_days"] is NSNull)
            let sectors = try #require(properties["sectors"] as? [String: [String: Any]])
            #expect(sectors.values.allSatisfy { $0["people_covered"] == nil }, "people are never summed across a sector's families")

            var hxl = ""
            try await StockExports.hxl(store: store, StockFilter(country: "NP"), visibleTo: .console, days: 30) {
                hxl += String(decoding: $0, as: UTF8.self)
            }
            let rows = hxl.components(separatedBy: "\r\n").map {
                $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            }
            #expect(rows[1].suffix(3) == ["#capacity+person_days", "#capacity+people", "#meta+horizon+days"])
            let riceRow = try #require(rows.first { $0.contains("FOO-RICE") })
            #expect(riceRow.suffix(3) == ["684000.0", "22800.0", "30"])
        }
    }

    @Test(arguments: TestDatabase.available)
    func alertsForExpiringShortAndStaleStock(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await Self.prepare(store)
            try await ImportFixture.importCSV(
                store, org: "WFP", "#loc+code,#item+code,#quantity,#date+expiry,#date+reported\nKUL,FOO-HEB,10,2026-06-20,2026-05-30\n")
            let ktm = try #require(try await store.sites.visible(to: .console).first { $0.code == "KTM" })
            try await store.stock.setMinimum(siteID: ktm.id, itemCode: "SHE-TENT-FAM", minimum: Quantity(units: 150), by: .console)
            let outsider = Actor.user(id: 70, email: "o@x.org", roles: [.orgMember(orgCode: "KRCS")])
            await #expect(throws: DomainError.self) {
                try await store.stock.setMinimum(siteID: ktm.id, itemCode: "SHE-TENT-FAM", minimum: Quantity(units: 1), by: outsider)
            }
            let alerts = try await store.stock.alerts(visibleTo: .console, expiringWithinDays: 30, today: ImportFixture.today)
            #expect(alerts.filter { $0.kind == .expiring }.map(\.siteCode) == ["KUL"])
            #expect(alerts.filter { $0.kind == .belowMinimum }.map(\.siteCode) == ["KTM"])
            #expect(alerts.filter { $0.kind == .staleReport }.map(\.siteCode) == ["DXB"])
            try await store.stock.setMinimum(siteID: ktm.id, itemCode: "SHE-TENT-FAM", minimum: .zero, by: .console)
            #expect(
                try await store.stock.alerts(visibleTo: .console, today: ImportFixture.today).filter { $0.kind == .belowMinimum }.isEmpty)
        }
    }

    /// Expiring stock is one alert per site, item and day, its available lines added up; a kind
    /// may be asked for alone.
    @Test(arguments: TestDatabase.available)
    func alertsAddUpOneSiteItemAndDayOfAvailableStock(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await Self.prepare(store)
            try await ImportFixture.importCSV(
                store, org: "WFP",
                """
                #loc+code,#item+code,#quantity,#status,#date+expiry,#date+reported
                KUL,FOO-HEB,10,available,2026-06-20,2026-05-30
                KUL,FOO-HEB,15,available,2026-06-20,2026-05-30
                KUL,FOO-HEB,4,available,2026-06-25,2026-05-30
                KUL,FOO-HEB,7,damaged,2026-06-10,2026-05-30
                """)
            let alerts = try await store.stock.alerts(visibleTo: .console, expiringWithinDays: 30, today: ImportFixture.today)
            let expiring = alerts.filter { $0.kind == .expiring }
            #expect(expiring.map(\.message) == ["25 carton expire on 2026-06-20", "4 carton expire on 2026-06-25"])
            // The first alerts alone, with every kind counted: the same as the first of them all.
            for first in 1...alerts.count {
                let page = try await store.stock.alertPage(
                    visibleTo: .console, first: first, expiringWithinDays: 30, today: ImportFixture.today)
                #expect(page.alerts.map(\.message) == alerts.prefix(first).map(\.message), "first \(first)")
                #expect(page.counts == Dictionary(grouping: alerts, by: \.kind).mapValues(\.count), "first \(first)")
            }
            #expect(expiring.allSatisfy { $0.siteCode == "KUL" && $0.itemCode == "FOO-HEB" })
            let stale = try await store.stock.alerts(visibleTo: .console, kinds: [.staleReport], today: ImportFixture.today)
            #expect(stale.map(\.siteCode) == ["DXB"] && stale.allSatisfy { $0.kind == .staleReport })
            #expect(stale.first?.message == "last stock report 2026-01-02, more than 90 days ago")
            // One country's sites are looked up one by one: the same answer.
            let inCountry = try await store.stock.alerts(
                visibleTo: .console, country: "ae", kinds: [.staleReport], today: ImportFixture.today)
            #expect(inCountry.map(\.siteCode) == ["DXB"])
            #expect(
                try await store.stock.alerts(visibleTo: .console, country: "MY", kinds: [.staleReport], today: ImportFixture.today).isEmpty)
            // Some organisations' sites, looked up one by one too; none asked, none found.
            let ofWFP = try await store.stock.alertPage(
                visibleTo: .console, holders: ["wfp"], kinds: [.staleReport], first: 1, today: ImportFixture.today)
            #expect(ofWFP.alerts.map(\.siteCode) == ["DXB"] && ofWFP.count(of: [.staleReport]) == 1)
            for holders in [["KRCS"], []] {
                let none = try await store.stock.alertPage(visibleTo: .console, holders: holders, today: ImportFixture.today)
                #expect(none.alerts.isEmpty && none.count(of: Set(StockAlert.Kind.allCases)) == 0, "\(holders)")
            }
        }
    }

    /// An organisation's sites reported longest ago first (never first of all), the first few of
    /// them and how many there are, without the private ones an outsider may not see.
    @Test(arguments: TestDatabase.available)
    func sitesReportedLongestAgoFirst(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await Self.prepare(store)
            let ktm = try #require(try await store.sites.visible(to: .console).first { $0.code == "KTM" })
            _ = try await store.sites.update(
                id: ktm.id, with: SiteInput(code: "KTM", name: "KTM", country: "NP", lat: 27.7, lon: 85.3, sharing: "private"), by: .console
            )
            let member = Actor.user(id: 71, email: "m@x.org", roles: [.orgMember(orgCode: "WFP")])
            let first = try await store.stock.reportDates(ofSitesHeldBy: ["wfp"], visibleTo: member, limit: 3)
            #expect(first.total == 6)
            #expect(first.sites.map(\.site.code) == ["KUL", "DXB", "BKK"], "KUL holds nothing available")
            #expect(first.sites.map(\.latest) == [nil, "2026-01-02", "2026-05-20"])
            let outsider = Actor.user(id: 72, email: "o@x.org", roles: [.orgMember(orgCode: "KRCS")])
            let seen = try await store.stock.reportDates(ofSitesHeldBy: ["WFP"], visibleTo: outsider, limit: 10)
            #expect(seen.total == 5 && seen.sites.count == 5 && !seen.sites.contains { $0.site.code == "KTM" })
            #expect(try await store.stock.reportDates(ofSitesHeldBy: [], visibleTo: member, limit: 10).total == 0)
        }
    }

    @Test(arguments: TestDatabase.available)
    func filtersAndCursorPaging(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await Self.prepare(store)
            #expect(try await store.stock.lines(StockFilter(sector: "nfi"), visibleTo: .anonymous).map(\.siteCode) == ["BKK"])
            #expect(try await store.stock.lines(StockFilter(status: "damaged"), visibleTo: .anonymous).map(\.siteCode) == ["KUL"])
            #expect(try await store.stock.lines(StockFilter(region: "Europe"), visibleTo: .anonymous).map(\.siteCode) == ["BRI"])
            #expect(try await store.stock.lines(StockFilter(tier: "global_hub"), visibleTo: .anonymous).count == 2)
            #expect(
                try await store.stock.lines(StockFilter(expiringBefore: Day(year: 2026, month: 6, day: 1)), visibleTo: .anonymous).map(
                    \.siteCode) == ["BKK"])
            let first = try await store.stock.lines(StockFilter(), visibleTo: .anonymous, limit: 3)
            let rest = try await store.stock.lines(StockFilter(), visibleTo: .anonymous, after: first.last?.id, limit: 100)
            #expect(first.count == 3 && rest.count == 4)
            #expect(Set(first.map(\.id)).isDisjoint(with: rest.map(\.id)))
            #expect(throws: DomainError.self) { try StockFilter(sector: "toys").validated() }
        }
    }

    @Test(arguments: TestDatabase.available)
    func exportsAreValidGeoJSONAndHXLThatImportsAgain(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await Self.prepare(store)
            let data = try await StockExports.geoJSON(store: store, visibleTo: .anonymous)
            let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(root["type"] as? String == "FeatureCollection")
            let features = try #require(root["features"] as? [[String: Any]])
            #expect(features.count == 6)
            for feature in features {
                let geometry = try #require(feature["geometry"] as? [String: Any])
                let coordinates = try #require(geometry["coordinates"] as? [Double])
                #expect(geometry["type"] as? String == "Point" && coordinates.count == 2)
                #expect((-180...180).contains(coordinates[0]) && (-90...90).contains(coordinates[1]))
            }
            let bkk = try #require(features.first { ($0["properties"] as? [String: Any])?["code"] as? String == "BKK" })
            let sectors = try #require((bkk["properties"] as? [String: Any])?["sectors"] as? [String: Any])
            #expect(Set(sectors.keys) == ["shelter", "nfi"])

            // HXL out, then in again: the same lines come back.
            let writer = HXLWriter(columns: StockHXLProfile.columns)
            let lines = try await store.stock.lines(StockFilter(), visibleTo: .console)
            let text = writer.head() + lines.map { writer.row(StockExports.hxlCells($0)) }.joined()
            let report = try await ImportFixture.importCSV(store, org: "WFP", text)
            #expect(report.linesWritten == lines.count && report.sitesCreated.isEmpty)
            let again = try await store.stock.lines(StockFilter(), visibleTo: .console)
            #expect(
                again.map { [$0.siteCode, $0.itemCode, $0.quantity.description, $0.status, $0.expiry ?? "", $0.reportedAt] }
                    == lines.map { [$0.siteCode, $0.itemCode, $0.quantity.description, $0.status, $0.expiry ?? "", $0.reportedAt] })
        }
    }
}

@Suite struct CatalogueTests {
    @Test func theStandardCatalogueCoversEverySectorWithValidHSCodes() async throws {
        try await TestDatabase.sqlite.withStore { store in
            let items = try await store.items.all()
            #expect(items.count >= 60)
            #expect(Set(items.map(\.sector)) == Set(Sector.allCases))
            for item in items {
                #expect(try await store.reference.hsEntry(item.hsCode)?.level == 6, "\(item.code): \(item.hsCode)")
            }
            #expect(items.first { $0.code == "SHE-TENT-FAM" }?.coveragePeople == 5)
        }
    }

    @Test func adminsAddItemsAndOrganisationsMapTheirCodes() async throws {
        try await TestDatabase.sqlite.withStore { store in
            try await ImportFixture.prepare(store)
            let input = ItemInput(
                code: "nfi-torch-x", name: "Torch", sector: "nfi", group: nil, family: "lighting_household",
                familyLabel: nil, unit: "piece", weightKg: 0.2, volumeM3: 0.001, hsCode: "9405.40",
                kit: nil, coveragePeople: 5, coverageDays: 365)
            let member = Actor.user(id: 80, email: "w@x.org", roles: [.orgMember(orgCode: "WFP")])
            await #expect(throws: DomainError.self) { try await store.items.create(input, by: member) }
            await #expect(throws: DomainError.invalid(field: "hs_code", "940540 is not in the HS 2022 nomenclature")) {
                try await store.items.create(input, by: .console)
            }
            var valid = input
            valid.hsCode = "940541"
            #expect(try await store.items.create(valid, by: .console).code == "NFI-TORCH-X")
            try await store.items.mapAlias("wfp-123", to: "NFI-TORCH-X", org: "WFP", by: member)
            let report = try await ImportFixture.importCSV(store, org: "WFP", "#loc+code,#item+code,#quantity\nNBO-1,WFP-123,4\n")
            #expect(report.linesWritten == 1)
            #expect(try await store.stock.lines(StockFilter(item: "NFI-TORCH-X"), visibleTo: .console).count == 1)
        }
    }
}
