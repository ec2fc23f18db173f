import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation
import SQLKit
import Testing

/// The per-site totals that nearest stock and the pre-positioned lists read are kept by every
/// stock write, equal to what the lines give, and filtered for their reader as the lines are.
@Suite struct StockTotalsTests {
    static let today = ImportFixture.today
    static let header =
        "#org+code,#loc+code,#loc+name,#country+code,#geo+lat,#geo+lon,#item+code,#indicator+num,#status,#date+expiry,#date+reported\n"

    /// The kept totals and a recomputation from the lines by this test's own query, as text rows.
    static func totals(_ store: Store) async throws -> (kept: [String], recomputed: [String]) {
        try await store.database.read { db in
            let kept = try await db.raw(
                "SELECT site_id, item_code, owner_org_id, expiry, quantity_milli, latest_report FROM stock_site_totals"
            ).all().map { row in
                "\(try row.decode(column: "site_id", as: Int64.self)) \(try row.decode(column: "item_code", as: String.self)) \(try row.decode(column: "owner_org_id", as: Int64.self)) "
                    + "[\(try row.decode(column: "expiry", as: String.self))] \(try row.decode(column: "quantity_milli", as: Int64.self)) \(try row.decode(column: "latest_report", as: String.self))"
            }
            let recomputed = try await db.raw(
                """
                SELECT site_id, item_code, owner_org_id, expiry, CAST(SUM(quantity_milli) AS BIGINT) AS q, MAX(reported_at) AS latest
                FROM stock_lines WHERE status = 'available' GROUP BY site_id, item_code, owner_org_id, expiry
                """
            ).all().map { row in
                "\(try row.decode(column: "site_id", as: Int64.self)) \(try row.decode(column: "item_code", as: String.self)) \(try row.decode(column: "owner_org_id", as: Int64.self)) "
                    + "[\(try row.decode(column: "expiry", as: String?.self) ?? "")] \(try row.decode(column: "q", as: Int64.self)) \(try row.decode(column: "latest", as: String.self))"
            }
            return (kept.sorted(), recomputed.sorted())
        }
    }

    /// Each site's summary as kept beside the totals (latest report day, volume), and as the lines
    /// give it.
    static func summaries(_ store: Store) async throws -> (kept: [SiteSummary], recomputed: [SiteSummary]) {
        try await store.database.read { db in
            let kept = try await db.raw("SELECT site_id, latest_report AS latest, volume_m3 FROM stock_site_summary").all().map(
                SiteSummary.init)
            let recomputed = try await db.raw(
                """
                SELECT l.site_id, MAX(l.reported_at) AS latest, SUM(l.quantity_milli * i.volume_m3) / 1000.0 AS volume_m3
                FROM stock_lines l JOIN items i ON i.code = l.item_code WHERE l.status = 'available' GROUP BY l.site_id
                """
            ).all().map(SiteSummary.init)
            return (kept.sorted { $0.site < $1.site }, recomputed.sorted { $0.site < $1.site })
        }
    }

    struct SiteSummary: CustomStringConvertible {
        let site: Int64, latest: String, volumeM3: Double

        init(_ row: any SQLRow) throws {
            site = try row.decode(column: "site_id", as: Int64.self)
            latest = try row.decode(column: "latest", as: String.self)
            volumeM3 = try row.decode(column: "volume_m3", as: Double.self)
        }

        var description: String { "\(site) \(latest) \(volumeM3) m³" }

        /// The same site and day, and the same volume but for the rounding of sums taken in
        /// another order.
        func agrees(with other: SiteSummary) -> Bool {
            site == other.site && latest == other.latest && abs(volumeM3 - other.volumeM3) <= 1e-9 * max(1, abs(other.volumeM3))
        }
    }

    static func expectTotalsMatchLines(_ store: Store, _ step: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let (kept, recomputed) = try await totals(store)
        #expect(!recomputed.isEmpty, "\(step): there is stock", sourceLocation: sourceLocation)
        #expect(kept == recomputed, "\(step)", sourceLocation: sourceLocation)
        let summaries = try await summaries(store)
        #expect(
            summaries.kept.count == summaries.recomputed.count
                && zip(summaries.kept, summaries.recomputed).allSatisfy { $0.agrees(with: $1) },
            "\(step): each site's summary \(summaries.kept) against \(summaries.recomputed)", sourceLocation: sourceLocation)
    }

    @Test(arguments: TestDatabase.available)
    func totalsEqualTheLinesAfterImportsReimportsDispatchesCancellationsAndReleases(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let w = try await DeclarationTests.world(store)
            _ = try await store.items.setIndicativeValue(code: "SHE-TENT-FAM", valueUSD: Quantity(units: 450), by: .console)
            try await Self.expectTotalsMatchLines(store, "the fixture's imports")
            // Two owners, repeated keys (summed), expired, future and no expiry, unavailable lines.
            try await ImportFixture.importCSV(
                store, org: "WFP",
                Self.header + """
                    WFP,KLA-1,Kampala,UG,0.3,32.6,SHE-TENT-FAM,100,available,,2026-05-20
                    WFP,KLA-1,Kampala,UG,0.3,32.6,SHE-TENT-FAM,50,available,,2026-05-25
                    KRCS,KLA-1,Kampala,UG,0.3,32.6,SHE-TENT-FAM,7,available,2026-12-31,2026-05-20
                    WFP,KLA-1,Kampala,UG,0.3,32.6,SHE-TENT-FAM,9,available,2026-01-01,2026-05-21
                    WFP,KLA-1,Kampala,UG,0.3,32.6,NFI-BLKT-HT,30,damaged,,2026-05-20
                    WFP,NBO-1,Nairobi hub,KE,-1.3,36.9,SHE-TENT-FAM,40,available,2027-03-01,2026-05-20
                    WFP,NBO-1,Nairobi hub,KE,-1.3,36.9,NFI-BLKT-HT,20,reserved,,2026-05-20
                    WFP,MBA-1,Mombasa,KE,-4.05,39.67,NFI-BLKT-HT,15.5,available,,2026-05-19

                    """)
            try await Self.expectTotalsMatchLines(store, "an import with new and existing sites")
            // The monthly snapshot over the previous one: KLA-1 again with other lines, a new
            // site, MBA-1 not named (its stock stays).
            try await ImportFixture.importCSV(
                store, org: "WFP",
                Self.header + """
                    WFP,KLA-1,Kampala,UG,0.3,32.6,SHE-TENT-FAM,100,available,,2026-05-30
                    KRCS,KLA-1,Kampala,UG,0.3,32.6,NFI-BLKT-HT,3,available,,2026-05-30
                    WFP,DAR-1,Dar es Salaam,TZ,-6.8,39.28,SHE-TENT-FAM,12,available,,2026-05-30

                    """)
            try await Self.expectTotalsMatchLines(store, "a re-import over the previous snapshot")

            let site = try #require(try await store.sites.visible(to: .console).first { $0.code == "KLA-1" })
            let input = DispatchRepository.Input(
                siteId: site.id, itemCode: "SHE-TENT-FAM", quantity: "60", entryPoint: "KEMBA", transportMode: "road")
            let (cancelled, _) = try await store.dispatching.create(input, org: "WFP", by: w.wfp, today: DeclarationTests.today)
            try await Self.expectTotalsMatchLines(store, "a dispatch that splits a line")
            _ = try await store.dispatching.cancel(id: cancelled.id, by: w.wfp)
            try await Self.expectTotalsMatchLines(store, "a cancelled dispatch")

            let (_, draft) = try await store.dispatching.create(input, org: "WFP", by: w.wfp, today: DeclarationTests.today)
            var particulars = draft.input
            (particulars.transportDocument, particulars.transportDocumentType) = ("CMR UG123456", "cmr")
            (particulars.expectedArrival, particulars.packages, particulars.packagesKind) = ("2026-06-10", 6, "bales")
            let ready = try await store.declarations.amend(
                id: draft.id, particulars, version: draft.version, by: w.wfp, today: DeclarationTests.today)
            var d = try await store.steps.take(id: draft.id, .lodge, version: ready.version, by: w.wfp, today: DeclarationTests.today)
            d = try await store.steps.take(id: d.id, .assignLane, version: d.version, by: w.customsKE, today: DeclarationTests.today)
            for doc in d.documents {
                d = try await store.declarations.setDocument(
                    id: d.id, document: RequiredDocument(rawValue: doc.document)!, status: .waived,
                    reason: "waived under the emergency's simplified procedure", by: w.customsKE)
            }
            d = try await store.steps.take(id: d.id, .release, version: d.version, by: w.customsKE, today: DeclarationTests.today)
            #expect(d.state == .released)
            try await Self.expectTotalsMatchLines(store, "a release that settles the reserved stock")
            let nearest = try await store.stock.nearest(
                item: "SHE-TENT-FAM", lat: 0.3, lon: 32.6, limit: 1, visibleTo: .console, today: DeclarationTests.today)
            #expect(nearest.first?.siteCode == "KLA-1" && nearest.first?.quantity == Quantity(units: 40), "100 less the 60 released")
        }
    }

    static let viewers: [(String, Actor)] = [
        ("public", .anonymous),
        ("another organisation", .user(id: 90, email: "k@x.org", roles: [.orgMember(orgCode: "KRCS")])),
        ("the holding organisation", .user(id: 91, email: "w@x.org", roles: [.orgMember(orgCode: "WFP")])),
        ("a coordinator of Kenya", .user(id: 92, email: "c@x.org", roles: [.coordinator(country: "KE")])),
        ("a coordinator of Nepal", .user(id: 93, email: "n@x.org", roles: [.coordinator(country: "NP")])),
        ("a global coordinator", .user(id: 94, email: "g@x.org", roles: [.coordinator(country: nil)])),
    ]

    /// Sites at every sharing level, in Kenya and elsewhere, some across the antimeridian.
    static func prepareSharedAndPrivateStock(_ store: Store) async throws {
        try await ImportFixture.prepare(store)
        let sites: [(String, String, Double, Double, String, String)] = [
            ("PUB-KE", "KE", -1.0, 37.0, "public", "national"), ("AGG-KE", "KE", -1.1, 37.1, "aggregate", "national"),
            ("PRI-KE", "KE", -1.2, 36.9, "private", "national"), ("PRI-UG", "UG", 0.3, 32.6, "private", "national"),
            ("PUB-UG", "UG", 0.35, 32.5, "public", "national"), ("PUB-FJ", "FJ", -17.7, 178.1, "public", "national"),
            ("PRI-FJ", "FJ", -17.6, 178.2, "private", "national"), ("PUB-WS", "WS", -13.8, -171.8, "public", "national"),
            ("PRI-AE", "AE", 25.0, 55.1, "private", "global_hub"), ("PUB-IT", "IT", 40.66, 17.95, "public", "global_hub"),
        ]
        for (code, country, lat, lon, sharing, tier) in sites {
            _ = try await store.sites.create(
                SiteInput(code: code, name: code, country: country, lat: lat, lon: lon, tier: tier, sharing: sharing),
                org: "WFP", by: .console)
        }
        var rows = ""
        for (index, site) in sites.enumerated() {
            rows += "WFP,\(site.0),,,,,SHE-TENT-FAM,\(10 * (index + 1)),available,,2026-05-20\n"
            rows += "KRCS,\(site.0),,,,,SHE-TENT-FAM,\(index + 1),available,2027-01-01,2026-05-21\n"
            rows += "WFP,\(site.0),,,,,SHE-TENT-FAM,1000,available,2026-01-01,2026-05-22\n"  // expired: never offered
            rows += "WFP,\(site.0),,,,,SHE-TENT-FAM,2000,damaged,,2026-05-22\n"
        }
        try await ImportFixture.importCSV(store, org: "WFP", header + rows)
    }

    /// Compares nearest stock with a great-circle sort of the available, unexpired tent lines the
    /// viewer may read, summed per site.
    static func expectNearestMatchesBruteForce(
        _ store: Store, viewer: Actor, named name: String, from points: [(Double, Double)], limits: [Int],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let lines = try await store.stock.lines(StockFilter(item: "SHE-TENT-FAM", status: "available"), visibleTo: viewer, limit: 10_000)
            .filter { $0.expiry.map { $0 >= Self.today.description } ?? true }
        var bySite: [String: (site: StockLineView, quantity: Quantity)] = [:]
        for line in lines { bySite[line.siteCode] = (line, (bySite[line.siteCode]?.quantity ?? .zero) + line.quantity) }
        for (lat, lon) in points {
            let expected = bySite.values.filter { $0.quantity > .zero }.map { entry in
                (
                    code: entry.site.siteCode, quantity: entry.quantity,
                    km: (Geodesy.distanceKm(lat1: lat, lon1: lon, lat2: entry.site.lat, lon2: entry.site.lon) * 10).rounded() / 10
                )
            }.sorted { ($0.km, $0.code) < ($1.km, $1.code) }
            for limit in limits {
                let nearest = try await store.stock.nearest(
                    item: "SHE-TENT-FAM", lat: lat, lon: lon, limit: limit, visibleTo: viewer, today: Self.today)
                let want = expected.prefix(limit)
                let context = "\(name) from (\(lat), \(lon)), \(limit)"
                #expect(nearest.map(\.siteCode) == want.map(\.code), "\(context)", sourceLocation: sourceLocation)
                #expect(nearest.map(\.quantity) == want.map(\.quantity), "\(context)", sourceLocation: sourceLocation)
                #expect(nearest.map(\.distanceKm) == want.map(\.km), "\(context)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Nearest stock equals a brute-force reading of the lines the viewer may see, from points
    /// near sites, across the antimeridian and near a pole, for every kind of viewer.
    @Test(arguments: TestDatabase.available)
    func nearestEqualsAGreatCircleSortOfTheLinesEachViewerSees(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await Self.prepareSharedAndPrivateStock(store)
            try await Self.expectTotalsMatchLines(store, "the import")
            let points: [(Double, Double)] = [(-1.05, 37.02), (0.3, 32.6), (-17.0, 179.9), (-14.0, -172.0), (85.0, 0), (45, -100)]
            for (name, viewer) in Self.viewers {
                try await Self.expectNearestMatchesBruteForce(store, viewer: viewer, named: name, from: points, limits: [1, 3, 100])
            }
            // Named plainly: another organisation's member never gets a private site, however near.
            let krcs = try #require(Self.viewers.first { $0.0 == "another organisation" }?.1)
            let fromKampala = try await store.stock.nearest(
                item: "SHE-TENT-FAM", lat: 0.3, lon: 32.6, limit: 100, visibleTo: krcs, today: Self.today)
            #expect(fromKampala.first?.siteCode == "PUB-UG")
            #expect(!fromKampala.contains { $0.siteCode.hasPrefix("PRI") || $0.siteCode.hasPrefix("AGG") })
            #expect(fromKampala.first { $0.siteCode == "PUB-KE" }?.quantity == Quantity(units: 11), "10 of WFP's and 1 of KRCS's")
        }
    }

    /// In a dense cluster of warehouses, where the search reads the nearest sites' stock a few at
    /// a time and more than once, nearest stock still equals the brute-force sort:
    /// sites without the item, with only expired stock or that the viewer may not see are passed
    /// over, and ties at the same 0.1 km go by site code.
    @Test(arguments: TestDatabase.available)
    func nearestInADenseClusterEqualsTheBruteForceSort(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            let sharing = ["public", "private", "aggregate"]
            var rows = ""
            // A 9 × 9 grid of sites 0.002° apart (about 220 m) around Mombasa, and a ring farther out.
            var sites: [(code: String, lat: Double, lon: Double)] = []
            for r in 0..<9 {
                for c in 0..<9 { sites.append(("G\(r)\(c)", -4.05 + 0.002 * Double(r - 4), 39.66 + 0.002 * Double(c - 4))) }
            }
            for k in 0..<6 { sites.append(("R\(k)", -4.05 + 0.3 * Double(k - 3), 39.66 + 0.25 * Double(k % 3))) }
            // Warehouses sharing one position: more of them than a first read of holding sites asks
            // for, created in an order that is neither their codes' nor its reverse, so a walk that
            // returns ties by creation in either direction must read on to settle them.
            for k in [5, 11, 0, 7, 2, 9, 4, 1, 10, 3, 8, 6] { sites.append(("C\(k)", -4.07, 39.64)) }
            for (index, site) in sites.enumerated() {
                _ = try await store.sites.create(
                    SiteInput(
                        code: site.code, name: site.code, country: "KE", lat: site.lat, lon: site.lon, tier: "national",
                        sharing: sharing[index % 3]),
                    org: "WFP", by: .console)
                switch index % 4 {
                case 0: rows += "WFP,\(site.code),,,,,WSH-BUCKET-14L,5,available,,2026-05-20\n"  // no tents
                case 1: rows += "WFP,\(site.code),,,,,SHE-TENT-FAM,7,available,2026-01-01,2026-05-20\n"  // expired
                default: rows += "WFP,\(site.code),,,,,SHE-TENT-FAM,\(index + 1),available,,2026-05-20\n"
                }
            }
            try await ImportFixture.importCSV(store, org: "WFP", Self.header + rows)
            let points: [(Double, Double)] = [
                (-4.05, 39.66), (-4.058, 39.652), (-4.0501, 39.6643), (-4.3, 39.9), (-3.0, 41.0), (-4.07, 39.64),
            ]
            for (name, viewer) in Self.viewers {
                try await Self.expectNearestMatchesBruteForce(store, viewer: viewer, named: name, from: points, limits: [1, 10, 40])
            }
        }
    }

    /// Lines another organisation reported at a site stay when the site's organisation re-imports
    /// it, and its totals add them to the report's: under the same key (item, owner, expiry) into
    /// one total, under another key as their own.
    @Test(arguments: TestDatabase.available)
    func aReimportKeepsAndAddsWhatAnotherOrganisationReportedAtTheSite(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            try await ImportFixture.importCSV(
                store, org: "WFP", Self.header + "WFP,KLA-1,Kampala,UG,0.3,32.6,SHE-TENT-FAM,100,available,,2026-05-20\n")
            // No form writes such lines today; a store may hold them from a hub that reports its
            // partners' stock.
            try await store.database.transaction { db in
                for (item, owner, milli, expiry, reported) in [
                    ("SHE-TENT-FAM", "WFP", 5_000, "NULL", "2026-06-02"), ("NFI-BLKT-HT", "KRCS", 3_000, "'2027-01-01'", "2026-05-22"),
                ] {
                    try await db.raw(
                        """
                        INSERT INTO stock_lines (site_id, item_code, owner_org_id, reporter_org_id, quantity_milli, status, expiry, reported_at)
                        SELECT s.id, \(bind: item), o.id, k.id, \(bind: milli), 'available', \(unsafeRaw: expiry), \(bind: reported)
                        FROM sites s JOIN organisations w ON w.id = s.org_id, organisations o, organisations k
                        WHERE s.code = 'KLA-1' AND w.code = 'WFP' AND o.code = \(bind: owner) AND k.code = 'KRCS'
                        """
                    ).run()
                }
            }
            try await ImportFixture.importCSV(
                store, org: "WFP", Self.header + "WFP,KLA-1,Kampala,UG,0.3,32.6,SHE-TENT-FAM,40,available,,2026-05-30\n")
            try await Self.expectTotalsMatchLines(store, "the re-import")
            let kept = try await Self.totals(store).kept
            #expect(kept.contains { $0.contains(" SHE-TENT-FAM ") && $0.hasSuffix("[] 45000 2026-06-02") }, "40 + 5, the later report")
            #expect(kept.contains { $0.contains(" NFI-BLKT-HT ") && $0.hasSuffix("[2027-01-01] 3000 2026-05-22") })
        }
    }

    /// More warehouses at one position than the largest read of holding sites asks for at first:
    /// the search reads on, asking for more rows than any read with its row count written into
    /// the statement, and still returns the brute-force sort.
    @Test(arguments: TestDatabase.available)
    func nearestReadsOnPastTheLargestFirstRead(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            var rows = ""
            for k in (0..<230).reversed() {
                rows += "WFP,T\(1000 + k),Tied \(k),KE,-4.2,39.5,SHE-TENT-FAM,\(k + 1),available,,2026-05-20\n"
            }
            try await ImportFixture.importCSV(store, org: "WFP", Self.header + rows)
            for (name, viewer) in Self.viewers {
                try await Self.expectNearestMatchesBruteForce(
                    store, viewer: viewer, named: name, from: [(-4.2, 39.5), (-4.3, 39.6)], limits: [100])
            }
        }
    }

    /// The pre-positioned lists add up only stock the viewer may see: private and totals-only
    /// sites of another organisation never count, not even within a sum.
    @Test(arguments: TestDatabase.available)
    func prepositionedSumsOnlyWhatTheViewerSees(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await Self.prepareSharedAndPrivateStock(store)
            func tents(_ viewer: Actor) async throws -> [String: (quantity: String, sites: Int, owners: [String])] {
                let tiers = try #require(try await store.stock.prepositioned(for: "KE", visibleTo: viewer, today: Self.today))
                var out: [String: (String, Int, [String])] = [:]
                for tier in tiers {
                    if let item = tier.items.first(where: { $0.itemCode == "SHE-TENT-FAM" }) {
                        out[tier.tier] = (item.quantity.description, item.sites, item.owners)
                    }
                }
                return out
            }
            // Sites 1–10 hold 10·n of WFP's and n of KRCS's unexpired tents; ImportFixture's NBO-1
            // holds 1 and shares totals only, as a site an import creates does.
            let outsider = try await tents(.user(id: 90, email: "k@x.org", roles: [.orgMember(orgCode: "KRCS")]))
            #expect(outsider["country"]?.quantity == "11", "PUB-KE (10 + 1); AGG-KE, PRI-KE and NBO-1 withheld")
            #expect(outsider["country"]?.sites == 2, "PUB-KE for WFP and for KRCS")
            #expect(outsider["subregion"]?.quantity == "55", "PUB-UG only")
            #expect(outsider["global"]?.quantity == "110", "PUB-IT only; PRI-AE withheld")
            let holder = try await tents(.user(id: 91, email: "w@x.org", roles: [.orgMember(orgCode: "WFP")]))
            #expect(holder["country"]?.quantity == "67", "PUB-KE 11, AGG-KE 22, PRI-KE 33, NBO-1 1")
            #expect(holder["subregion"]?.quantity == "99", "PRI-UG 44, PUB-UG 55")
            #expect(holder["global"]?.quantity == "209", "PRI-AE 99, PUB-IT 110")
            #expect(holder["country"]?.owners == ["KRCS", "WFP"])
            let coordinator = try await tents(.user(id: 92, email: "c@x.org", roles: [.coordinator(country: "KE")]))
            #expect(coordinator["country"]?.quantity == "67" && coordinator["subregion"]?.quantity == "55")

            // A site made private after the import leaves the outsider's sums at once.
            let pub = try #require(try await store.sites.visible(to: .console).first { $0.code == "PUB-KE" })
            _ = try await store.sites.update(
                id: pub.id, with: SiteInput(code: "PUB-KE", name: "PUB-KE", country: "KE", lat: -1.0, lon: 37.0, sharing: "private"),
                by: .console)
            #expect(try await tents(.user(id: 90, email: "k@x.org", roles: [.orgMember(orgCode: "KRCS")]))["country"] == nil)
            let nearest = try await store.stock.nearest(
                item: "SHE-TENT-FAM", lat: -1.0, lon: 37.0, limit: 100, visibleTo: .anonymous, today: Self.today)
            #expect(!nearest.contains { $0.siteCode == "PUB-KE" })
        }
    }
}
