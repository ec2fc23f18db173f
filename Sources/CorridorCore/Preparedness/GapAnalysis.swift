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
    public var distanceKm: Double
    public var expiry: Day?
    /// Whether the viewer may see this stock's site and lines; stock shared only as totals still
    /// counts, but its uses are shown without site, item or quantity.
    public var disclosed: Bool
    /// The site's id, and the organisation that owns this stock (who alone may dispatch it).
    public var siteId: Int64
    public var owner: String

    public init(
        id: Int64, siteCode: String, siteCountry: String, tier: SourceTier, itemCode: String, family: String, quantity: Quantity,
        coveragePeople: Double, coverageDays: Double, unit: String, distanceKm: Double, expiry: Day?, disclosed: Bool = true,
        siteId: Int64 = 0, owner: String = ""
    ) {
        self.unit = unit
        (self.siteId, self.owner) = (siteId, owner)
        (self.id, self.siteCode, self.siteCountry, self.tier, self.itemCode, self.family) = (
            id, siteCode, siteCountry, tier, itemCode, family
        )
        (self.quantity, self.coveragePeople, self.coverageDays, self.distanceKm, self.expiry) = (
            quantity, coveragePeople, coverageDays, distanceKm, expiry
        )
        self.disclosed = disclosed
    }
}

/// How long a source takes to reach the affected area, in parts.
public struct ArrivalEstimate: Sendable, Equatable, Codable {
    public var handlingDays: Double
    public var transportDays: Double
    public var customsDays: Double
    public var mode: String
    /// Where the goods clear customs (nil for goods already in the country).
    public var entryPoint: String?
    public var arrivalDays: Double { handlingDays + transportDays + customsDays }

    /// Customs at the entry point a mode of transport would use.
    public struct Clearance: Sendable, Equatable {
        public var entryPoint: String?
        public var hours: Double
        public init(entryPoint: String?, hours: Double) { (self.entryPoint, self.hours) = (entryPoint, hours) }
    }

    /// Handling by tier; road inside the region below the road limit, air otherwise; customs at
    /// that mode's entry point, except for goods already in the country.
    public static func of(
        tier: SourceTier, distanceKm: Double, road roadClearance: Clearance, air airClearance: Clearance,
        figures: PlanningFigures
    ) -> ArrivalEstimate {
        let road = tier != .global && distanceKm <= figures.roadLimitKm
        let transport = distanceKm / (road ? figures.roadKmPerDay : figures.airKmPerDay)
        let clearance = road ? roadClearance : airClearance
        return ArrivalEstimate(
            handlingDays: figures.handlingDays[tier] ?? 0, transportDays: transport,
            customsDays: tier == .inCountry ? 0 : clearance.hours / 24, mode: road ? "road" : "air",
            entryPoint: tier == .inCountry ? nil : clearance.entryPoint)
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
        public var arrivalDays: Double
        public var handlingDays: Double
        public var transportDays: Double
        public var customsDays: Double
        public var mode: String
        public var entryPoint: String?
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
    }

    public var scenario: Scenario
    public var needs: [NeedResult]
    public var figures: PlanningFigures
}

public enum GapAnalysis {
    /// Greedy, deterministic allocation: for each need in the figures' order, the candidates of its
    /// family by earliest arrival (ties: tier, site code, item code, id), each taken until the need
    /// is covered. A candidate's quantity is shared across needs, so nothing is counted twice.
    /// `arrival` gives each candidate's estimate; stock expired on its arrival day is skipped.
    public static func run(
        _ scenario: Scenario, candidates: [CandidateSource], figures: PlanningFigures, today: Day,
        arrival: (CandidateSource) -> ArrivalEstimate
    ) -> GapResult {
        var remaining: [Int64: Quantity] = Dictionary(candidates.map { ($0.id, $0.quantity) }, uniquingKeysWith: { a, _ in a })
        let estimates = Dictionary(candidates.map { ($0.id, arrival($0)) }, uniquingKeysWith: { a, _ in a })
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
            func peoplePerUnit(_ candidate: CandidateSource) -> Double {
                PeopleCovered.of(
                    quantity: 1, coveragePeople: candidate.coveragePeople, coverageDays: candidate.coverageDays, unit: candidate.unit,
                    days: scenario.days)?.people ?? 0
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
                uses.append(
                    GapResult.Use(
                        sourceId: candidate.id, siteId: candidate.siteId, site: candidate.siteCode, siteCountry: candidate.siteCountry,
                        owner: candidate.owner, item: candidate.itemCode,
                        tier: candidate.tier, quantity: take, people: people, arrivalDays: estimate.arrivalDays,
                        handlingDays: estimate.handlingDays, transportDays: estimate.transportDays, customsDays: estimate.customsDays,
                        mode: estimate.mode, entryPoint: estimate.entryPoint))
            }
            var byDay: [String: Double] = [:]
            for horizon in figures.horizons {
                byDay[String(horizon)] = uses.filter { $0.arrivalDays <= Double(horizon) }.reduce(0) { $0 + $1.people }
            }
            let undisclosed = Set(candidates.lazy.filter { !$0.disclosed }.map(\.id))
            results.append(
                GapResult.NeedResult(
                    family: need.family, required: required, byDay: byDay, availableByTier: available,
                    shortfall: max(0, required - covered), sources: Self.masking(uses, undisclosed: undisclosed),
                    note: need.note))
        }
        return GapResult(scenario: scenario, needs: results, figures: figures)
    }

    /// The uses as the viewer may see them: those of undisclosed sources lose their site, item and
    /// quantity, and merge when they share tier, mode, entry point and arrival.
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
            } else {
                var masked = use
                (masked.sourceId, masked.site, masked.siteCountry, masked.item, masked.quantity) = (nil, nil, nil, nil, nil)
                (masked.siteId, masked.owner) = (nil, nil)
                shown.append(masked)
            }
        }
        return shown
    }
}
