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

/// Titles and categories are reference text, written as phrases so that pages show them in the
/// reader's language; their English is what the API and exports carry.
public struct PreparednessAction: Sendable, Equatable {
    public var code: String
    public var framework: PreparednessFramework
    public var category: Phrase
    public var title: Phrase
    public var check: PreparednessCheck?
}

public enum PreparednessChecklist {
    static func mpa(_ code: String, _ category: Phrase, _ title: Phrase) -> PreparednessAction {
        PreparednessAction(code: code, framework: .minimum, category: category, title: title, check: nil)
    }

    static func apa(_ code: String, _ title: Phrase, _ check: PreparednessCheck? = nil) -> PreparednessAction {
        PreparednessAction(code: code, framework: .advanced, category: categoryPhrases[4], title: title, check: check)
    }

    public static let categoryPhrases: [Phrase] = [
        Phrase("Risk monitoring"), Phrase("Coordination and management arrangements"),
        Phrase("Needs assessment, information management and response monitoring"),
        Phrase("Operational capacity and arrangements to deliver relief and protection"), Phrase("Supply chain and logistics"),
    ]
    public static let categories = categoryPhrases.map(\.english)

    /// The phrase of a category given in English (as the store keeps it).
    public static func category(_ english: String) -> Phrase {
        categoryPhrases.first { $0.english == english } ?? Phrase(verbatim: english)
    }

    public static let actions: [PreparednessAction] = [
        mpa("MPA-1.1", categoryPhrases[0], Phrase("Hazards and risks are monitored and early-warning information is shared")),
        mpa("MPA-2.1", categoryPhrases[1], Phrase("Coordination structures (HCT, clusters or sectors) are established and roles agreed")),
        mpa("MPA-2.2", categoryPhrases[1], Phrase("Government focal points and coordination arrangements are identified")),
        mpa("MPA-3.1", categoryPhrases[2], Phrase("Joint needs assessment tools and methods are agreed")),
        mpa("MPA-3.2", categoryPhrases[2], Phrase("Baseline data and common operational datasets are compiled")),
        mpa("MPA-4.1", categoryPhrases[3], Phrase("Operational presence and capacity (3W) are mapped")),
        mpa(
            "MPA-4.2", categoryPhrases[3],
            Phrase("Arrangements to deliver relief, including logistics and telecommunications, are identified")),
        apa("APA-SC-1", Phrase("Lists of pre-positioned supplies are compiled in country, regionally and globally"), .prepositionedLists),
        apa("APA-SC-2", Phrase("Entry points and the transport network are identified"), .entryPoints),
        apa("APA-SC-3", Phrase("Item specifications and kit contents are agreed")),
        apa("APA-SC-4", Phrase("Framework agreements with suppliers are in place")),
        apa("APA-SC-5", Phrase("Freight forwarders, transporters and government focal points are identified")),
        apa("APA-SC-6", Phrase("Customs facilitation and exemptions are pre-agreed"), .customsFacilitation),
        apa("APA-SC-7", Phrase("Warehouse capacity is identified")),
        apa("APA-SC-8", Phrase("Simulation exercises of the supply chain are held")),
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
    public func evaluate(_ check: PreparednessCheck) -> (status: PreparednessStatus, evidence: Phrase) {
        switch check {
        case .prepositionedLists:
            let met = freshReportsInCountry > 0 && freshReportsInRegion > 0
            return (
                met ? .done : .notStarted,
                Phrase(
                    "\(freshReportsInCountry) stock report(s) in the country and \(freshReportsInRegion) elsewhere in the region in the last 90 days"
                )
            )
        case .customsFacilitation:
            let met = customsAgreementRecorded && accreditedOrganisations > 0
            return (
                met ? .done : .notStarted,
                customsAgreementRecorded
                    ? Phrase("agreement recorded in the customs profile; \(accreditedOrganisations) organisation(s) accredited")
                    : Phrase("no agreement recorded in the customs profile; \(accreditedOrganisations) organisation(s) accredited")
            )
        case .entryPoints:
            return (
                entryPointsWithCoordinates > 0 ? .done : .notStarted,
                Phrase("\(entryPointsWithCoordinates) entry point(s) with coordinates")
            )
        }
    }
}

/// Where an action stands: for an action checked against data, what the data says, unless
/// someone overrode it and said why; for any other action, what people recorded.
public struct PreparednessStanding: Sendable, Equatable {
    public var status: PreparednessStatus
    /// The reason given for setting a checked action against what the data says.
    public var overrideReason: String?

    public init(status: PreparednessStatus, overrideReason: String?) {
        (self.status, self.overrideReason) = (status, overrideReason)
    }

    public static func of(
        recorded: PreparednessStatus?, overrideReason: String?, computed: PreparednessStatus?
    ) -> PreparednessStanding {
        guard let computed else { return PreparednessStanding(status: recorded ?? .notStarted, overrideReason: nil) }
        if let reason = overrideReason?.trimmedCell, !reason.isEmpty, let recorded {
            return PreparednessStanding(status: recorded, overrideReason: reason)
        }
        return PreparednessStanding(status: computed, overrideReason: nil)
    }
}

/// Evidence of an action: a note, or a link to a document.
public enum PreparednessEvidence {
    /// The evidence as a link, when it is an http(s) address without spaces; nil for a note.
    public static func link(_ evidence: String?) -> String? {
        guard let text = evidence?.trimmedCell, !text.contains(where: \.isWhitespace) else { return nil }
        let lower = text.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? text : nil
    }
}

/// What someone records about one action.
public struct PreparednessUpdate: Sendable, Equatable, Codable {
    public var status: String?
    public var ownerOrg: String?
    public var due: String?
    public var evidence: String?
    /// Why a status is set against what the data says (required then, for a checked action).
    public var overrideReason: String?

    public init(status: String? = nil, ownerOrg: String? = nil, due: String? = nil, evidence: String? = nil, overrideReason: String? = nil)
    {
        (self.status, self.ownerOrg, self.due, self.evidence, self.overrideReason) = (status, ownerOrg, due, evidence, overrideReason)
    }

    public struct Valid: Sendable, Equatable {
        public var status: PreparednessStatus?
        public var due: Day?
        public var evidence: String?
        /// For a checked action: the reason now in force (nil when the status follows the data again).
        public var overrideReason: String?
    }

    /// Checks the update of `action`, whose data currently says `computed` (nil when it has no
    /// check). A checked action's status follows the data; setting another status needs a reason,
    /// and setting the data's own status clears the override.
    public func validated(
        for action: PreparednessAction? = nil, computed: PreparednessStatus? = nil, currentReason: String? = nil
    ) throws(DomainError) -> Valid {
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
        let evidence = self.evidence?.trimmedCell
        if let evidence, evidence.count > 500 { problems.add(field: "evidence", "a note or a link of at most 500 characters") }
        var reason = (overrideReason?.trimmedCell).flatMap { $0.isEmpty ? nil : String($0.prefix(500)) }
        if action?.check != nil, let computed {
            let target = status
            if let target, target == computed {
                reason = nil
            } else if let target, target != computed, reason == nil {
                problems.add(
                    field: "override_reason",
                    "\(action!.code) is checked against data, which says “\(computed.label)”: "
                        + "say why it is “\(target.label)” to override it")
            } else if target == nil, reason == nil {
                reason = currentReason
            }
        } else {
            reason = nil
        }
        try problems.check()
        return Valid(status: status, due: day, evidence: evidence.flatMap { $0.isEmpty ? nil : $0 }, overrideReason: reason)
    }
}
