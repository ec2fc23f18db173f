import Foundation

/// The assumptions of a gap analysis, shown with every result and editable by administrators:
/// which needs are planned for and for what share of the affected people, the route figures of
/// each mode, and how long handling and customs take when nothing is measured.
public struct PlanningFigures: Sendable, Equatable, Codable {
    public struct Need: Sendable, Equatable, Codable {
        /// The catalogue item family that meets the need (items of it are interchangeable).
        public var family: String
        /// Share of the affected people who need it (1 = everyone).
        public var share: Double
        public var note: String
        /// The catalogue item the need is counted in as a load (tonnes, m³, flights, trucks).
        public var item: String?

        public init(family: String, share: Double, note: String, item: String? = nil) {
            (self.family, self.share, self.note, self.item) = (family, share, note, item)
        }
    }

    public var needs: [Need]
    /// Days to pick, pack and load at a site before goods leave, per tier.
    public var handlingDays: [SourceTier: Double]
    /// Road speed where the route figures name none for the country.
    public var roadKmPerDay: Double
    /// Within one region, sources closer than this to an entry point may go by road.
    public var roadLimitKm: Double
    /// Customs release when the entry point has no measured times and the country no profile figure.
    public var defaultCustomsHours: Double
    /// Minimum released consignments at an entry point before its measured median is trusted.
    public var minimumMeasured: Int
    /// Multiplier on customs time while an emergency with pre-arrival lodgement is active.
    public var emergencyCustomsFactor: Double
    public var horizons: [Int]
    /// Legs by air, sea and road, and the vehicles loads are counted in.
    public var routes: RouteFigures

    public init(
        needs: [Need], handlingDays: [SourceTier: Double], roadKmPerDay: Double, roadLimitKm: Double,
        defaultCustomsHours: Double, minimumMeasured: Int, emergencyCustomsFactor: Double, horizons: [Int],
        routes: RouteFigures = .standard
    ) {
        (self.needs, self.handlingDays, self.roadKmPerDay, self.roadLimitKm) = (needs, handlingDays, roadKmPerDay, roadLimitKm)
        (self.defaultCustomsHours, self.minimumMeasured, self.emergencyCustomsFactor, self.horizons) = (
            defaultCustomsHours, minimumMeasured, emergencyCustomsFactor, horizons
        )
        self.routes = routes
    }

    enum CodingKeys: String, CodingKey {
        case needs, handlingDays, roadKmPerDay, roadLimitKm, defaultCustomsHours, minimumMeasured, emergencyCustomsFactor, horizons
        case routes
    }

    /// Figures saved before routes were planned by legs read with the standard route figures.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            needs: try c.decode([Need].self, forKey: .needs), handlingDays: try c.decode([SourceTier: Double].self, forKey: .handlingDays),
            roadKmPerDay: try c.decode(Double.self, forKey: .roadKmPerDay), roadLimitKm: try c.decode(Double.self, forKey: .roadLimitKm),
            defaultCustomsHours: try c.decode(Double.self, forKey: .defaultCustomsHours),
            minimumMeasured: try c.decode(Int.self, forKey: .minimumMeasured),
            emergencyCustomsFactor: try c.decode(Double.self, forKey: .emergencyCustomsFactor),
            horizons: try c.decode([Int].self, forKey: .horizons),
            routes: try c.decodeIfPresent(RouteFigures.self, forKey: .routes) ?? .standard)
    }

    /// Defaults: Sphere (2018) needs for every affected person, each counted as a load in one
    /// catalogue item; tents for the fifth most vulnerable households, tarpaulins (2 per household
    /// of 5) for all; a day's handling in country, two regionally, three at a global hub; trucks at
    /// 400 km a day (planning assumption) and the standard route figures; three days of customs
    /// when nothing is known.
    public static let standard = PlanningFigures(
        needs: [
            Need(family: "food_ration", share: 1, note: "2,100 kcal per person per day (Sphere)", item: "FOO-RICE"),
            Need(family: "water_treatment", share: 1, note: "15 L per person per day treated (Sphere)", item: "WSH-TABS-NADCC"),
            Need(family: "water_storage", share: 1, note: "two 10–20 L containers per household of 5 (Sphere)", item: "WSH-JCAN-R20"),
            Need(family: "shelter_emergency", share: 1, note: "two 4 × 6 m tarpaulins per household of 5", item: "SHE-TARP-4X6"),
            Need(
                family: "shelter_household", share: 0.2, note: "family tents for the most vulnerable fifth (planning assumption)",
                item: "SHE-TENT-FAM"),
            Need(family: "bedding_blanket", share: 1, note: "one blanket per person", item: "NFI-BLKT-HT"),
            Need(family: "cooking_kitchen", share: 1, note: "one kitchen set per household of 5", item: "NFI-KIT-KITCHEN"),
            Need(family: "hygiene_kit", share: 1, note: "one family hygiene kit per household of 5 per month", item: "WSH-KIT-HYGIENE"),
            Need(family: "sanitation_latrine", share: 1, note: "one latrine per 50 people at first (Sphere)", item: "WSH-LAT-SLAB"),
            Need(family: "health_phc_basic", share: 1, note: "IEHK basic unit per 1,000 people for 3 months", item: "HEA-IEHK-BASIC"),
        ],
        handlingDays: [.inCountry: 1, .regional: 2, .global: 3], roadKmPerDay: 400, roadLimitKm: 1_500,
        defaultCustomsHours: 72, minimumMeasured: 5, emergencyCustomsFactor: 0.5, horizons: [3, 7, 14, 30])

    public func validated() throws(DomainError) -> PlanningFigures {
        var problems = ProblemList()
        for (index, need) in needs.enumerated() where !(0...1).contains(need.share) || need.family.isEmpty {
            problems.add(Problem(field: "needs[\(index)]", problem: "a family and a share from 0 to 1"))
        }
        if Set(needs.map(\.family)).count != needs.count { problems.add(field: "needs", "each family once") }
        // Bounds a planner would never leave, so that a slip of the keyboard cannot become a plan.
        for tier in SourceTier.allCases where !(0...365).contains(handlingDays[tier] ?? -1) {
            problems.add(field: "handling_days.\(tier.rawValue)", "from 0 to 365 days")
        }
        if !(roadKmPerDay > 0 && roadKmPerDay <= 2_000) { problems.add(field: "road_km_per_day", "more than 0 and at most 2,000 km a day") }
        if !(0...40_000).contains(roadLimitKm) { problems.add(field: "road_limit_km", "from 0 to 40,000 km") }
        if !(0...8_760).contains(defaultCustomsHours) { problems.add(field: "default_customs_hours", "from 0 to 8,760 hours (a year)") }
        if !(0...1).contains(emergencyCustomsFactor) { problems.add(field: "emergency_customs_factor", "must be from 0 to 1") }
        if !(1...1_000).contains(minimumMeasured) { problems.add(field: "minimum_measured", "from 1 to 1,000 releases") }
        if horizons.isEmpty || horizons.contains(where: { !(1...365).contains($0) }) || horizons != horizons.sorted() {
            problems.add(field: "horizons", "whole days from 1 to 365, ascending, separated by commas")
        }
        routes.check(into: &problems)
        try problems.check()
        return self
    }
}

/// Where a source sits relative to the affected country.
public enum SourceTier: String, Sendable, Codable, CaseIterable, Comparable {
    case inCountry = "in_country"
    case regional
    case global

    var rank: Int { self == .inCountry ? 0 : self == .regional ? 1 : 2 }
    public static func < (a: SourceTier, b: SourceTier) -> Bool { a.rank < b.rank }

    /// In country; elsewhere in its UN region (sub-region included); or anywhere else.
    public static func of(siteCountry: String, siteRegion: String, country: String, region: String) -> SourceTier {
        if siteCountry == country { return .inCountry }
        return siteRegion == region ? .regional : .global
    }
}

/// Tiers key JSON objects by name ("in_country": 1), not as alternating arrays.
extension SourceTier: CodingKeyRepresentable {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public var codingKey: any CodingKey { Key(stringValue: rawValue) }
    /// Also "inCountry": a decoder that converts snake_case keys turns "in_country" into it.
    public init?<T: CodingKey>(codingKey: T) {
        let key = codingKey.stringValue
        guard
            let tier = Self.allCases.first(where: {
                $0.rawValue == key || $0.rawValue.replacingOccurrences(of: "_", with: "") == key.lowercased()
            })
        else { return nil }
        self = tier
    }
}
