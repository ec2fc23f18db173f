import Foundation

/// IASC Emergency Response Preparedness (2015): the Minimum Preparedness Actions in their four
/// categories, and the supply-chain Advanced Preparedness Actions the logistics working group tracks.
public enum PreparednessFramework: String, Sendable, Codable {
    case minimum = "MPA"
    case advanced = "APA"
}

public enum PreparednessStatus: String, Sendable, Codable, CaseIterable {
    case notStarted = "not_started"
    case inProgress = "in_progress"
    case done
    case notApplicable = "not_applicable"
}

/// What live data can confirm an action.
public enum PreparednessCheck: String, Sendable, Codable {
    /// Stock reports newer than 90 days exist in the country and elsewhere in its region.
    case prepositionedLists = "prepositioned_lists"
    /// The customs profile records an agreement and at least one organisation is accredited.
    case customsFacilitation = "customs_facilitation"
    /// The country has entry points with coordinates.
    case entryPoints = "entry_points"
}

public struct PreparednessAction: Sendable, Equatable, Codable {
    public var code: String
    public var framework: PreparednessFramework
    public var category: String
    public var title: String
    public var check: PreparednessCheck?
}

public enum PreparednessChecklist {
    static func mpa(_ code: String, _ category: String, _ title: String) -> PreparednessAction {
        PreparednessAction(code: code, framework: .minimum, category: category, title: title, check: nil)
    }

    static func apa(_ code: String, _ title: String, _ check: PreparednessCheck? = nil) -> PreparednessAction {
        PreparednessAction(code: code, framework: .advanced, category: "Supply chain and logistics", title: title, check: check)
    }

    public static let categories = [
        "Risk monitoring", "Coordination and management arrangements",
        "Needs assessment, information management and response monitoring",
        "Operational capacity and arrangements to deliver relief and protection", "Supply chain and logistics",
    ]

    public static let actions: [PreparednessAction] = [
        mpa("MPA-1.1", categories[0], "Hazards and risks are monitored and early-warning information is shared"),
        mpa("MPA-2.1", categories[1], "Coordination structures (HCT, clusters or sectors) are established and roles agreed"),
        mpa("MPA-2.2", categories[1], "Government focal points and coordination arrangements are identified"),
        mpa("MPA-3.1", categories[2], "Joint needs assessment tools and methods are agreed"),
        mpa("MPA-3.2", categories[2], "Baseline data and common operational datasets are compiled"),
        mpa("MPA-4.1", categories[3], "Operational presence and capacity (3W) are mapped"),
        mpa("MPA-4.2", categories[3], "Arrangements to deliver relief, including logistics and telecommunications, are identified"),
        apa("APA-SC-1", "Lists of pre-positioned supplies are compiled in country, regionally and globally", .prepositionedLists),
        apa("APA-SC-2", "Entry points and the transport network are identified", .entryPoints),
        apa("APA-SC-3", "Item specifications and kit contents are agreed"),
        apa("APA-SC-4", "Framework agreements with suppliers are in place"),
        apa("APA-SC-5", "Freight forwarders, transporters and government focal points are identified"),
        apa("APA-SC-6", "Customs facilitation and exemptions are pre-agreed", .customsFacilitation),
        apa("APA-SC-7", "Warehouse capacity is identified"),
        apa("APA-SC-8", "Simulation exercises of the supply chain are held"),
    ]

    public static func action(_ code: String) -> PreparednessAction? { actions.first { $0.code == code } }
}

/// The facts the automatic checks read.
public struct PreparednessFacts: Sendable, Equatable {
    public var freshReportsInCountry: Int
    public var freshReportsInRegion: Int
    public var customsAgreementRecorded: Bool
    public var accreditedOrganisations: Int
    public var entryPointsWithCoordinates: Int

    public init(
        freshReportsInCountry: Int, freshReportsInRegion: Int, customsAgreementRecorded: Bool, accreditedOrganisations: Int,
        entryPointsWithCoordinates: Int
    ) {
        (self.freshReportsInCountry, self.freshReportsInRegion, self.customsAgreementRecorded) = (
            freshReportsInCountry, freshReportsInRegion, customsAgreementRecorded
        )
        (self.accreditedOrganisations, self.entryPointsWithCoordinates) = (accreditedOrganisations, entryPointsWithCoordinates)
    }

    /// Done or not started by the data, with the evidence found, for an action that has a check.
    public func evaluate(_ check: PreparednessCheck) -> (status: PreparednessStatus, evidence: String) {
        switch check {
        case .prepositionedLists:
            let met = freshReportsInCountry > 0 && freshReportsInRegion > 0
            return (
                met ? .done : .notStarted,
                "\(freshReportsInCountry) stock report(s) in the country and \(freshReportsInRegion) elsewhere in the region in the last 90 days"
            )
        case .customsFacilitation:
            let met = customsAgreementRecorded && accreditedOrganisations > 0
            return (
                met ? .done : .notStarted,
                "\(customsAgreementRecorded ? "agreement recorded in the customs profile" : "no agreement recorded in the customs profile"); "
                    + "\(accreditedOrganisations) organisation(s) accredited"
            )
        case .entryPoints:
            return (entryPointsWithCoordinates > 0 ? .done : .notStarted, "\(entryPointsWithCoordinates) entry point(s) with coordinates")
        }
    }
}

/// What someone records about one action.
public struct PreparednessUpdate: Sendable, Equatable, Codable {
    public var status: String?
    public var ownerOrg: String?
    public var due: String?
    public var evidence: String?

    public init(status: String? = nil, ownerOrg: String? = nil, due: String? = nil, evidence: String? = nil) {
        (self.status, self.ownerOrg, self.due, self.evidence) = (status, ownerOrg, due, evidence)
    }

    public func validated() throws(DomainError) -> (status: PreparednessStatus?, due: Day?, evidence: String?) {
        var problems = ProblemList()
        let status = self.status.flatMap(PreparednessStatus.init(rawValue:))
        if self.status != nil, status == nil {
            problems.add(field: "status", "one of \(PreparednessStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var day: Day?
        if let due, !due.isEmpty {
            day = Day.parse(due)
            if day == nil { problems.add(field: "due", "a date (YYYY-MM-DD)") }
        }
        if let evidence, !evidence.isEmpty {
            let lower = evidence.lowercased()
            if evidence.count > 500 || !(lower.hasPrefix("https://") || lower.hasPrefix("http://")) {
                problems.add(field: "evidence", "an http(s) link of at most 500 characters")
            }
        }
        try problems.check()
        return (status, day, evidence.flatMap { $0.isEmpty ? nil : $0 })
    }
}
