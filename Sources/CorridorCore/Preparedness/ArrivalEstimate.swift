import Foundation

/// How long a source takes to reach the affected area: handling at the source, the legs of its
/// route, and customs at the entry point.
public struct ArrivalEstimate: Sendable, Equatable, Codable {
    public var handlingDays: Double
    /// The legs' days together.
    public var transportDays: Double
    public var customsDays: Double
    /// The mode that brings the goods into the country ("road" for goods already in it).
    public var mode: String
    /// Where the goods clear customs (nil for goods already in the country).
    public var entryPoint: String?
    public var legs: [Leg]
    public var arrivalDays: Double { handlingDays + transportDays + customsDays }

    public init(handlingDays: Double, customsDays: Double, mode: String, entryPoint: String?, legs: [Leg]) {
        (self.handlingDays, self.customsDays, self.mode, self.entryPoint, self.legs) = (handlingDays, customsDays, mode, entryPoint, legs)
        transportDays = legs.reduce(0) { $0 + $1.days }
    }

    /// The route a logistician would plan for a source. Stock in the country goes by road to the
    /// affected area. Other stock goes to each of the country's entry points by the mode that
    /// serves it — air to an airport (time to arrange the flight + flight time), sea to a
    /// seaport (port time + sea distance ÷ speed; only shipments heavy enough to ship), road to a
    /// land border or inland depot (stock of the same UN sub-region within the road limit: road distance ÷ the
    /// source country's speed + the border crossing) — then clears customs there and goes on by
    /// road (the affected country's speed) to the area. Each mode uses its fastest entry point.
    /// Goods go by road or sea (trucks regionally, ships for heavy shipments) when that arrives
    /// within the scenario's days, and fly otherwise, by whichever mode arrives first. With no entry point located, goods fly (or, regionally
    /// within the road limit, drive) straight to the area and clear at `fallbackCustomsHours`.
    public static func plan(
        _ source: CandidateSource, to scenario: Scenario, entryPoints: [EntryRoute], fallbackCustomsHours: Double,
        figures: PlanningFigures
    ) -> ArrivalEstimate {
        let routes = figures.routes
        let handling = figures.handlingDays[source.tier] ?? 0
        let areaSpeed = routes.roadKmPerDay(in: scenario.country, default: figures.roadKmPerDay)
        let sourceSpeed = routes.roadKmPerDay(in: source.siteCountry, default: figures.roadKmPerDay)
        func road(_ from: String, _ lat1: Double, _ lon1: Double, _ to: String, _ lat2: Double, _ lon2: Double, speed: Double, border: Bool)
            -> Leg
        {
            let km = Geodesy.distanceKm(lat1: lat1, lon1: lon1, lat2: lat2, lon2: lon2) * routes.roadDistanceFactor
            return Leg(mode: .road, from: from, to: to, km: km, days: km / speed + (border ? routes.borderCrossingDays : 0))
        }
        func air(_ to: String, _ lat: Double, _ lon: Double) -> Leg {
            let km = Geodesy.distanceKm(lat1: source.lat, lon1: source.lon, lat2: lat, lon2: lon)
            return Leg(mode: .air, from: source.siteCode, to: to, km: km, days: routes.airArrangeDays + km / routes.airKmPerHour / 24)
        }
        let area = Leg.affectedArea
        if source.tier == .inCountry {
            let leg = road(source.siteCode, source.lat, source.lon, area, scenario.lat, scenario.lon, speed: areaSpeed, border: false)
            return ArrivalEstimate(handlingDays: handling, customsDays: 0, mode: "road", entryPoint: nil, legs: [leg])
        }
        let tonnes = source.quantity.doubleValue * source.weightKg / 1_000
        let heavy = tonnes >= routes.surfaceFromTonnes
        let roadReach = source.tier == .regional && source.sameSubregion
        var fastest: [TransportMode: ArrivalEstimate] = [:]
        for point in entryPoints {
            let straight = Geodesy.distanceKm(lat1: source.lat, lon1: source.lon, lat2: point.lat, lon2: point.lon)
            let first: Leg
            switch point.mode {
            case .air:
                first = air(point.code, point.lat, point.lon)
            case .sea:
                guard heavy else { continue }
                let km = straight * routes.seaDistanceFactor
                first = Leg(
                    mode: .sea, from: source.siteCode, to: point.code, km: km, days: routes.portHandlingDays + km / routes.seaKmPerDay)
            default:
                guard roadReach, straight <= figures.roadLimitKm else { continue }
                first = road(source.siteCode, source.lat, source.lon, point.code, point.lat, point.lon, speed: sourceSpeed, border: true)
            }
            let last = road(point.code, point.lat, point.lon, area, scenario.lat, scenario.lon, speed: areaSpeed, border: false)
            let estimate = ArrivalEstimate(
                handlingDays: handling, customsDays: point.customsHours / 24, mode: first.mode.rawValue, entryPoint: point.code,
                legs: [first, last])
            if fastest[first.mode].map({ estimate.arrivalDays < $0.arrivalDays }) ?? true { fastest[first.mode] = estimate }
        }
        let byTime = fastest.values.sorted { ($0.arrivalDays, $0.mode) < ($1.arrivalDays, $1.mode) }
        if let surface = byTime.first(where: { $0.mode != "air" && $0.arrivalDays <= Double(scenario.days) }) { return surface }
        if let best = byTime.first { return best }
        let straight = Geodesy.distanceKm(lat1: source.lat, lon1: source.lon, lat2: scenario.lat, lon2: scenario.lon)
        let direct =
            roadReach && straight <= figures.roadLimitKm
            ? road(source.siteCode, source.lat, source.lon, area, scenario.lat, scenario.lon, speed: sourceSpeed, border: true)
            : air(area, scenario.lat, scenario.lon)
        return ArrivalEstimate(
            handlingDays: handling, customsDays: fallbackCustomsHours / 24, mode: direct.mode.rawValue, entryPoint: nil, legs: [direct])
    }

    /// Hours of customs release at an entry point: its measured median when enough consignments
    /// were released there, else the country profile's figure, else the default; shortened while an
    /// emergency with pre-arrival lodgement is active.
    public static func customsHours(
        measuredMedian: Double?, measuredCount: Int, profileHours: Double?, emergencyFacilitates: Bool,
        figures: PlanningFigures
    ) -> Double {
        let base =
            measuredCount >= figures.minimumMeasured
            ? (measuredMedian ?? figures.defaultCustomsHours)
            : (profileHours ?? figures.defaultCustomsHours)
        return max(0, base) * (emergencyFacilitates ? figures.emergencyCustomsFactor : 1)
    }
}
