import CorridorCore
import Foundation
import Testing

@Suite struct GapAnalysisTests {
    static let today = Day(year: 2026, month: 6, day: 1)!

    static func figures(_ needs: [PlanningFigures.Need]) -> PlanningFigures {
        var figures = PlanningFigures.standard
        figures.needs = needs
        return figures
    }

    static func source(
        _ id: Int64, site: String, tier: SourceTier, item: String = "SHE-TENT-FAM", family: String = "shelter_household",
        units: Int64, people: Double = 5, days: Double = 180, unit: String = "piece", km: Double, expiry: Day? = nil
    ) -> CandidateSource {
        // On the equator, `km` east of the affected area at (0°, 0°).
        CandidateSource(
            id: id, siteCode: site, siteCountry: tier == .inCountry ? "KE" : "UG", tier: tier, itemCode: item, family: family,
            quantity: Quantity(units: units), coveragePeople: people, coverageDays: days, unit: unit, weightKg: 1, volumeM3: 0.001,
            lat: 0, lon: km / (Geodesy.earthRadiusKm * .pi / 180), expiry: expiry)
    }

    static func scenario(people: Int) -> Scenario { Scenario(country: "KE", lat: 0, lon: 0, people: people, days: 30) }

    /// No entry point located: stock drives (in country, or regionally within the road limit) or
    /// flies straight to the area, clearing customs in a day.
    static func run(_ scenario: Scenario, _ candidates: [CandidateSource], _ figures: PlanningFigures) -> GapResult {
        GapAnalysis.run(scenario, candidates: candidates, figures: figures, today: today) {
            ArrivalEstimate.plan($0, to: scenario, entryPoints: [], fallbackCustomsHours: 24, figures: figures)
        }
    }

    @Test func customsTimeComesFromMeasurementsThenTheProfileThenTheDefault() {
        let f = PlanningFigures.standard
        #expect(
            ArrivalEstimate.customsHours(measuredMedian: 10, measuredCount: 5, profileHours: 30, emergencyFacilitates: false, figures: f)
                == 10)
        #expect(
            ArrivalEstimate.customsHours(measuredMedian: 10, measuredCount: 4, profileHours: 30, emergencyFacilitates: false, figures: f)
                == 30)
        #expect(
            ArrivalEstimate.customsHours(measuredMedian: nil, measuredCount: 0, profileHours: nil, emergencyFacilitates: false, figures: f)
                == 72)
        #expect(
            ArrivalEstimate.customsHours(measuredMedian: nil, measuredCount: 0, profileHours: nil, emergencyFacilitates: true, figures: f)
                == 36)
    }

    @Test func tiersFollowCountryThenRegion() {
        #expect(SourceTier.of(siteCountry: "NP", siteRegion: "Asia", country: "NP", region: "Asia") == .inCountry)
        #expect(SourceTier.of(siteCountry: "IN", siteRegion: "Asia", country: "NP", region: "Asia") == .regional)
        #expect(SourceTier.of(siteCountry: "IT", siteRegion: "Europe", country: "NP", region: "Asia") == .global)
    }

    @Test func theNearestStockIsTakenFirstAndTheRestFromFurtherAway() {
        let scenario = Self.scenario(people: 1_000)
        let figures = Self.figures([.init(family: "shelter_household", share: 1, note: "")])
        let result = Self.run(
            scenario,
            [
                Self.source(2, site: "B-REG", tier: .regional, units: 300, km: 600),
                Self.source(1, site: "A-KTM", tier: .inCountry, units: 100, km: 100),
                Self.source(3, site: "C-HUB", tier: .global, units: 1_000, km: 5_000),
            ], figures)
        let need = try! #require(result.needs.first)
        #expect(need.required == 1_000)
        // A-KTM arrives in 1 + 100 × 1.3 ÷ 400 = 1.325 days, B-REG by road in 2 + (600 × 1.3 ÷ 400 + 1 at the border) + 1 = 5.95,
        // the hub by air in 3 + (2 + 5,000 ÷ 700 ÷ 24) + 1 = 6.30.
        #expect(need.sources.map(\.site) == ["A-KTM", "B-REG"], "the global hub is not needed")
        #expect(need.sources.map(\.quantity) == [Quantity(units: 100), Quantity(units: 100)])
        #expect(need.byDay == ["3": 500, "7": 1_000, "14": 1_000, "30": 1_000])
        #expect(need.shortfall == 0)
        #expect(need.availableByTier == [.inCountry: 500, .regional: 1_500, .global: 5_000])
    }

    @Test func consumablesCoverPersonDaysAndShortfallIsWhatNothingCovers() {
        let scenario = Self.scenario(people: 1_000)
        let figures = Self.figures([.init(family: "food_ration", share: 1, note: "")])
        // Rice: one kg covers one person for 1.73 days. 1,000 people × 30 days = 17,341.04 kg.
        let result = Self.run(
            scenario,
            [
                Self.source(
                    1, site: "WFP-KTM", tier: .inCountry, item: "FOO-RICE", family: "food_ration", units: 10_000, people: 1, days: 1.73,
                    unit: "kg",
                    km: 50)
            ], figures)
        let need = result.needs[0]
        #expect(need.sources[0].quantity == Quantity(units: 10_000))
        #expect(abs(need.sources[0].people - 10_000 * 1.73 / 30) < 1e-9)
        #expect(abs(need.shortfall - (1_000 - 10_000 * 1.73 / 30)) < 1e-9)
        let enough = Self.run(
            scenario,
            [
                Self.source(
                    1, site: "WFP-KTM", tier: .inCountry, item: "FOO-RICE", family: "food_ration", units: 50_000, people: 1, days: 1.73,
                    unit: "kg",
                    km: 50)
            ], figures)
        #expect(enough.needs[0].sources[0].quantity == Quantity(units: 17_342), "rounded up to whole units")
        #expect(enough.needs[0].shortfall == 0)
    }

    @Test func tiesAreBrokenByTierThenSiteAndOneSiteServesTwoNeeds() {
        let scenario = Self.scenario(people: 150)
        let figures = Self.figures([
            .init(family: "shelter_household", share: 1, note: ""), .init(family: "bedding_blanket", share: 1, note: ""),
        ])
        let result = Self.run(
            scenario,
            [
                Self.source(5, site: "Z-KTM", tier: .inCountry, units: 20, km: 100),
                Self.source(4, site: "M-KTM", tier: .inCountry, units: 20, km: 100),
                Self.source(
                    6, site: "M-KTM", tier: .inCountry, item: "NFI-BLKT-HT", family: "bedding_blanket", units: 500, people: 1, days: 180,
                    km: 100),
            ], figures)
        #expect(result.needs[0].sources.map(\.site) == ["M-KTM", "Z-KTM"], "same arrival: by site code")
        #expect(result.needs[0].sources.map(\.quantity) == [Quantity(units: 20), Quantity(units: 10)])
        #expect(result.needs[1].sources.map(\.site) == ["M-KTM"] && result.needs[1].sources[0].quantity == Quantity(units: 150))
    }

    @Test func stockExpiredOnArrivalIsNotCounted() {
        let scenario = Self.scenario(people: 100)
        let figures = Self.figures([.init(family: "shelter_household", share: 1, note: "")])
        let result = Self.run(
            scenario,
            [
                Self.source(1, site: "A", tier: .regional, units: 100, km: 1_000, expiry: Self.today.adding(days: 3)),
                Self.source(2, site: "B", tier: .regional, units: 100, km: 1_000, expiry: Self.today.adding(days: 9)),
            ], figures)
        #expect(
            result.needs[0].sources.map(\.site) == ["B"],
            "both arrive on day 2 + (1,000 × 1.3 ÷ 400 + 1) + 1 = 7.25: after A's expiry, before B's")
    }

    @Test func scenariosAndFiguresAreChecked() throws {
        #expect(throws: DomainError.self) { try Scenario(country: "XX1", lat: 95, lon: 0, people: 0, days: 0).validated() }
        #expect(try Scenario(country: "np", lat: 28, lon: 84, people: 10, days: 30, hazard: "earthquake").validated().country == "NP")
        var figures = PlanningFigures.standard
        figures.needs.append(figures.needs[0])
        figures.roadKmPerDay = 0
        #expect(throws: DomainError.self) { try figures.validated() }
        _ = try PlanningFigures.standard.validated()
    }
}
