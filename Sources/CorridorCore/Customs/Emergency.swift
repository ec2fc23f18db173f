import Foundation

/// The facilities a customs administration switches on for an emergency (Kyoto Annex J5,
/// OCHA Model Agreement).
public struct EmergencyFacilities: Sendable, Equatable, Codable {
    public var preArrivalLodgement: Bool
    /// Release on a provisional declaration, completed within this many days; nil when not allowed.
    public var provisionalDeadlineDays: Int?
    public var dutyTaxWaiver: Bool
    public var feeWaiver: Bool
    public var outOfHoursClearance: Bool

    public init(
        preArrivalLodgement: Bool = true, provisionalDeadlineDays: Int? = nil, dutyTaxWaiver: Bool = true,
        feeWaiver: Bool = false, outOfHoursClearance: Bool = false
    ) {
        self.preArrivalLodgement = preArrivalLodgement
        self.provisionalDeadlineDays = provisionalDeadlineDays
        self.dutyTaxWaiver = dutyTaxWaiver
        self.feeWaiver = feeWaiver
        self.outOfHoursClearance = outOfHoursClearance
    }
}

/// A declared emergency in one country, under which relief consignments are cleared.
public struct Emergency: Sendable, Equatable, Codable {
    public var id: Int64
    public var country: String
    public var name: String
    public var hazard: String
    public var declared: Day
    public var ends: Day?
    public var facilities: EmergencyFacilities
    /// The decree or instrument under which its relief is exempt, as the government names it.
    public var legalBasis: String?

    public init(
        id: Int64, country: String, name: String, hazard: String, declared: Day, ends: Day?, facilities: EmergencyFacilities,
        legalBasis: String? = nil
    ) {
        (self.id, self.country, self.name, self.hazard, self.declared, self.ends, self.facilities) = (
            id, country, name, hazard, declared, ends, facilities
        )
        self.legalBasis = legalBasis
    }

    /// A declaration may refer to an emergency only while it is active.
    public func isActive(on day: Day) -> Bool {
        declared <= day && (ends.map { day <= $0 } ?? true)
    }
}

/// What a customs officer enters to activate an emergency.
public struct EmergencyInput: Sendable, Equatable, Decodable {
    public var country: String
    public var name: String
    public var hazard: String
    public var declared: String
    public var ends: String?
    public var facilities: EmergencyFacilities?
    public var legalBasis: String?

    public init(
        country: String, name: String, hazard: String, declared: String, ends: String?, facilities: EmergencyFacilities?,
        legalBasis: String? = nil
    ) {
        (self.country, self.name, self.hazard, self.declared, self.ends, self.facilities) = (
            country, name, hazard, declared, ends, facilities
        )
        self.legalBasis = legalBasis
    }

    public static let hazards = [
        "earthquake", "flood", "tropical_cyclone", "drought", "epidemic", "conflict", "volcano",
        "tsunami", "landslide", "wildfire", "cold_wave", "complex", "other",
    ]

    public func validated() throws(DomainError) -> (
        country: CountryCode, name: String, hazard: String, declared: Day, ends: Day?, facilities: EmergencyFacilities
    ) {
        var problems = ProblemList()
        let country = CountryCode(self.country)
        if country == nil { problems.add(field: "country", "must be an ISO alpha-2 code") }
        let name = self.name.trimmedCell
        if name.isEmpty || name.count > 200 { problems.add(field: "name", "must be 1 to 200 characters") }
        if !Self.hazards.contains(hazard) { problems.add(field: "hazard", "must be one of \(Self.hazards.joined(separator: ", "))") }
        let declared = Day.parse(self.declared)
        if declared == nil { problems.add(field: "declared", "must be a date (YYYY-MM-DD)") }
        var ends: Day?
        if let raw = self.ends, !raw.isEmpty {
            ends = Day.parse(raw)
            if ends == nil { problems.add(field: "ends", "must be a date (YYYY-MM-DD)") }
            if let ends, let declared, ends < declared { problems.add(field: "ends", "cannot be before the declaration date") }
        }
        let facilities = self.facilities ?? EmergencyFacilities()
        if let days = facilities.provisionalDeadlineDays, !(1...365).contains(days) {
            problems.add(field: "facilities.provisional_deadline_days", "must be from 1 to 365")
        }
        if let basis = legalBasis, basis.count > 300 { problems.add(field: "legal_basis", "at most 300 characters") }
        try problems.check()
        return (country!, name, hazard, declared!, ends, facilities)
    }
}

/// One line of a government's needs list: a catalogue item or an HS heading, with a priority.
public struct NeedsListEntry: Sendable, Equatable, Codable {
    public enum Priority: Int, Sendable, Codable, CaseIterable {
        case urgent = 1, canWait = 2, notNeeded = 3
    }

    public var itemCode: String?
    public var hsHeading: String?
    public var priority: Priority
    public var note: String?

    public init(itemCode: String?, hsHeading: String?, priority: Priority, note: String? = nil) {
        (self.itemCode, self.hsHeading, self.priority, self.note) = (itemCode, hsHeading, priority, note)
    }

    /// Whether a declaration line is what this entry asks for: by catalogue item, or by HS heading
    /// or subheading against the declared code or any of the item's alternative codes (tarpaulins
    /// declared 3926.90 answer a list asking for 6306).
    public func matches(_ goods: DeclaredGoods) -> Bool {
        if let itemCode, let line = goods.itemCode, itemCode.uppercased() == line.uppercased() { return true }
        if let hsHeading { return goods.allHSCodes.contains { $0.digits.hasPrefix(hsHeading) } }
        return false
    }
}

/// How a consignment's lines stand against the government's needs list.
public struct NeedsListStanding: Sendable, Equatable {
    /// Lines that match no entry of the list.
    public var unrequestedLines: Int
    /// Lines the government marked as not needed (and did not also request under another entry).
    public var notNeededLines: Int

    public init(unrequestedLines: Int = 0, notNeededLines: Int = 0) {
        (self.unrequestedLines, self.notNeededLines) = (unrequestedLines, notNeededLines)
    }

    /// Without an emergency there is no needs list, and so nothing unrequested.
    public static func of(lines: [DeclaredGoods], needs: [NeedsListEntry], hasEmergency: Bool) -> NeedsListStanding {
        guard hasEmergency else { return NeedsListStanding() }
        var standing = NeedsListStanding()
        for line in lines {
            let matching = needs.filter { $0.matches(line) }
            if matching.isEmpty {
                standing.unrequestedLines += 1
            } else if matching.allSatisfy({ $0.priority == .notNeeded }) {
                standing.notNeededLines += 1
            }
        }
        return standing
    }
}
