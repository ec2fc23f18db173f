import Foundation

/// A scenario to plan for: where, how many people, for how long.
public struct Scenario: Sendable, Equatable, Codable {
    public var country: String
    public var lat: Double
    public var lon: Double
    public var people: Int
    public var days: Int
    public var hazard: String?

    public init(country: String, lat: Double, lon: Double, people: Int, days: Int, hazard: String? = nil) {
        (self.country, self.lat, self.lon, self.people, self.days, self.hazard) = (country, lat, lon, people, days, hazard)
    }

    public func validated() throws(DomainError) -> Scenario {
        var problems = ProblemList()
        if CountryCode(country) == nil { problems.add(field: "country", "must be an ISO alpha-2 code") }
        if !Geodesy.isValid(lat: lat, lon: lon) { problems.add(field: "lat", "latitude −90…90 and longitude −180…180") }
        if !(1...50_000_000).contains(people) { problems.add(field: "people", "from 1 to 50,000,000") }
        if !(1...365).contains(days) { problems.add(field: "days", "from 1 to 365") }
        if let hazard, !EmergencyInput.hazards.contains(hazard) {
            problems.add(field: "hazard", "one of \(EmergencyInput.hazards.joined(separator: ", "))")
        }
        try problems.check()
        var copy = self
        copy.country = country.uppercased()
        return copy
    }
}

/// One stock line that could serve a need, with what it takes to arrive.
public struct CandidateSource: Sendable, Equatable {
    public var id: Int64
    public var siteCode: String
    public var siteCountry: String
    public var tier: SourceTier
    public var itemCode: String
    public var family: String
    public var quantity: Quantity
    /// One unit covers `coveragePeople` people for `coverageDays` days, counted in `unit`
    /// (`PeopleCovered` decides whether it is used up or durable).
    public var coveragePeople: Double
    public var coverageDays: Double
    public var unit: String
    /// Weight and volume of one unit, for tonnes, flights and trucks.
    public var weightKg: Double
    public var volumeM3: Double
    /// Where the site is.
    public var lat: Double
    public var lon: Double
    public var expiry: Day?
    /// Whether the viewer may see this stock's site and lines; stock shared only as totals still
    /// counts, but its uses are shown without site, item or quantity.
    public var disclosed: Bool
    /// The site's id, and the organisation that owns this stock (who alone may dispatch it).
    public var siteId: Int64
    public var owner: String
    /// Whether the site is in the affected country's UN sub-region: only there may regional stock
    /// go by road (a proxy for a land route: Panama and Haiti share a region, not a road).
    public var sameSubregion: Bool

    public init(
        id: Int64, siteCode: String, siteCountry: String, tier: SourceTier, itemCode: String, family: String, quantity: Quantity,
        coveragePeople: Double, coverageDays: Double, unit: String, weightKg: Double, volumeM3: Double, lat: Double, lon: Double,
        expiry: Day?, disclosed: Bool = true, siteId: Int64 = 0, owner: String = "", sameSubregion: Bool = true
    ) {
        self.sameSubregion = sameSubregion
        (self.unit, self.weightKg, self.volumeM3, self.lat, self.lon) = (unit, weightKg, volumeM3, lat, lon)
        (self.siteId, self.owner) = (siteId, owner)
        (self.id, self.siteCode, self.siteCountry, self.tier, self.itemCode, self.family) = (
            id, siteCode, siteCountry, tier, itemCode, family
        )
        (self.quantity, self.coveragePeople, self.coverageDays, self.expiry) = (quantity, coveragePeople, coverageDays, expiry)
        self.disclosed = disclosed
    }
}

public struct GapResult: Sendable, Equatable, Codable {
    /// Stock taken from one source, or (site, item and quantity nil) the viewer's share of stock
    /// it may count but not see: all such uses of a tier arriving at the same time, merged.
    public struct Use: Sendable, Equatable, Codable {
        /// What lists print in place of the site of stock the viewer may count but not see.
        public static let undisclosedLabel = "stock shared as totals only"
        public var sourceId: Int64?
        public var siteId: Int64?
        public var site: String?
        public var siteCountry: String?
        /// The organisation that owns the stock taken.
        public var owner: String?
        public var item: String?
        public var tier: SourceTier
        public var quantity: Quantity?
        /// People covered for the whole duration by this quantity.
        public var people: Double
        /// Weight and volume of the quantity taken (nil where the quantity is not shown).
        public var tonnes: Double?
        public var m3: Double?
        /// When the first departure arrives.
        public var arrivalDays: Double
        /// Days of departures the shipment needs at the mode's planning capacity (1 when it
        /// leaves at once); one lot a day arrives from `arrivalDays` on, the last on `lastArrivalDays`.
        public var departureDays: Int
        public var lastArrivalDays: Double
        public var handlingDays: Double
        public var transportDays: Double
        public var customsDays: Double
        public var mode: String
        public var entryPoint: String?
        public var legs: [Leg]
    }

    public struct NeedResult: Sendable, Equatable, Codable {
        public var family: String
        /// People who need it for the whole duration.
        public var required: Double
        /// People covered by what arrives on or before each horizon day ("3": …).
        public var byDay: [String: Double]
        /// People all the eligible stock of each tier could cover (before allocation picks from it).
        public var availableByTier: [SourceTier: Double]
        /// People not covered by the end of the scenario.
        public var shortfall: Double
        public var sources: [Use]
        public var note: String
        /// The catalogue item the need is counted in as a load, and the need and its shortfall in
        /// tonnes, m³, flights of the figures' freighter and trucks (nil without such an item).
        public var loadItem: String?
        public var tonnes: Double?
        public var m3: Double?
        public var flights: Int?
        public var trucks: Int?
        public var shortfallTonnes: Double?
        public var shortfallM3: Double?
        public var shortfallFlights: Int?
        public var shortfallTrucks: Int?
    }

    /// A quantity of goods as a logistician moves it.
    public struct Load: Sendable, Equatable, Codable {
        public var item: String
        public var units: Double
        public var tonnes: Double
        public var m3: Double
        public var flights: Int
        public var trucks: Int

        /// `people` covered for `days` by the reference item, in its units, tonnes, m³, freighters and trucks.
        public static func of(people: Double, item: Item, days: Int, routes: RouteFigures) -> Load? {
            guard let perUnit = item.peopleCovered(by: Quantity(units: 1), days: days)?.people, perUnit > 0 else { return nil }
            let units = people > 0 ? (people / perUnit).rounded(.up) : 0
            let tonnes = units * item.weightKg / 1_000, m3 = units * item.volumeM3
            return Load(
                item: item.code, units: units, tonnes: tonnes, m3: m3, flights: routes.freighter.count(tonnes: tonnes, m3: m3),
                trucks: routes.truck.count(tonnes: tonnes, m3: m3))
        }
    }

    public var scenario: Scenario
    public var needs: [NeedResult]
    public var figures: PlanningFigures
}

public enum GapAnalysis {
    /// Greedy, deterministic allocation: for each need in the figures' order, the candidates of its
    /// family by earliest arrival (ties: tier, site code, item code, id), each taken until the need
    /// is covered. A candidate's quantity is shared across needs, so nothing is counted twice.
    /// `arrival` gives each candidate's estimate; stock expired on its arrival day is skipped. A
    /// shipment larger than its mode carries from one source in a day leaves over several days
    /// (`Carrier.departureDays`; one ship takes a sea shipment whole), and each day's lot counts
    /// from its own arrival. `items` holds the needs' reference items, for their loads.
    public static func run(
        _ scenario: Scenario, candidates: [CandidateSource], figures: PlanningFigures, today: Day, items: [String: Item] = [:],
        arrival: (CandidateSource) -> ArrivalEstimate
    ) -> GapResult {
        var remaining: [Int64: Quantity] = Dictionary(candidates.map { ($0.id, $0.quantity) }, uniquingKeysWith: { a, _ in a })
        func peoplePerUnit(_ candidate: CandidateSource) -> Double {
            PeopleCovered.of(
                quantity: 1, coveragePeople: candidate.coveragePeople, coverageDays: candidate.coverageDays, unit: candidate.unit,
                days: scenario.days)?.people ?? 0
        }
        // A route is planned for what a source would ship: its stock, or no more than its need requires.
        let required = Dictionary(figures.needs.map { ($0.family, Double(scenario.people) * $0.share) }, uniquingKeysWith: { a, _ in a })
        func shipment(_ candidate: CandidateSource) -> CandidateSource {
            let perUnit = peoplePerUnit(candidate)
            guard let people = required[candidate.family], perUnit > 0 else { return candidate }
            var shipped = candidate
            shipped.quantity = min(candidate.quantity, Quantity(units: Int64(min((people / perUnit).rounded(.up), 9e12))))
            return shipped
        }
        let estimates = Dictionary(candidates.map { ($0.id, arrival(shipment($0))) }, uniquingKeysWith: { a, _ in a })
        let byFamily = Dictionary(grouping: candidates, by: \.family)
        var results: [GapResult.NeedResult] = []
        for need in figures.needs {
            let required = Double(scenario.people) * need.share
            let ordered = (byFamily[need.family] ?? []).filter { candidate in
                guard let expiry = candidate.expiry else { return true }
                return today.adding(days: Int(estimates[candidate.id]!.arrivalDays.rounded(.up))) <= expiry
            }.sorted { a, b in
                let x = estimates[a.id]!.arrivalDays, y = estimates[b.id]!.arrivalDays
                if x != y { return x < y }
                return (a.tier.rank, a.siteCode, a.itemCode, a.id) < (b.tier.rank, b.siteCode, b.itemCode, b.id)
            }
            var available: [SourceTier: Double] = [:]
            for candidate in ordered where candidate.coveragePeople > 0 && candidate.coverageDays > 0 {
                available[candidate.tier, default: 0] += (remaining[candidate.id] ?? .zero).doubleValue * peoplePerUnit(candidate)
            }
            var covered = 0.0
            var uses: [GapResult.Use] = []
            for candidate in ordered where covered < required {
                let left = remaining[candidate.id] ?? .zero
                guard left > .zero, candidate.coveragePeople > 0, candidate.coverageDays > 0 else { continue }
                let perUnit = peoplePerUnit(candidate)
                let wantedUnits = ((required - covered) / perUnit).rounded(.up)
                let take = min(left, Quantity(units: Int64(min(wantedUnits, 9e12))))
                let people = min(required - covered, take.doubleValue * perUnit)
                remaining[candidate.id] = left - take
                covered += people
                let estimate = estimates[candidate.id]!
                let tonnes = take.doubleValue * candidate.weightKg / 1_000, m3 = take.doubleValue * candidate.volumeM3
                let carrier: Carrier? =
                    switch estimate.mode {
                    case "air": figures.routes.freighter
                    case "road": figures.routes.truck
                    default: nil
                    }
                let departures = carrier?.departureDays(tonnes: tonnes, m3: m3) ?? 1
                uses.append(
                    GapResult.Use(
                        sourceId: candidate.id, siteId: candidate.siteId, site: candidate.siteCode, siteCountry: candidate.siteCountry,
                        owner: candidate.owner, item: candidate.itemCode,
                        tier: candidate.tier, quantity: take, people: people, tonnes: tonnes, m3: m3, arrivalDays: estimate.arrivalDays,
                        departureDays: departures, lastArrivalDays: estimate.arrivalDays + Double(departures - 1),
                        handlingDays: estimate.handlingDays, transportDays: estimate.transportDays, customsDays: estimate.customsDays,
                        mode: estimate.mode, entryPoint: estimate.entryPoint, legs: estimate.legs))
            }
            var byDay: [String: Double] = [:]
            for horizon in figures.horizons {
                byDay[String(horizon)] = uses.reduce(0) { $0 + $1.people * Self.arrivedShare($1, by: Double(horizon)) }
            }
            let undisclosed = Set(candidates.lazy.filter { !$0.disclosed }.map(\.id))
            let shortfall = max(0, required - covered)
            // Figures saved before needs named their item count in the standard one.
            let reference = (need.item ?? PlanningFigures.standard.needs.first { $0.family == need.family }?.item).flatMap { items[$0] }
            let load = reference.flatMap { GapResult.Load.of(people: required, item: $0, days: scenario.days, routes: figures.routes) }
            let short = reference.flatMap { GapResult.Load.of(people: shortfall, item: $0, days: scenario.days, routes: figures.routes) }
            results.append(
                GapResult.NeedResult(
                    family: need.family, required: required, byDay: byDay, availableByTier: available,
                    shortfall: shortfall, sources: Self.masking(uses, undisclosed: undisclosed), note: need.note,
                    loadItem: load?.item, tonnes: load?.tonnes, m3: load?.m3, flights: load?.flights, trucks: load?.trucks,
                    shortfallTonnes: short?.tonnes, shortfallM3: short?.m3, shortfallFlights: short?.flights, shortfallTrucks: short?.trucks
                ))
        }
        return GapResult(scenario: scenario, needs: results, figures: figures)
    }

    /// The share of a use arrived by `day`: one lot a day over its departure days, each from its
    /// own arrival.
    static func arrivedShare(_ use: GapResult.Use, by day: Double) -> Double {
        guard day >= use.arrivalDays else { return 0 }
        let lots = min(Double(use.departureDays), (day - use.arrivalDays).rounded(.down) + 1)
        return lots / Double(use.departureDays)
    }

    /// The uses as the viewer may see them: those of undisclosed sources lose their site, item,
    /// quantity, load and the start and length of any leg from the site (which would locate it),
    /// and merge when they share tier, mode, entry point and arrival.
    static func masking(_ uses: [GapResult.Use], undisclosed: Set<Int64>) -> [GapResult.Use] {
        var shown: [GapResult.Use] = []
        for use in uses {
            guard let id = use.sourceId, undisclosed.contains(id) else {
                shown.append(use)
                continue
            }
            if let index = shown.firstIndex(where: {
                $0.sourceId == nil && $0.tier == use.tier && $0.mode == use.mode && $0.entryPoint == use.entryPoint
                    && $0.arrivalDays == use.arrivalDays
            }) {
                shown[index].people += use.people
                shown[index].departureDays = max(shown[index].departureDays, use.departureDays)
                shown[index].lastArrivalDays = max(shown[index].lastArrivalDays, use.lastArrivalDays)
            } else {
                var masked = use
                (masked.sourceId, masked.site, masked.siteCountry, masked.item, masked.quantity) = (nil, nil, nil, nil, nil)
                (masked.siteId, masked.owner, masked.tonnes, masked.m3) = (nil, nil, nil, nil)
                masked.legs = use.legs.map { leg in
                    leg.from == use.site ? Leg(mode: leg.mode, from: nil, to: leg.to, km: nil, days: leg.days) : leg
                }
                shown.append(masked)
            }
        }
        return shown
    }
}
