import CorridorCore
import Foundation
import SQLKit

/// A country's ERP checklist: what people recorded, and for the actions live data can confirm,
/// what the data says (`autoStatus`) with the evidence found.
public struct PreparednessRepository: Sendable {
    let database: Database

    public struct ActionView: Sendable, Codable, Equatable {
        public var code: String
        public var framework: String
        public var category: String
        public var title: String
        /// For an action checked against data, what the data says unless overridden with a reason.
        public var status: PreparednessStatus
        public var overrideReason: String?
        public var ownerOrg: String?
        public var due: String?
        public var evidence: String?
        /// The evidence, when it is a link.
        public var evidenceLink: String?
        public var updatedBy: String?
        public var updatedAt: Int64?
        public var autoStatus: PreparednessStatus?
        public var autoEvidence: String?
        /// The evidence as a phrase, for pages in the reader's language (the API carries the English).
        public var autoEvidencePhrase: Phrase? = nil
        public var history: [String]

        enum CodingKeys: String, CodingKey {
            case code, framework, category, title, status, overrideReason, ownerOrg, due, evidence, evidenceLink, updatedBy, updatedAt
            case autoStatus, autoEvidence, history
        }
    }

    public struct Checklist: Sendable, Codable, Equatable {
        public struct Progress: Sendable, Codable, Equatable {
            public var category: String
            public var done: Int
            public var applicable: Int
        }

        public var country: String
        public var actions: [ActionView]
        public var progress: [Progress]
    }

    static let freshDays = 90

    public func checklist(country: String, today: Day = .today()) async throws -> Checklist? {
        let iso = country.uppercased()
        return try await database.read { db in
            guard let country = try await ReferenceRepository.country(iso, on: db) else { return nil }
            let stored = Dictionary(
                uniqueKeysWithValues: try await db.raw(
                    """
                    SELECT a.*, o.code AS owner_code FROM preparedness_actions a LEFT JOIN organisations o ON o.id = a.owner_org_id
                    WHERE a.country = \(bind: iso)
                    """
                ).all().map { (try $0.string("code"), $0) })
            var history: [String: [String]] = [:]
            for row in try await db.raw("SELECT * FROM preparedness_history WHERE country = \(bind: iso) ORDER BY id").all() {
                let when = Date(timeIntervalSince1970: TimeInterval(try row.int64("at"))).formatted(.iso8601)
                history[try row.string("code"), default: []].append(
                    "\(when.prefix(10)) \(try row.string("actor")): \(try row.string("change"))")
            }
            let facts = try await Self.facts(country: country, today: today, on: db)
            let actions = try PreparednessChecklist.actions.map { action -> ActionView in
                let row = stored[action.code]
                let auto = action.check.map { facts.evaluate($0) }
                let standing = PreparednessStanding.of(
                    recorded: try row.flatMap { PreparednessStatus(rawValue: try $0.string("status")) },
                    overrideReason: try row?.optionalString("override_reason"), computed: auto?.status)
                let evidence = try row?.optionalString("evidence")
                return ActionView(
                    code: action.code, framework: action.framework.rawValue, category: action.category.english, title: action.title.english,
                    status: standing.status, overrideReason: standing.overrideReason,
                    ownerOrg: try row?.optionalString("owner_code"), due: try row?.optionalString("due"),
                    evidence: evidence, evidenceLink: PreparednessEvidence.link(evidence),
                    updatedBy: try row?.string("updated_by"), updatedAt: try row?.int64("updated_at"),
                    autoStatus: auto?.status, autoEvidence: auto?.evidence.english, autoEvidencePhrase: auto?.evidence,
                    history: history[action.code] ?? [])
            }
            let progress = PreparednessChecklist.categories.map { category in
                let inCategory = actions.filter { $0.category == category && $0.status != .notApplicable }
                // One status per action: a checked action's is the data's unless overridden with a reason.
                return Checklist.Progress(
                    category: category, done: inCategory.filter { $0.status == .done }.count,
                    applicable: inCategory.count)
            }
            return Checklist(country: iso, actions: actions, progress: progress)
        }
    }

    static func facts(country: Country, today: Day, on db: any SQLDatabase) async throws -> PreparednessFacts {
        let since = today.adding(days: -freshDays).description
        // Sites first, each asked whether one of its lines is fresh: the lines are never all read.
        // The region's countries as a list, so that the sites are found through their country.
        let fresh: SQLQueryString = "EXISTS (SELECT 1 FROM stock_lines l WHERE l.site_id = s.id AND l.reported_at >= \(bind: since))"
        let inCountry = try await db.count("SELECT COUNT(*) AS n FROM sites s WHERE s.country = \(bind: country.alpha2) AND \(fresh)")
        let inRegion = try await db.count(
            """
            SELECT COUNT(*) AS n FROM sites s
            WHERE s.country IN (SELECT alpha2 FROM countries WHERE region = \(bind: country.region) AND alpha2 <> \(bind: country.alpha2))
              AND \(fresh)
            """)
        let agreement = try await CustomsProfileRepository.profile(country.alpha2, on: db)?.recordsAgreement ?? false
        let accredited = try await db.count(
            """
            SELECT COUNT(*) AS n FROM accreditations WHERE country = \(bind: country.alpha2) AND status = 'approved'
              AND (valid_until IS NULL OR valid_until >= \(bind: today.description))
            """)
        let entryPoints = try await db.count(
            "SELECT COUNT(*) AS n FROM entry_points WHERE country = \(bind: country.alpha2) AND lat IS NOT NULL AND lon IS NOT NULL")
        return PreparednessFacts(
            freshReportsInCountry: inCountry, freshReportsInRegion: inRegion, customsAgreementRecorded: agreement,
            accreditedOrganisations: accredited, entryPointsWithCoordinates: entryPoints)
    }

    /// Records a change to one action; what changed goes into its history.
    public func update(
        country: String, code: String, _ update: PreparednessUpdate, by actor: Actor,
        at time: Int64 = UnixTime.now()
    ) async throws -> ActionView {
        let iso = country.uppercased()
        try Policy.authorize(actor, .managePreparedness, .country(iso))
        guard let action = PreparednessChecklist.action(code) else { throw DomainError.notFound("no preparedness action \(code)") }
        try await database.transaction { db in
            guard let country = try await ReferenceRepository.country(iso, on: db) else { throw DomainError.notFound("no country \(iso)") }
            var ownerID: Int64?
            if let owner = update.ownerOrg, !owner.isEmpty {
                guard let org = try await OrganisationRepository.find(code: owner, on: db) else {
                    throw DomainError.invalid(field: "owner_org", "no organisation with code \(owner)")
                }
                ownerID = org.id
            }
            let existing = try await db.raw("SELECT * FROM preparedness_actions WHERE country = \(bind: iso) AND code = \(bind: code)")
                .first()
            let computed = try await action.check.asyncMap {
                try await Self.facts(country: country, today: .today(), on: db).evaluate($0).status
            }
            let previousReason = try existing?.optionalString("override_reason")
            let valid = try update.validated(for: action, computed: computed, currentReason: previousReason)
            let previous = try existing?.string("status") ?? PreparednessStatus.notStarted.rawValue
            let status = valid.status?.rawValue ?? previous
            let due = try update.due == nil ? existing?.optionalString("due") : valid.due?.description
            let evidence = try update.evidence == nil ? existing?.optionalString("evidence") : valid.evidence
            let owner = try update.ownerOrg == nil ? existing?.optionalInt64("owner_org_id") : ownerID
            var changes: [String] = []
            if status != previous { changes.append("status → \(status)") }
            if valid.overrideReason != previousReason {
                changes.append(valid.overrideReason.map { "overridden: \($0)" } ?? "follows the data")
            }
            if update.ownerOrg != nil { changes.append("owner → \(update.ownerOrg!.isEmpty ? "none" : update.ownerOrg!.uppercased())") }
            if update.due != nil { changes.append("due → \(due ?? "none")") }
            if update.evidence != nil { changes.append("evidence → \(evidence ?? "none")") }
            guard !changes.isEmpty else { throw DomainError.invalid(field: "status", "nothing to change") }
            try await db.raw("DELETE FROM preparedness_actions WHERE country = \(bind: iso) AND code = \(bind: code)").run()
            try await db.raw(
                """
                INSERT INTO preparedness_actions (country, code, status, owner_org_id, due, evidence, override_reason, updated_by, updated_at)
                VALUES (\(bind: iso), \(bind: code), \(bind: status), \(bind: owner), \(bind: due), \(bind: evidence),
                        \(bind: valid.overrideReason), \(bind: DeclarationAudit.actorName(actor)), \(bind: time))
                """
            ).run()
            try await db.raw(
                """
                INSERT INTO preparedness_history (country, code, actor, at, change)
                VALUES (\(bind: iso), \(bind: code), \(bind: DeclarationAudit.actorName(actor)), \(bind: time), \(bind: changes.joined(separator: "; ")))
                """
            ).run()
        }
        guard let view = try await checklist(country: iso)?.actions.first(where: { $0.code == code }) else {
            throw DomainError.notFound("no preparedness action \(code)")
        }
        return view
    }
}
