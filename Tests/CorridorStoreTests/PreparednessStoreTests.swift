import CorridorCore
import CorridorStore
import Foundation
import Testing

/// The checklist's automatic checks, the gap analysis over real stock, and dispatches, on each database.
@Suite struct PreparednessStoreTests {
    static let today = DeclarationTests.today

    static func stock(_ store: Store, org: String, _ rows: String) async throws {
        _ = try await ImportFixture.importCSV(
            store, org: org,
            "#loc+code,#loc+name,#country+code,#geo+lat,#geo+lon,#item+code,#indicator+num,#status,#date+expiry\n" + rows)
    }

    @Test(arguments: TestDatabase.available)
    func automaticChecksFlipWithTheData(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let w = try await DeclarationTests.world(store)
            func auto(_ code: String) async throws -> PreparednessStatus? {
                try await store.preparedness.checklist(country: "KE", today: Self.today)?.actions.first { $0.code == code }?.autoStatus
            }
            #expect(try await auto("APA-SC-2") == .done, "Kenya's entry points have coordinates")
            #expect(try await auto("APA-SC-1") == .notStarted, "stock in Kenya, none elsewhere in Africa")
            try await Self.stock(store, org: "WFP", "UG-1,Kampala,UG,0.3,32.6,SHE-TENT-FAM,10,available,\n")
            #expect(try await auto("APA-SC-1") == .done)
            #expect(try await auto("APA-SC-6") == .notStarted, "WFP is accredited but no agreement is recorded")
            _ = try await store.customsProfiles.put(CustomsProfile(country: "KE", ochaModelAgreement: "2009-05-12"), by: w.customsKE)
            #expect(try await auto("APA-SC-6") == .done)
            await #expect(throws: DomainError.self) {
                try await store.customsProfiles.put(CustomsProfile(country: "KE", kyotoAnnexJ5: true), by: w.customsNP)
            }
            await #expect(throws: DomainError.self) {
                try await store.preparedness.update(country: "KE", code: "APA-SC-3", PreparednessUpdate(status: "done"), by: w.wfp)
            }
            let updated = try await store.preparedness.update(
                country: "KE", code: "APA-SC-3",
                PreparednessUpdate(status: "in_progress", ownerOrg: "WFP", due: "2026-12-31"),
                by: w.customsKE)
            #expect(updated.status == .inProgress && updated.ownerOrg == "WFP" && updated.history.count == 1)
            #expect(updated.history[0].contains("status → in_progress"))
        }
    }

    @Test(arguments: TestDatabase.available)
    func aScenarioDrawsOnTheCountryTheRegionAndTheGlobalHubs(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let w = try await DeclarationTests.world(store)
            _ = try await store.sites.create(
                SiteInput(
                    code: "DXB-1", name: "Dubai hub", country: "AE", lat: 25.0, lon: 55.1, tier: "global_hub",
                    sharing: "public"), org: "WFP", by: .console)
            try await Self.stock(
                store, org: "WFP",
                """
                NBO-1,Nairobi hub,KE,-1.3,36.9,SHE-TENT-FAM,40,available,
                NBO-1,Nairobi hub,KE,-1.3,36.9,SHE-TENT-FAM,500,damaged,
                KLA-1,Kampala,UG,0.3,32.6,SHE-TENT-FAM,100,available,
                DXB-1,Dubai hub,AE,25.0,55.1,SHE-TENT-FAM,1000,available,
                DXB-1,Dubai hub,AE,25.0,55.1,FOO-RICE,100000,available,2026-06-02

                """)
            var figures = PlanningFigures.standard
            figures.needs = [
                .init(family: "shelter_household", share: 1, note: "tents for all"), .init(family: "food_ration", share: 1, note: ""),
            ]
            _ = try await store.gaps.setFigures(figures, by: .console)
            await #expect(throws: DomainError.self) { try await store.gaps.setFigures(figures, by: w.wfp) }
            let report = try await store.gaps.save(
                Scenario(country: "KE", lat: -1.29, lon: 36.82, people: 1_000, days: 30), name: "Nairobi floods",
                by: w.wfp, today: Self.today)
            let tents = try #require(report.result.needs.first { $0.family == "shelter_household" })
            #expect(tents.sources.map(\.tier) == [.inCountry, .regional, .global])
            #expect(
                tents.sources.map(\.quantity) == [Quantity(units: 40), Quantity(units: 100), Quantity(units: 60)],
                "damaged stock is not counted")
            // No release measured in Kenya and no profile: 72 h, halved while the floods emergency is active.
            #expect(tents.sources[1].customsDays == 1.5 && tents.sources[1].mode == "road" && tents.sources[1].entryPoint != nil)
            #expect(tents.sources[2].mode == "air" && tents.sources[2].entryPoint == "KENBO")
            #expect(tents.shortfall == 0)
            let food = try #require(report.result.needs.first { $0.family == "food_ration" })
            #expect(food.sources.isEmpty && food.shortfall == 1_000, "rice expiring before it can arrive is not counted")
            let scenarioID = try #require(report.scenario?.id)
            let again = try #require(try await store.gaps.run(id: scenarioID, by: w.wfp, today: Self.today))
            #expect(again.result == report.result, "re-running gives the same allocation")
        }
    }

    @Test(arguments: TestDatabase.available)
    func aDispatchReservesStockDraftsTheDeclarationAndReleaseTakesTheStockOnce(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let w = try await DeclarationTests.world(store)
            _ = try await store.items.setIndicativeValue(code: "SHE-TENT-FAM", valueUSD: Quantity(units: 450), by: .console)
            try await Self.stock(
                store, org: "WFP",
                """
                KLA-1,Kampala,UG,0.3,32.6,SHE-TENT-FAM,100,available,

                """)
            let site = try #require(try await store.sites.visible(to: .console).first { $0.code == "KLA-1" })
            let input = DispatchRepository.Input(
                siteId: site.id, itemCode: "SHE-TENT-FAM", quantity: "60", entryPoint: "KEMBA", transportMode: "road")
            await #expect(throws: DomainError.self, "only the owner dispatches") {
                try await store.dispatching.create(input, org: "KRCS", by: w.krcs)
            }
            var tooMuch = input
            tooMuch.quantity = "101"
            await #expect(throws: DomainError.self) {
                try await store.dispatching.create(tooMuch, org: "WFP", by: w.wfp, today: Self.today)
            }
            let (dispatch, draft) = try await store.dispatching.create(input, org: "WFP", by: w.wfp, today: Self.today)
            #expect(draft.state == .draft && draft.destination == "KE" && draft.emergencyId == w.emergency.id)
            #expect(draft.lines.count == 1 && draft.lines[0].hsCode == "630622" && draft.lines[0].origin == "UG")
            #expect(draft.lines[0].quantity == Quantity(units: 60) && draft.lines[0].value == Quantity(units: 27_000))
            func quantities() async throws -> [String: Quantity] {
                var out: [String: Quantity] = [:]
                for line in try await store.stock.lines(StockFilter(item: "SHE-TENT-FAM"), visibleTo: .console)
                where line.siteCode == "KLA-1" {
                    out[line.status, default: .zero] = out[line.status, default: .zero] + line.quantity
                }
                return out
            }
            #expect(try await quantities() == ["available": Quantity(units: 40), "reserved": Quantity(units: 60)])
            // The draft is the declarant's to complete before lodging: the transport document, arrival and packages.
            var particulars = draft.input
            (particulars.transportDocument, particulars.transportDocumentType) = ("CMR UG123456", "cmr")
            (particulars.expectedArrival, particulars.packages, particulars.packagesKind) = ("2026-06-10", 6, "bales")
            let ready = try await store.declarations.amend(id: draft.id, particulars, version: draft.version, by: w.wfp, today: Self.today)
            #expect(ready.state == .draft && ready.lodgingGaps.isEmpty && ready.packages == 6)
            var d = try await store.steps.take(id: draft.id, .lodge, version: ready.version, by: w.wfp, today: Self.today)
            d = try await store.steps.take(id: d.id, .assignLane, version: d.version, by: w.customsKE, today: Self.today)
            for doc in d.documents {
                d = try await store.declarations.setDocument(
                    id: d.id, document: RequiredDocument(rawValue: doc.document)!, status: .waived,
                    reason: "waived under the emergency's simplified procedure", by: w.customsKE)
            }
            let (id, version, customs) = (d.id, d.version, w.customsKE)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<10 {
                    group.addTask {
                        (try? await store.steps.take(id: id, .release, version: version, by: customs, today: Self.today)) != nil
                    }
                }
                var wins = 0
                for await won in group where won { wins += 1 }
                return wins
            }
            #expect(outcomes == 1)
            #expect(try await quantities() == ["available": Quantity(units: 40)], "the reserved 60 left the site, once")
            #expect(try await store.dispatches.get(id: dispatch.id, by: w.wfp)?.state == "delivered")
            await #expect(throws: DomainError.self, "too late to cancel") {
                try await store.dispatching.cancel(id: dispatch.id, by: w.wfp)
            }

            let (second, _) = try await store.dispatching.create(
                DispatchRepository.Input(
                    siteId: site.id, itemCode: "SHE-TENT-FAM", quantity: "15", entryPoint: "KEMBA", transportMode: "road"),
                org: "WFP", by: w.wfp, today: Self.today)
            #expect(try await quantities() == ["available": Quantity(units: 25), "reserved": Quantity(units: 15)])
            #expect(try await store.dispatching.cancel(id: second.id, by: w.wfp).state == "cancelled")
            #expect(try await quantities() == ["available": Quantity(units: 40)])
            #expect(try await DeclarationAudit.verifyAll(store.database).isEmpty)
        }
    }
}
