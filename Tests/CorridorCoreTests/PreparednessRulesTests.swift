import CorridorCore
import Foundation
import Testing

@Suite struct PreparednessRulesTests {
    @Test func theChecklistHasTheFourMPACategoriesAndTheSupplyChainAPAs() {
        let actions = PreparednessChecklist.actions
        #expect(Set(actions.filter { $0.framework == .minimum }.map(\.category)).count == 4)
        #expect(actions.filter { $0.framework == .advanced }.count == 8)
        #expect(Set(actions.map(\.code)).count == actions.count)
        #expect(actions.compactMap(\.check).count == 3)
    }

    @Test func automaticChecksFollowTheData() {
        var facts = PreparednessFacts(
            freshReportsInCountry: 1, freshReportsInRegion: 0, customsAgreementRecorded: true,
            accreditedOrganisations: 0, entryPointsWithCoordinates: 0)
        #expect(facts.evaluate(.prepositionedLists).status == .notStarted)
        #expect(facts.evaluate(.customsFacilitation).status == .notStarted)
        #expect(facts.evaluate(.entryPoints).status == .notStarted)
        facts.freshReportsInRegion = 2
        facts.accreditedOrganisations = 1
        facts.entryPointsWithCoordinates = 3
        #expect(
            facts.evaluate(.prepositionedLists) == (
                .done, "1 stock report(s) in the country and 2 elsewhere in the region in the last 90 days"
            ))
        #expect(facts.evaluate(.customsFacilitation).status == .done)
        #expect(facts.evaluate(.entryPoints).evidence == "3 entry point(s) with coordinates")
        facts.customsAgreementRecorded = false
        #expect(facts.evaluate(.customsFacilitation).status == .notStarted)
    }

    @Test func updatesAndProfilesAreChecked() throws {
        #expect(throws: DomainError.self) { try PreparednessUpdate(status: "finished").validated() }
        #expect(throws: DomainError.self) { try PreparednessUpdate(due: "31/12/2026").validated() }
        let ok = try PreparednessUpdate(status: "in_progress", due: "2026-12-31", evidence: "https://example.org/plan.pdf").validated()
        #expect(ok.status == .inProgress && ok.due == Day(year: 2026, month: 12, day: 31))
        #expect(try CustomsProfile(country: "np", ochaModelAgreement: "2007-03-15").validated().recordsAgreement)
        #expect(try CustomsProfile(country: "NP", idrlLaw: "  ").validated().recordsAgreement == false)
        #expect(throws: DomainError.self) { try CustomsProfile(country: "NP", ochaModelAgreement: "soon").validated() }
    }
}
