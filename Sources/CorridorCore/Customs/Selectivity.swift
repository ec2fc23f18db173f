import Foundation

/// The risk lanes of relief clearance: examination only by exception (Kyoto Annex J5).
public enum Lane: String, Sendable, Codable, CaseIterable, Comparable {
    /// Release on arrival.
    case green
    /// Release now, post-clearance audit.
    case blue
    /// Documentary check.
    case yellow
    /// Physical examination; needs a stated reason or the random rate.
    case red

    var severity: Int {
        switch self {
        case .green: 0
        case .blue: 1
        case .yellow: 2
        case .red: 3
        }
    }

    public static func < (lhs: Lane, rhs: Lane) -> Bool { lhs.severity < rhs.severity }
}

/// What a selectivity rule looks at. Origin country is listed only so that a rule using it can be
/// named and refused: relief is cleared regardless of origin.
public enum SelectivityCriterion: String, Sendable, Codable, CaseIterable {
    case notAccredited = "not_accredited"
    case noActiveEmergency = "no_active_emergency"
    case specialCargo = "special_cargo"
    case firstDeclaration = "first_declaration"
    case valuePerKgDeviation = "value_per_kg_deviation"
    case unrequestedGoods = "unrequested_goods"
    case notNeededGoods = "not_needed_goods"
    case originCountry = "origin_country"
}

public struct SelectivityRule: Sendable, Codable, Equatable {
    public var criterion: SelectivityCriterion
    public var lane: Lane
    /// For value per kg: how many times above or below the catalogue's value the declared one may be.
    public var factor: Double?
    /// Why, in words a declarant reads; required for red.
    public var reason: String

    public init(criterion: SelectivityCriterion, lane: Lane, factor: Double? = nil, reason: String) {
        self.criterion = criterion
        self.lane = lane
        self.factor = factor
        self.reason = reason
    }
}

/// A country's selectivity rules, stored as data and edited by its administrators.
public struct SelectivityRuleSet: Sendable, Codable, Equatable {
    public var rules: [SelectivityRule]
    /// The share of otherwise green or blue declarations sent to a documentary check at random.
    public var randomRate: Double
    public var randomLane: Lane

    public init(rules: [SelectivityRule], randomRate: Double, randomLane: Lane = .yellow) {
        self.rules = rules
        self.randomRate = randomRate
        self.randomLane = randomLane
    }

    /// The default rule set: most relief goes green; special cargo and first-time or
    /// unaccredited declarants go to a documentary check.
    public static let standard = SelectivityRuleSet(
        rules: [
            SelectivityRule(criterion: .notAccredited, lane: .yellow, reason: "the organisation is not accredited in this country"),
            SelectivityRule(criterion: .noActiveEmergency, lane: .yellow, reason: "no active emergency covers this consignment"),
            SelectivityRule(criterion: .specialCargo, lane: .yellow, reason: "special cargo needs its documents checked"),
            SelectivityRule(criterion: .firstDeclaration, lane: .yellow, reason: "first declaration of this organisation in the country"),
            SelectivityRule(
                criterion: .valuePerKgDeviation, lane: .blue, factor: 5, reason: "declared value per kg far from the catalogue's"),
            SelectivityRule(criterion: .unrequestedGoods, lane: .yellow, reason: "goods not on the government's needs list"),
            SelectivityRule(criterion: .notNeededGoods, lane: .yellow, reason: Selectivity.notNeededReason),
        ], randomRate: 0.02)

    /// Refuses rule sets that break the relief rules: origin as a risk factor, red without a reason,
    /// a random rate outside 0–50 %.
    public func validated() throws(DomainError) -> SelectivityRuleSet {
        var problems = ProblemList()
        for (index, rule) in rules.enumerated() {
            if rule.criterion == .originCountry {
                problems.add(
                    Problem(
                        field: "rules[\(index)].criterion",
                        problem: "origin country may not be a risk criterion: relief is cleared regardless of origin (Kyoto Annex J5)"))
            }
            if rule.reason.trimmedCell.isEmpty {
                problems.add(
                    Problem(
                        field: "rules[\(index)].reason",
                        problem: "every rule states its reason\(rule.lane == .red ? "; red above all" : "")"))
            }
            if rule.criterion == .notNeededGoods, rule.lane < .yellow {
                problems.add(
                    Problem(
                        field: "rules[\(index)].lane",
                        problem: "goods the government marked as not needed are held for a customs decision: yellow or red"))
            }
            if rule.criterion == .valuePerKgDeviation, !((rule.factor ?? 0) > 1) {
                problems.add(Problem(field: "rules[\(index)].factor", problem: "must be above 1 (e.g. 5 = five times above or below)"))
            }
        }
        if !(0...0.5).contains(randomRate) { problems.add(field: "random_rate", "must be between 0 and 0.5") }
        if randomLane == .green || randomLane == .blue { problems.add(field: "random_lane", "must be yellow or red") }
        try problems.check()
        return self
    }
}

/// The facts about one declaration that selectivity weighs.
public struct SelectivityFacts: Sendable, Equatable {
    public var accredited: Bool
    public var emergencyActive: Bool
    public var specialCargo: Set<SpecialCargo>
    public var firstDeclarationInCountry: Bool
    /// Declared value per kg divided by the catalogue's, per line where both are known.
    public var valuePerKgRatios: [Double]
    public var unrequestedLines: Int
    public var notNeededLines: Int

    public init(
        accredited: Bool, emergencyActive: Bool, specialCargo: Set<SpecialCargo> = [], firstDeclarationInCountry: Bool = false,
        valuePerKgRatios: [Double] = [], unrequestedLines: Int = 0, notNeededLines: Int = 0
    ) {
        self.notNeededLines = notNeededLines
        self.accredited = accredited
        self.emergencyActive = emergencyActive
        self.specialCargo = specialCargo
        self.firstDeclarationInCountry = firstDeclarationInCountry
        self.valuePerKgRatios = valuePerKgRatios
        self.unrequestedLines = unrequestedLines
    }
}

public struct LaneDecision: Sendable, Equatable, Codable {
    public var lane: Lane
    public var reasons: [String]

    public init(lane: Lane, reasons: [String]) {
        self.lane = lane
        self.reasons = reasons
    }
}

public enum Selectivity {
    public static let notNeededReason = "goods the government marked as not needed: held for a customs decision"

    /// The lane: the most severe among the rules that match, green when none does; goods marked
    /// not needed are held (yellow at least) whatever a country's rules say; then, for green and
    /// blue, the random draw (in [0, 1)) may send it to the random lane.
    public static func decide(_ facts: SelectivityFacts, rules: SelectivityRuleSet, draw: Double) -> LaneDecision {
        var lane = Lane.green
        var reasons: [String] = []
        for rule in rules.rules where matches(rule, facts) {
            lane = max(lane, rule.lane)
            reasons.append(rule.reason)
        }
        if facts.notNeededLines > 0, lane < .yellow {
            lane = .yellow
            reasons.append(notNeededReason)
        }
        if lane < .yellow, draw < rules.randomRate {
            lane = rules.randomLane
            reasons.append("selected at random (\(Int((rules.randomRate * 100).rounded())) % of relief consignments)")
        }
        return LaneDecision(lane: lane, reasons: reasons.isEmpty ? ["no risk indicator"] : reasons)
    }

    static func matches(_ rule: SelectivityRule, _ facts: SelectivityFacts) -> Bool {
        switch rule.criterion {
        case .notAccredited: !facts.accredited
        case .noActiveEmergency: !facts.emergencyActive
        case .specialCargo: !facts.specialCargo.isEmpty
        case .firstDeclaration: facts.firstDeclarationInCountry
        case .valuePerKgDeviation:
            facts.valuePerKgRatios.contains { ratio in
                let factor = rule.factor ?? 5
                return ratio > factor || ratio < 1 / factor
            }
        case .unrequestedGoods: facts.unrequestedLines > 0
        case .notNeededGoods: facts.notNeededLines > 0
        case .originCountry: false
        }
    }

    /// A reproducible draw in [0, 1) for a declaration: the same seed and reference always give the
    /// same number, so a lane can be explained and tests can count.
    public static func draw(seed: UInt64, reference: String) -> Double {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in reference.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        var z = seed ^ hash &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}
