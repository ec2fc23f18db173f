import CorridorCore
import Foundation
import Testing

/// Inputs that cannot go astray: a point is in its country or refused, counts read as people type
/// them, and a checked preparedness action has one status.
@Suite struct InputRulesTests {
    /// A square "country" 1° by 1° from (0, 0) with a square hole at its centre, and an islet.
    static let outlines: CountryOutlines = {
        var outlines = CountryOutlines()
        let square = [(0.0, 0.0), (1, 0), (1, 1), (0, 1), (0, 0)].map { CountryOutlines.Point(lon: $0.0, lat: $0.1) }
        let hole = [(0.4, 0.4), (0.6, 0.4), (0.6, 0.6), (0.4, 0.6), (0.4, 0.4)].map { CountryOutlines.Point(lon: $0.0, lat: $0.1) }
        outlines.add(country: "aa", [square, hole])
        let islet = [(3.0, 0.0), (3.1, 0.0), (3.1, 0.1), (3.0, 0.0)].map { CountryOutlines.Point(lon: $0.0, lat: $0.1) }
        outlines.add(country: "AA", [islet])
        let far = [(10.0, 10.0), (11, 10), (11, 11), (10, 10)].map { CountryOutlines.Point(lon: $0.0, lat: $0.1) }
        outlines.add(country: "BB", [far])
        return outlines
    }()

    @Test func aPointIsInItsCountryWithinTheCoastalTolerance() {
        let o = Self.outlines
        #expect(o.contains(lat: 0.2, lon: 0.2, country: "AA") == true)
        #expect(o.contains(lat: 0.05, lon: 3.05, country: "aa") == true, "on the islet")
        // 0.1° of latitude is 11.1 km: inside the 25 km tolerance; 0.3° (33 km) is not.
        #expect(o.contains(lat: -0.1, lon: 0.5, country: "AA") == true)
        #expect(o.contains(lat: -0.3, lon: 0.5, country: "AA") == false)
        #expect(o.contains(lat: -0.3, lon: 0.5, country: "AA", toleranceKm: 40) == true)
        // The hole's centre is 0.1° (11 km) from its edge: in the tolerance; with none, outside.
        #expect(o.contains(lat: 0.5, lon: 0.5, country: "AA", toleranceKm: 0) == false)
        #expect(o.contains(lat: 0.5, lon: 0.5, country: "AA") == true)
        #expect(o.contains(lat: 0.5, lon: 0.5, country: "BB") == false)
        #expect(o.contains(lat: 0.5, lon: 0.5, country: "CC") == nil, "no outline: nothing can be said")
        #expect(o.countries(containing: 0.2, lon: 0.2) == ["AA"])
        #expect(o.countries(containing: 5, lon: 5) == [])
    }

    @Test func aScenarioOutsideItsCountryIsRefusedNamingThePoint() throws {
        let names = ["AA": "Aland", "BB": "Borduria"]
        let outside = Scenario(country: "BB", lat: 0.25, lon: 0.5, people: 10, days: 30)
        let error = #expect(throws: DomainError.self) { try outside.checkLocation(in: Self.outlines) { names[$0] } }
        #expect(error?.problems.first?.field == "lat")
        #expect(
            error?.message
                == "field lat: the affected point (lat 0.25, lon 0.5) is not in Borduria (BB); it is in Aland (AA): check the country and the coordinates",
            "\(error?.message ?? "")")
        try Scenario(country: "aa", lat: 0.25, lon: 0.5, people: 10, days: 30).checkLocation(in: Self.outlines) { names[$0] }
        try Scenario(country: "CC", lat: 0.25, lon: 0.5, people: 10, days: 30).checkLocation(in: Self.outlines) { names[$0] }
    }

    @Test(arguments: [
        ("50,000", 50_000), ("50 000", 50_000), ("50\u{00A0}000", 50_000), ("50\u{202F}000", 50_000), ("50.000", 50_000),
        ("1,250,000", 1_250_000), ("1'250'000", 1_250_000), (" 400000 ", 400_000), ("7", 7), ("-3", -3),
    ])
    func countsReadAsPeopleTypeThem(_ raw: String, _ value: Int) {
        #expect(Quantity.wholeCount(raw) == .success(value))
    }

    @Test(arguments: [
        ("2.5", QuantityProblem.notWhole), ("", .empty), ("fifty", .notANumber), ("5,0000", .notANumber), ("50,000.5", .notANumber),
        ("1,2345", .notANumber), (",500", .notANumber), ("9999999999999999", .tooLarge),
    ])
    func countsThatAreNotCountsAreRefused(_ raw: String, _ problem: QuantityProblem) {
        #expect(Quantity.wholeCount(raw) == .failure(problem))
    }

    @Test func aFormReadsACommaBeforeThreeDigitsAsThousands() {
        #expect(Quantity.parse("50,000", convention: .form) == .success(Quantity(units: 50_000)))
        #expect(Quantity.parse("50,000") == .failure(.ambiguous), "a report may use a decimal comma")
        #expect(Quantity.parse("1,250,000.5", convention: .form) == .success(Quantity(milli: 1_250_000_500)))
        #expect(Quantity.parse("12,5", convention: .form) == .success(Quantity(milli: 12_500)))
        #expect(Quantity.parse("50\u{00A0}000", convention: .form) == .success(Quantity(units: 50_000)))
    }

    @Test func aCheckedActionHasOneStatusTheDatasUnlessOverriddenWithAReason() throws {
        #expect(PreparednessStanding.of(recorded: .notStarted, overrideReason: nil, computed: .done).status == .done)
        #expect(PreparednessStanding.of(recorded: nil, overrideReason: nil, computed: .notStarted).status == .notStarted)
        let overridden = PreparednessStanding.of(recorded: .inProgress, overrideReason: "port closed", computed: .done)
        #expect(overridden == PreparednessStanding(status: .inProgress, overrideReason: "port closed"))
        #expect(PreparednessStanding.of(recorded: .inProgress, overrideReason: "  ", computed: .done).status == .done)
        #expect(PreparednessStanding.of(recorded: .inProgress, overrideReason: "ignored", computed: nil).status == .inProgress)

        let checked = try #require(PreparednessChecklist.action("APA-SC-2"))
        let error = #expect(throws: DomainError.self) {
            try PreparednessUpdate(status: "in_progress").validated(for: checked, computed: .done)
        }
        #expect(error?.problems.first?.field == "override_reason")
        let override = try PreparednessUpdate(status: "in_progress", overrideReason: " port closed ").validated(
            for: checked, computed: .done)
        #expect(override.overrideReason == "port closed")
        let back = try PreparednessUpdate(status: "done", overrideReason: "port closed").validated(
            for: checked, computed: .done, currentReason: "x")
        #expect(back.overrideReason == nil, "setting the data's own status clears the override")
        let ownerOnly = try PreparednessUpdate(ownerOrg: "WFP").validated(for: checked, computed: .done, currentReason: "port closed")
        #expect(ownerOnly.overrideReason == "port closed")
        let manual = try #require(PreparednessChecklist.action("APA-SC-7"))
        #expect(try PreparednessUpdate(status: "done", overrideReason: "why").validated(for: manual).overrideReason == nil)
    }

    @Test func evidenceIsANoteOrALink() throws {
        #expect(try PreparednessUpdate(evidence: "Letter from the ministry, 2 December").validated().evidence != nil)
        #expect(PreparednessEvidence.link("https://example.org/plan.pdf") == "https://example.org/plan.pdf")
        #expect(PreparednessEvidence.link("javascript:alert(1)") == nil)
        #expect(PreparednessEvidence.link("https://example.org/a plan") == nil)
        #expect(throws: DomainError.self) { try PreparednessUpdate(evidence: String(repeating: "x", count: 501)).validated() }
    }
}
