import Foundation

/// The humanitarian sectors (clusters) items belong to.
public enum Sector: String, Sendable, Codable, CaseIterable {
    case shelter, wash, health, food, nutrition, logistics, telecoms, education, protection, nfi
}

/// A catalogue item: what a stock line counts, and how many people one unit serves for how long.
public struct Item: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    public var sector: Sector
    public var group: String
    public var family: String
    public var familyLabel: String
    public var unit: String
    public var weightKg: Double
    public var volumeM3: Double
    public var hsCode: String
    public var kit: Bool
    public var coveragePeople: Double?
    public var coverageDays: Double?
    /// Indicative value of one unit in US dollars, exact to a tenth of a cent, set by
    /// administrators: the yardstick of the value-per-kg risk indicator, not a price.
    public var valueUSD: Quantity?
    /// Other HS subheadings tariffs and suppliers commonly use for the item; a needs list naming
    /// any of them asks for it.
    public var alternativeHSCodes: [String]
    /// The UN number under which the item as shipped is dangerous goods, e.g. "UN2880".
    public var unNumber: String?
    /// Holds narcotic or psychotropic medicines, which need the health authority's import permit.
    public var controlledMedicine: Bool
    /// Where the alternative codes, UN number and controlled-medicines flag come from.
    public var customsSource: String?

    public init(
        code: String, name: String, sector: Sector, group: String, family: String, familyLabel: String,
        unit: String, weightKg: Double, volumeM3: Double, hsCode: String, kit: Bool,
        coveragePeople: Double?, coverageDays: Double?, valueUSD: Quantity? = nil, alternativeHSCodes: [String] = [],
        unNumber: String? = nil, controlledMedicine: Bool = false, customsSource: String? = nil
    ) {
        self.alternativeHSCodes = alternativeHSCodes
        self.unNumber = unNumber
        self.controlledMedicine = controlledMedicine
        self.customsSource = customsSource
        self.code = code
        self.name = name
        self.sector = sector
        self.group = group
        self.family = family
        self.familyLabel = familyLabel
        self.unit = unit
        self.weightKg = weightKg
        self.volumeM3 = volumeM3
        self.hsCode = hsCode
        self.kit = kit
        self.coveragePeople = coveragePeople
        self.coverageDays = coverageDays
        self.valueUSD = valueUSD
    }

    /// People a quantity of this item covers over `days` (`PeopleCovered`), or nil when the item
    /// has no direct per-person coverage (a generator, a forklift).
    public func peopleCovered(by quantity: Quantity, days: Int = PeopleCovered.defaultDays) -> PeopleCovered? {
        PeopleCovered.of(quantity: quantity.doubleValue, coveragePeople: coveragePeople, coverageDays: coverageDays, unit: unit, days: days)
    }
}

/// Finds the catalogue names closest to what someone typed, for "did you mean" messages.
public enum NameSuggestions {
    public static func closest(to typed: String, among names: [String], limit: Int = 3) -> [String] {
        let wanted = typed.lowercased()
        // Words of three letters or more, singular: "tents" should find "Family tent".
        let words = wanted.split(whereSeparator: { !$0.isLetter }).map { word -> String in
            word.count > 3 && word.hasSuffix("s") ? String(word.dropLast()) : String(word)
        }.filter { $0.count >= 3 }
        let scored = names.compactMap { name -> (name: String, score: Int)? in
            let candidate = name.lowercased()
            if candidate.contains(wanted) { return (name, 0) }
            let shared = words.filter { candidate.contains($0) }.count
            if shared > 0 { return (name, 10 - min(shared, 9)) }
            let distance = editDistance(Array(wanted), Array(candidate.prefix(wanted.count + 2)))
            return distance <= max(2, wanted.count / 3) ? (name, 20 + distance) : nil
        }
        return scored.sorted { ($0.score, $0.name.count, $0.name) < ($1.score, $1.name.count, $1.name) }
            .prefix(limit).map(\.name)
    }

    /// Catalogue codes within a few slips of a mistyped code ("SHE-TARP-4X7" → "SHE-TARP-4X6"): a
    /// report that names items by code alone gives no name to match words against.
    public static func closestCodes(to typed: String, among codes: [String], limit: Int = 3) -> [String] {
        let wanted = Array(typed.uppercased())
        let allowed = max(2, wanted.count / 4)
        return codes.compactMap { code -> (code: String, distance: Int)? in
            let distance = editDistance(wanted, Array(code.uppercased()))
            return distance <= allowed ? (code, distance) : nil
        }
        .sorted { ($0.distance, $0.code) < ($1.distance, $1.code) }
        .prefix(limit).map(\.code)
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}

extension Item {
    /// An indicative value is a positive amount below 10,000,000 US dollars, or nil to clear it.
    public static func checkIndicativeValue(_ valueUSD: Quantity?) throws(DomainError) {
        if let valueUSD, !(valueUSD > .zero && valueUSD < Quantity(units: 10_000_000)) {
            throw .invalid(field: "value_usd", "must be a positive amount below 10,000,000, or null to clear it")
        }
    }
}
