import CorridorCore
import CorridorStore
import Foundation
import Testing

@Suite struct CustomsSetupTests {
    @Test(arguments: TestDatabase.available)
    func entryPointsAndDutyRatesAreSeededForTheDemoCountries(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            for country in ["NP", "KE", "PH", "HT", "TR", "MZ"] {
                let points = try await store.customs.entryPoints(country: country)
                #expect(points.count >= 3, "\(country)")
                #expect(points.contains { $0.kind == .airport }, "\(country)")
                #expect(points.allSatisfy { $0.code.hasPrefix(country) && $0.lat != nil })
                // A LOCODE is the point's code; a crossing without one has none, never an invented one.
                #expect(points.allSatisfy { $0.locode == nil ? $0.code.contains("-") : $0.locode == $0.code && $0.locode?.count == 5 })
                let rates = try await store.customs.dutyRates(country: country)
                let tents = rates.rates(for: try #require(HSCode("630622")))
                #expect(tents.tax > 0, "\(country) taxes tents")
            }
            #expect(try await store.customs.entryPoints(country: "KE").contains { $0.locode == "KENBO" })
            let nepal = try await store.customs.entryPoints(country: "NP")
            #expect(nepal.contains { $0.code == "NPBRG" && $0.locode == "NPBRG" && $0.name.hasPrefix("Birgunj") })
            #expect(!nepal.contains { $0.code == "NPBGJ" }, "NPBGJ is no UN/LOCODE")
            let namanga = try #require(try await store.customs.entryPoints(country: "KE").first { $0.name.hasPrefix("Namanga") })
            #expect(namanga.code == "KE-NAMANGA" && namanga.locode == nil)
        }
    }

    @Test(arguments: TestDatabase.available)
    func customsOfTheCountryDeclareEmergenciesAndKeepTheNeedsList(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            let kenyaCustoms = Actor.user(id: 1, email: "c@x.org", roles: [.customsOfficer(country: "KE")])
            let input = EmergencyInput(
                country: "NP", name: "Quake", hazard: "earthquake", declared: "2026-05-01", ends: nil, facilities: nil)
            await #expect(throws: DomainError.forbidden("your roles do not allow manageEmergencies here")) {
                try await store.customs.createEmergency(input, by: kenyaCustoms)
            }
            await #expect(throws: DomainError.self) {
                try await store.customs.createEmergency(
                    EmergencyInput(
                        country: "KE", name: "", hazard: "aliens", declared: "2026-05-09",
                        ends: "2026-05-01", facilities: nil), by: .console)
            }
            let flood = try await store.customs.createEmergency(
                EmergencyInput(
                    country: "KE", name: "Floods", hazard: "flood", declared: "2026-05-01", ends: "2026-08-01",
                    facilities: EmergencyFacilities(provisionalDeadlineDays: 30)), by: .console)
            #expect(flood.isActive(on: Day(year: 2026, month: 6, day: 1)!))
            #expect(!flood.isActive(on: Day(year: 2026, month: 8, day: 2)!))
            try await store.customs.addNeed(
                NeedsListEntry(itemCode: "SHE-TENT-FAM", hsHeading: nil, priority: .urgent), to: flood.id, by: kenyaCustoms)
            try await store.customs.addNeed(
                NeedsListEntry(itemCode: nil, hsHeading: "3004", priority: .canWait), to: flood.id, by: .console)
            await #expect(throws: DomainError.self) {
                try await store.customs.addNeed(
                    NeedsListEntry(itemCode: nil, hsHeading: "63", priority: .urgent), to: flood.id, by: .console)
            }
            let needs = try await store.customs.needs(of: flood.id)
            #expect(needs.map(\.priority) == [.urgent, .canWait])
            #expect(needs[1].matches(DeclaredGoods(itemCode: nil, hsCode: try #require(HSCode("300490")))))
            #expect(!needs[1].matches(DeclaredGoods(itemCode: nil, hsCode: try #require(HSCode("630622")))))
        }
    }

    @Test(arguments: TestDatabase.available)
    func organisationsRequestAndCustomsDecideAccreditation(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await ImportFixture.prepare(store)
            let wfp = Actor.user(id: 1, email: "w@x.org", roles: [.orgMember(orgCode: "WFP")])
            let krcs = Actor.user(id: 2, email: "k@x.org", roles: [.orgMember(orgCode: "KRCS")])
            // Decisions record who took them, so the deciders are real accounts.
            let customsKE = try await store.users.create(
                NewUser(
                    email: "c@x.org", name: "", password: "long enough pw",
                    roles: [.customsOfficer(country: "KE")]), by: .console
            ).actor
            let customsNP = try await store.users.create(
                NewUser(
                    email: "n@x.org", name: "", password: "long enough pw",
                    roles: [.customsOfficer(country: "NP")]), by: .console
            ).actor
            await #expect(throws: DomainError.self) { try await store.accreditations.request(org: "WFP", country: "KE", by: krcs) }
            let request = try await store.accreditations.request(org: "WFP", country: "KE", by: wfp)
            #expect(request.status == .pending)
            await #expect(throws: DomainError.self) { try await store.accreditations.request(org: "WFP", country: "KE", by: wfp) }
            let today = Day(year: 2026, month: 6, day: 1)!
            await #expect(throws: DomainError.self) {
                try await store.accreditations.decide(
                    id: request.id, .approved, validUntil: today.adding(days: 90), by: customsNP, today: today)
            }
            await #expect(throws: DomainError.self) {
                try await store.accreditations.decide(id: request.id, .approved, validUntil: nil, by: customsKE, today: today)
            }
            let approved = try await store.accreditations.decide(
                id: request.id, .approved, validUntil: today.adding(days: 90), by: customsKE, today: today)
            #expect(approved.isValid(on: today) && !approved.isValid(on: today.adding(days: 91)))
            #expect(try await store.accreditations.visible(to: wfp).map(\.country) == ["KE"])
            #expect(try await store.accreditations.visible(to: krcs).isEmpty)
            #expect(try await store.accreditations.visible(to: customsKE).count == 1)
            #expect(try await store.accreditations.visible(to: customsNP).isEmpty)
            await #expect(throws: DomainError.self, "a revocation states its reason") {
                try await store.accreditations.decide(id: request.id, .revoked, validUntil: nil, by: customsKE, today: today)
            }
            let revoked = try await store.accreditations.decide(
                id: request.id, .revoked, validUntil: nil, reason: "Relief diverted to commercial sale", by: customsKE, today: today)
            #expect(revoked.status == .revoked && !revoked.isValid(on: today))
            #expect(
                try await store.accreditations.request(org: "WFP", country: "KE", by: wfp).status == .pending,
                "a revoked organisation may ask again")
        }
    }
}
