import CorridorCore
import Foundation
import Testing

/// Arrival by route legs, on hand-computed cases. The affected area is at (0°, 0°); everything
/// else sits on the equator, where one degree of longitude is 6,371.0088 × π / 180 = 111.19508 km.
@Suite struct RouteLegTests {
    static let degree = Geodesy.earthRadiusKm * .pi / 180
    static let today = Day(year: 2026, month: 6, day: 1)!

    static func source(
        _ id: Int64, site: String, tier: SourceTier, country: String = "UG", lon: Double, units: Int64, kg: Double = 85,
        m3: Double = 0.4, disclosed: Bool = true
    ) -> CandidateSource {
        CandidateSource(
            id: id, siteCode: site, siteCountry: country, tier: tier, itemCode: "SHE-TENT-FAM", family: "shelter_household",
            quantity: Quantity(units: units), coveragePeople: 5, coverageDays: 180, unit: "piece", weightKg: kg, volumeM3: m3, lat: 0,
            lon: lon, expiry: nil, disclosed: disclosed)
    }

    static let airport = EntryRoute(code: "KEAIR", kind: .airport, lat: 0, lon: 1, customsHours: 24)
    static let seaport = EntryRoute(code: "KESEA", kind: .seaport, lat: 0, lon: 2, customsHours: 24)
    static let border = EntryRoute(code: "KEBOR", kind: .landBorder, lat: 0, lon: -1, customsHours: 24)
    static let scenario = Scenario(country: "KE", lat: 0, lon: 0, people: 1_000, days: 30)

    static func plan(_ source: CandidateSource, _ points: [EntryRoute], scenario: Scenario = scenario) -> ArrivalEstimate {
        ArrivalEstimate.plan(source, to: scenario, entryPoints: points, fallbackCustomsHours: 72, figures: .standard)
    }

    @Test func aGlobalHubFliesToTheAirportThenTrucksTheLastMile() throws {
        let estimate = Self.plan(Self.source(1, site: "HUB", tier: .global, lon: 40, units: 100), [Self.airport, Self.border])
        #expect(estimate.mode == "air" && estimate.entryPoint == "KEAIR")
        #expect(estimate.legs.map(\.mode) == [.air, .road])
        // Air: 39° = 4,336.608 km; 2 days to arrange + 4,336.608 ÷ 700 km/h ÷ 24 = 2.258 days.
        #expect(abs(try #require(estimate.legs[0].km) - 4_336.608) < 0.01)
        #expect(abs(estimate.legs[0].days - 2.258_13) < 1e-4)
        // Last mile: 1° × 1.3 = 144.554 km of road at 400 km a day = 0.3614 days.
        #expect(estimate.legs[1].from == "KEAIR" && estimate.legs[1].to == Leg.affectedArea)
        let lastKm = try #require(estimate.legs[1].km)
        #expect(abs(lastKm - 144.554) < 0.01 && abs(estimate.legs[1].days - 0.361_38) < 1e-4)
        // 3 days' handling at a hub + 2.258 + 0.361 + 1 day of customs = 6.620.
        #expect(abs(estimate.arrivalDays - 6.619_51) < 1e-4 && estimate.customsDays == 1)
    }

    @Test func heavyShipmentsGoBySeaWhenTheyArriveInTime() {
        // 300 tents = 25.5 t, over the 20 t from which sea or road is planned.
        let heavy = Self.source(1, site: "HUB", tier: .global, lon: 40, units: 300)
        let bySea = Self.plan(heavy, [Self.airport, Self.seaport])
        // Sea: 38° × 1.3 = 5,493.04 km at 600 km a day + 5 days in port = 14.155; last mile 2° × 1.3 = 289.11 km = 0.7228;
        // 3 + 14.155 + 0.723 + 1 = 18.878 days, within 30.
        #expect(bySea.mode == "sea" && bySea.entryPoint == "KESEA")
        #expect(abs(bySea.legs[0].days - 14.155_06) < 1e-4 && abs(bySea.arrivalDays - 18.877_83) < 1e-4)
        // Within 14 days the ship is too late: the same tents fly.
        let short = Scenario(country: "KE", lat: 0, lon: 0, people: 1_000, days: 14)
        #expect(Self.plan(heavy, [Self.airport, Self.seaport], scenario: short).mode == "air")
        // 100 tents (8.5 t) are too light to ship: they fly even with 30 days.
        #expect(Self.plan(Self.source(2, site: "HUB", tier: .global, lon: 40, units: 100), [Self.airport, Self.seaport]).mode == "air")
    }

    @Test func regionalStockDrivesWhenTheRoadArrivesInTimeAndFliesOtherwise() throws {
        // Road: 4° to the border × 1.3 = 578.21 km at 400 km a day + 1 day at the border = 2.4455; last mile 0.3614;
        // 2 + 2.4455 + 0.3614 + 1 = 5.8069. Air: 2 + 6° (667.17 km) ÷ 700 ÷ 24 = 2.0397; 2 + 2.0397 + 0.3614 + 1 = 5.4011.
        let road = Self.plan(Self.source(1, site: "KLA", tier: .regional, lon: -5, units: 100), [Self.airport, Self.border])
        #expect(road.mode == "road" && road.entryPoint == "KEBOR" && abs(road.arrivalDays - 5.806_92) < 1e-4)
        let roadKm = try #require(road.legs[0].km)
        #expect(abs(roadKm - 578.214) < 0.01)
        // Within 5 days the truck is too late: the same stock flies, arriving first.
        let short = Scenario(country: "KE", lat: 0, lon: 0, people: 1_000, days: 5)
        let flown = Self.plan(
            Self.source(2, site: "KLA", tier: .regional, lon: -5, units: 100), [Self.airport, Self.border], scenario: short)
        #expect(flown.mode == "air" && abs(flown.arrivalDays - 5.401_10) < 1e-4)
        // A mountainous source country is slower: Nepal's 150 km a day makes the road leg 3.8548 + 1 days.
        let nepal = Self.plan(Self.source(3, site: "KTM", tier: .regional, country: "NP", lon: -5, units: 300), [Self.border])
        #expect(abs(nepal.legs[0].days - 4.854_76) < 1e-4)
    }

    @Test func aRouteIsPlannedForWhatTheNeedTakesNotTheWholeStock() throws {
        // 3,000 tents (255 t) at the hub, but 1,000 people need 200 (17 t): too light to ship, so they fly.
        var figures = PlanningFigures.standard
        figures.needs = [.init(family: "shelter_household", share: 1, note: "")]
        let hub = Self.source(1, site: "HUB", tier: .global, lon: 40, units: 3_000)
        #expect(Self.plan(hub, [Self.airport, Self.seaport]).mode == "sea", "the whole stock would go by sea")
        let result = GapAnalysis.run(Self.scenario, candidates: [hub], figures: figures, today: Self.today) {
            ArrivalEstimate.plan(
                $0, to: Self.scenario, entryPoints: [Self.airport, Self.seaport], fallbackCustomsHours: 72, figures: figures)
        }
        let use = try #require(result.needs[0].sources.first)
        #expect(use.mode == "air" && use.quantity == Quantity(units: 200))
    }

    @Test func theEntryPointIsChosenByTotalTimeNotDistance() {
        // The nearer airport takes 10 days to clear; one 2° further clears in a day.
        let slow = EntryRoute(code: "KESLO", kind: .airport, lat: 0, lon: 1, customsHours: 240)
        let quick = EntryRoute(code: "KEQIK", kind: .airport, lat: 0, lon: -1, customsHours: 24)
        let estimate = Self.plan(Self.source(1, site: "HUB", tier: .global, lon: 40, units: 10), [slow, quick])
        #expect(estimate.entryPoint == "KEQIK")
    }

    @Test func inCountryStockDrivesStraightToTheAreaAtTheCountrysSpeed() throws {
        let nepal = Scenario(country: "NP", lat: 0, lon: 0, people: 1_000, days: 30)
        let estimate = Self.plan(Self.source(1, site: "KTM", tier: .inCountry, country: "NP", lon: 1, units: 10), [], scenario: nepal)
        // 144.554 km at Nepal's 150 km a day = 0.9637 days, after a day's handling; no customs.
        #expect(estimate.legs.count == 1 && estimate.entryPoint == nil && estimate.customsDays == 0)
        #expect(abs(estimate.arrivalDays - 1.963_69) < 1e-4)
    }

    @Test func aShipmentLargerThanADaysFlightsArrivesOverSeveralDays() throws {
        // 1,200 tents (102 t, 480 m³) by Il-76 (40 t, 180 m³): 3 flights by weight and volume, 2 a day: 2 days of departures.
        var figures = PlanningFigures.standard
        figures.needs = [.init(family: "shelter_household", share: 1, note: "", item: "SHE-TENT-FAM")]
        let scenario = Scenario(country: "KE", lat: 0, lon: 0, people: 6_000, days: 30)
        let hub = Self.source(1, site: "HUB", tier: .global, lon: 40, units: 1_200)
        let tent = Item(
            code: "SHE-TENT-FAM", name: "Family tent", sector: .shelter, group: "", family: "shelter_household", familyLabel: "",
            unit: "piece", weightKg: 85, volumeM3: 0.4, hsCode: "630622", kit: false, coveragePeople: 5, coverageDays: 180)
        let result = GapAnalysis.run(scenario, candidates: [hub], figures: figures, today: Self.today, items: ["SHE-TENT-FAM": tent]) {
            ArrivalEstimate.plan($0, to: scenario, entryPoints: [Self.airport], fallbackCustomsHours: 72, figures: figures)
        }
        let need = result.needs[0]
        let use = try #require(need.sources.first)
        let tonnes = try #require(use.tonnes)
        #expect(use.mode == "air" && use.departureDays == 2 && abs(tonnes - 102) < 1e-9)
        #expect(abs(use.lastArrivalDays - use.arrivalDays - 1) < 1e-9)
        // The first day's lot (half) lands on day 6.62, the rest on day 7.62.
        #expect(need.byDay["3"] == 0 && need.byDay["7"] == 3_000 && need.byDay["14"] == 6_000)
        // 6,000 people need 1,200 tents: 102 t, 480 m³, 3 Il-76 flights, 6 trucks (24 t, 80 m³).
        #expect(need.loadItem == "SHE-TENT-FAM" && need.flights == 3 && need.trucks == 6)
        let (needTonnes, needM3) = (try #require(need.tonnes), try #require(need.m3))
        #expect(abs(needTonnes - 102) < 1e-9 && abs(needM3 - 480) < 1e-9)
        #expect(need.shortfallTonnes == 0 && need.shortfallFlights == 0)
    }

    @Test func legsOfStockSharedAsTotalsDoNotLocateItsSite() throws {
        var figures = PlanningFigures.standard
        figures.needs = [.init(family: "shelter_household", share: 1, note: "")]
        let hidden = Self.source(1, site: "SECRET", tier: .global, lon: 40, units: 10, disclosed: false)
        let result = GapAnalysis.run(Self.scenario, candidates: [hidden], figures: figures, today: Self.today) {
            ArrivalEstimate.plan($0, to: Self.scenario, entryPoints: [Self.airport], fallbackCustomsHours: 72, figures: figures)
        }
        let use = try #require(result.needs[0].sources.first)
        #expect(use.site == nil && use.tonnes == nil && use.quantity == nil)
        #expect(use.legs[0].from == nil && use.legs[0].km == nil && use.legs[0].to == "KEAIR" && use.legs[0].mode == .air)
        #expect(use.legs[1].from == "KEAIR" && use.legs[1].km != nil, "the last mile from a public entry point is shown")
    }

    @Test func routeFiguresAreChecked() throws {
        var figures = PlanningFigures.standard
        figures.routes.roadKmPerDayByCountry.append(CountrySpeed(country: "XXX", kmPerDay: 100))
        figures.routes.freighter.payloadTonnes = 0
        figures.routes.sources.append(FigureSource(figure: "warp_speed", source: "a rumour"))
        let error = try #require(throws: DomainError.self) { try figures.validated() }
        #expect(
            Set(error.problems.compactMap(\.field)).isSuperset(of: ["road_km_per_day_by_country", "freighter.payload_tonnes", "sources"]))
        #expect(PlanningFigures.standard.routes.source(of: "air_km_per_hour") == "planning assumption")
    }

    @Test func figuresSavedBeforeRoutesReadWithTheStandardRoutes() throws {
        let old =
            #"{"needs":[{"family":"food_ration","share":1,"note":""}],"handlingDays":{"in_country":1,"regional":2,"global":3},"#
            + #""roadKmPerDay":400,"airKmPerDay":4000,"roadLimitKm":1500,"defaultCustomsHours":72,"minimumMeasured":5,"#
            + #""emergencyCustomsFactor":0.5,"horizons":[3,7,14,30]}"#
        let figures = try JSONDecoder().decode(PlanningFigures.self, from: Data(old.utf8))
        #expect(figures.routes == .standard && figures.needs[0].item == nil)
    }
}
