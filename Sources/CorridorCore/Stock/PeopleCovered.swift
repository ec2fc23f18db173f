import Foundation

/// How many people a quantity of one item covers over a horizon: the one rule that stock lists,
/// site pages, the country lists, GeoJSON, exports and the gap analysis all use.
///
/// A consumable (food, water treatment, soap, medicines) is used up: it gives person-days, and
/// the people it covers for the horizon are person-days ÷ days. A durable item (a tent, a
/// jerrycan, a kitchen set) serves its people throughout its planned life; if the horizon is
/// longer than that life, it covers them for the share of the horizon it lasts.
/// People are only ever added within one item family, whose items are interchangeable.
public struct PeopleCovered: Sendable, Equatable, Codable {
    /// Person-days of a consumable; nil for durable items, which are not used up day by day.
    public var personDays: Double?
    public var people: Double
    /// The horizon, in days, the people are covered for.
    public var days: Int

    public init(personDays: Double?, people: Double, days: Int) {
        (self.personDays, self.people, self.days) = (personDays, people, days)
    }

    /// The horizon when the viewer chooses none.
    public static let defaultDays = 30
    public static let dayRange = 1...365

    public enum Use: String, Sendable, Codable {
        case consumed, durable
    }

    /// Units that measure an amount (not count pieces): such stock is always used up.
    static let measureUnits: Set<String> = ["kg", "g", "tonne", "t", "litre", "l", "m3", "m"]
    /// A counted item planned to serve its people for at least this many days is durable.
    public static let durableFromDays = 180.0

    /// Whether an item is used up or serves its people throughout: durable when it is counted in
    /// pieces (not by weight or volume) and one unit is planned to last six months or more
    /// (tents, tarpaulins, blankets, jerrycans, kitchen sets, latrine slabs, nets); consumed
    /// otherwise (food, salt, chlorine, tablets, soap, kits replenished monthly or quarterly).
    public static func use(unit: String, coverageDays: Double) -> Use {
        if measureUnits.contains(unit.lowercased()) { return .consumed }
        return coverageDays >= durableFromDays ? .durable : .consumed
    }

    /// What `quantity` units cover over `days`, or nil when the item has no per-person coverage
    /// (a generator, a forklift). `coveragePeople` people × `coverageDays` days per unit.
    public static func of(quantity: Double, coveragePeople: Double?, coverageDays: Double?, unit: String, days: Int) -> PeopleCovered? {
        guard let coveragePeople, let coverageDays, coveragePeople > 0, coverageDays > 0, days > 0 else { return nil }
        let horizon = Double(days)
        switch use(unit: unit, coverageDays: coverageDays) {
        case .consumed:
            let personDays = quantity * coveragePeople * coverageDays
            return PeopleCovered(personDays: personDays, people: personDays / horizon, days: days)
        case .durable:
            return PeopleCovered(personDays: nil, people: quantity * coveragePeople * min(coverageDays, horizon) / horizon, days: days)
        }
    }

    /// The coverage of several lines of one family (their items are interchangeable): people
    /// add up; person-days only while every line is a consumable.
    public static func sum(_ parts: [PeopleCovered], days: Int) -> PeopleCovered {
        let people = parts.reduce(0) { $0 + $1.people }
        let allConsumed = !parts.isEmpty && parts.allSatisfy { $0.personDays != nil }
        return PeopleCovered(
            personDays: allConsumed ? parts.reduce(0) { $0 + ($1.personDays ?? 0) } : nil, people: people, days: days)
    }

    /// A horizon the viewer asked for, checked.
    public static func horizon(_ days: Int?) throws(DomainError) -> Int {
        guard let days else { return defaultDays }
        guard dayRange.contains(days) else { throw .invalid(field: "days", "from 1 to 365 days") }
        return days
    }
}

/// The people of one item family that a stock covers: what lists show instead of a sum across
/// families, which would add people fed to people sheltered.
public struct FamilyCoverage: Sendable, Equatable, Codable {
    public var family: String
    public var familyLabel: String
    public var personDays: Double?
    public var peopleCovered: Double
    public var days: Int

    public init(family: String, familyLabel: String, coverage: PeopleCovered) {
        (self.family, self.familyLabel) = (family, familyLabel)
        (self.personDays, self.peopleCovered, self.days) = (coverage.personDays, coverage.people, coverage.days)
    }
}

extension FamilyCoverage {
    /// One coverage per family (sorted by family), each the sum of its own parts only.
    public static func byFamily(_ parts: [(family: String, label: String, coverage: PeopleCovered)], days: Int) -> [FamilyCoverage] {
        Dictionary(grouping: parts, by: \.family).map { family, parts in
            FamilyCoverage(family: family, familyLabel: parts[0].label, coverage: PeopleCovered.sum(parts.map(\.coverage), days: days))
        }.sorted { $0.family < $1.family }
    }
}
