import Foundation

/// The assumptions of a gap analysis, shown with every result and editable by administrators:
/// which needs are planned for and for what share of the affected people, how fast goods move,
/// and how long handling and customs take when nothing is measured.
public struct PlanningFigures: Sendable, Equatable, Codable {
    public struct Need: Sendable, Equatable, Codable {
        /// The catalogue item family that meets the need (items of it are interchangeable).
        public var family: String
        /// Share of the affected people who need it (1 = everyone).
        public var share: Double
        public var note: String

        public init(family: String, share: Double, note: String) {
            (self.family, self.share, self.note) = (family, share, note)
        }
    }

    public var needs: [Need]
    /// Days to pick, pack and load at a site before goods leave, per tier.
    public var handlingDays: [SourceTier: Double]
    public var roadKmPerDay: Double
    public var airKmPerDay: Double
    /// Within one region, sources closer than this go by road; others fly.
    public var roadLimitKm: Double
    /// Customs release when the entry point has no measured times and the country no profile figure.
    public var defaultCustomsHours: Double
    /// Minimum released consignments at an entry point before its measured median is trusted.
    public var minimumMeasured: Int
    /// Multiplier on customs time while an emergency with pre-arrival lodgement is active.
    public var emergencyCustomsFactor: Double
    public var horizons: [Int]

    public init(
        needs: [Need], handlingDays: [SourceTier: Double], roadKmPerDay: Double, airKmPerDay: Double, roadLimitKm: Double,
        defaultCustomsHours: Double, minimumMeasured: Int, emergencyCustomsFactor: Double, horizons: [Int]
    ) {
        (self.needs, self.handlingDays, self.roadKmPerDay, self.airKmPerDay, self.roadLimitKm) = (
            needs, handlingDays, roadKmPerDay, airKmPerDay, roadLimitKm
        )
        (self.defaultCustomsHours, self.minimumMeasured, self.emergencyCustomsFactor, self.horizons) = (
            defaultCustomsHours, minimumMeasured, emergencyCustomsFactor, horizons
        )
    }

    /// Defaults: Sphere (2018) needs for every affected person; tents for the fifth most
    /// vulnerable households, tarpaulins (2 per household of 5) for all; a day's handling in
    /// country, two regionally, three at a global hub; trucks at 400 km a day, air freight
    /// (including airport time) at 4,000 km a day; three days of customs when nothing is known.
    public static let standard = PlanningFigures(
        needs: [
            Need(family: "food_ration", share: 1, note: "2,100 kcal per person per day (Sphere)"),
            Need(family: "water_treatment", share: 1, note: "15 L per person per day treated (Sphere)"),
            Need(family: "water_storage", share: 1, note: "two 10–20 L containers per household of 5 (Sphere)"),
            Need(family: "shelter_emergency", share: 1, note: "two 4 × 6 m tarpaulins per household of 5"),
            Need(family: "shelter_household", share: 0.2, note: "family tents for the most vulnerable fifth (planning assumption)"),
            Need(family: "bedding_blanket", share: 1, note: "one blanket per person"),
            Need(family: "cooking_kitchen", share: 1, note: "one kitchen set per household of 5"),
            Need(family: "hygiene_kit", share: 1, note: "one family hygiene kit per household of 5 per month"),
            Need(family: "sanitation_latrine", share: 1, note: "one latrine per 50 people at first (Sphere)"),
            Need(family: "health_phc_basic", share: 1, note: "IEHK basic unit per 1,000 people for 3 months"),
        ],
        handlingDays: [.inCountry: 1, .regional: 2, .global: 3], roadKmPerDay: 400, airKmPerDay: 4_000, roadLimitKm: 1_500,
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
        if !(airKmPerDay > 0 && airKmPerDay <= 30_000) { problems.add(field: "air_km_per_day", "more than 0 and at most 30,000 km a day") }
        if !(0...40_000).contains(roadLimitKm) { problems.add(field: "road_limit_km", "from 0 to 40,000 km") }
        if !(0...8_760).contains(defaultCustomsHours) { problems.add(field: "default_customs_hours", "from 0 to 8,760 hours (a year)") }
        if !(0...1).contains(emergencyCustomsFactor) { problems.add(field: "emergency_customs_factor", "must be from 0 to 1") }
        if !(1...1_000).contains(minimumMeasured) { problems.add(field: "minimum_measured", "from 1 to 1,000 releases") }
        if horizons.isEmpty || horizons.contains(where: { !(1...365).contains($0) }) || horizons != horizons.sorted() {
            problems.add(field: "horizons", "whole days from 1 to 365, ascending, separated by commas")
        }
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
    public init?<T: CodingKey>(codingKey: T) { self.init(rawValue: codingKey.stringValue) }
}
