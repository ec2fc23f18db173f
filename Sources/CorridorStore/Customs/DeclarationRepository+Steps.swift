import CorridorCore
import Foundation
import SQLKit

extension DeclarationRepository {
    public func view(id: Int64, by actor: Actor) async throws -> DeclarationView? {
        try await database.read { db in try await Self.view(id: id, by: actor, on: db) }
    }

    static func view(id: Int64, by actor: Actor, on db: any SQLDatabase) async throws -> DeclarationView? {
        try await DeclarationLoader.load(where: "d.id = \(bind: id)", by: actor, limit: 1, on: db).first
    }

    /// What the caller narrows a list to; nil means no narrowing.
    public struct ListFilter: Sendable {
        public var state: DeclarationState?
        /// Any of these states (with `state`, both must hold).
        public var states: Set<DeclarationState>?
        public var country: String?
        public var org: String?
        public var lane: Lane?
        public var entryPoint: String?
        public var emergencyId: Int64?
        /// Only those past their lane's clearance target, or a provisional release past its completion date.
        public var overdue: Bool
        public var limit: Int

        public init(
            state: DeclarationState? = nil, country: String? = nil, org: String? = nil, lane: Lane? = nil, entryPoint: String? = nil,
            emergencyId: Int64? = nil, overdue: Bool = false, limit: Int = 500
        ) {
            (self.state, self.country, self.org, self.lane, self.entryPoint) = (state, country, org, lane, entryPoint)
            (self.emergencyId, self.overdue, self.limit) = (emergencyId, overdue, limit)
        }
    }

    /// The declarations the caller may see (its organisations', or its countries' as customs), as a
    /// queue: those waiting for customs first, by needs-list priority then age, then the rest, newest first.
    public func list(by actor: Actor, filter: ListFilter = ListFilter(), now: Int64 = UnixTime.now()) async throws -> [DeclarationView] {
        let orgs = actor.roles.compactMap(\.orgCode), countries = actor.customsCountries
        guard actor.isAdmin || !orgs.isEmpty || !countries.isEmpty else { return [] }
        var sql: SQLQueryString = "1 = 1"
        if !actor.isAdmin {
            sql.appendLiteral(" AND (o.code IN ")
            sql.appendInterpolation(SQLQueryString.list(orgs))
            // Customs sees its country's declarations once lodged; drafts are the declarant's own.
            sql.appendLiteral(" OR (d.state <> 'draft' AND d.destination IN ")
            sql.appendInterpolation(SQLQueryString.list(countries))
            sql.appendLiteral("))")
        }
        if let state = filter.state { sql.appendLiteral(" AND d.state = "); sql.appendInterpolation(bind: state.rawValue) }
        if let states = filter.states {
            sql.appendLiteral(" AND d.state IN ")
            sql.appendInterpolation(SQLQueryString.list(states.map(\.rawValue).sorted()))
        }
        if let country = filter.country { sql.appendLiteral(" AND d.destination = "); sql.appendInterpolation(bind: country.uppercased()) }
        if let org = filter.org { sql.appendLiteral(" AND o.code = "); sql.appendInterpolation(bind: org.uppercased()) }
        if let lane = filter.lane { sql.appendLiteral(" AND d.lane = "); sql.appendInterpolation(bind: lane.rawValue) }
        if let point = filter.entryPoint { sql.appendLiteral(" AND d.entry_point = "); sql.appendInterpolation(bind: point.uppercased()) }
        if let emergency = filter.emergencyId { sql.appendLiteral(" AND d.emergency_id = "); sql.appendInterpolation(bind: emergency) }
        let limit = min(max(filter.limit, 1), 5000)
        var views = try await database.read { db in
            try await DeclarationLoader.load(where: sql, by: actor, limit: limit, now: now, on: db)
        }
        if filter.overdue {
            views = views.filter {
                $0.serviceLevel == .breached
                    || ReleaseObligations.isCompletionOverdue(state: $0.state, completionDue: $0.times.completionDue, now: now)
            }
        }
        let waiting = views.filter { $0.state.isBeforeRelease && $0.state != .draft }
        let order = ClearanceQueue.ordered(
            waiting.map {
                QueueEntry(
                    id: $0.id, needsPriority: $0.needsPriority.flatMap(NeedsListEntry.Priority.init(rawValue:)),
                    ageSeconds: $0.ageSeconds(now: now))
            })
        let byID = Dictionary(uniqueKeysWithValues: waiting.map { ($0.id, $0) })
        return order.compactMap { byID[$0.id] } + views.filter { !($0.state.isBeforeRelease && $0.state != .draft) }
    }

    /// Selectivity for a lodged declaration, from the facts the store holds.
    static func selectLane(_ declaration: DeclarationView, emergency: Emergency?, today: Day, on db: any SQLDatabase) async throws
        -> LaneDecision
    {
        let accredited =
            try await db.raw(
                """
                SELECT a.status, a.valid_until FROM accreditations a JOIN organisations o ON o.id = a.org_id
                WHERE o.code = \(bind: declaration.org) AND a.country = \(bind: declaration.destination)
                """
            ).first().map { row in
                try row.string("status") == "approved"
                    && (try row.optionalString("valid_until").flatMap { Day.parse($0) }.map { today <= $0 } ?? true)
            } ?? false
        let earlier = try await db.count(
            """
            SELECT COUNT(*) AS n FROM declarations d JOIN organisations o ON o.id = d.declarant_org_id
            WHERE o.code = \(bind: declaration.org) AND d.destination = \(bind: declaration.destination)
              AND d.id <> \(bind: declaration.id) AND d.lodged_at IS NOT NULL
            """)
        let needs = try await emergency.asyncMap { try await CustomsSetupRepository.needs(of: $0.id, on: db) } ?? []
        let standing = NeedsListStanding.of(
            lines: declaration.lines.compactMap(\.goods), needs: needs,
            hasEmergency: emergency != nil)
        let catalogue = try await DeclarationLoader.catalogueFacts(of: declaration.id, on: db)
        let ratios = declaration.lines.compactMap { line in
            catalogue[line.lineNo].flatMap {
                ConsignmentPlausibility.valuePerKgRatio(
                    valueUSD: ExchangeRates.convert(
                        line.value, from: line.currency, to: "USD", national: declaration.nationalCurrency ?? line.currency,
                        rates: declaration.exchangeRates),
                    grossKg: line.grossKg, catalogue: $0)
            }
        }
        let rules = try await SelectivityRuleRepository.ruleSet(country: declaration.destination, on: db)
        let facts = SelectivityFacts(
            accredited: accredited, emergencyActive: emergency?.isActive(on: today) ?? false,
            specialCargo: Set(declaration.specialCargo),
            firstDeclarationInCountry: earlier == 0, valuePerKgRatios: ratios, unrequestedLines: standing.unrequestedLines,
            notNeededLines: standing.notNeededLines)
        return Selectivity.decide(
            facts, rules: rules, draw: Selectivity.draw(seed: selectionSeed, reference: "\(declaration.org)/\(declaration.reference)"))
    }

    /// The audit trail of a declaration the caller may see, with the first broken event if any.
    public func audit(id: Int64, by actor: Actor) async throws -> (events: [AuditEvent], broken: AuditEvent?)? {
        try await database.read { db in
            guard try await Self.view(id: id, by: actor, on: db) != nil else { return nil }
            let events = try await DeclarationAudit.events(of: id, on: db)
            return (events, AuditChain.firstBroken(events, hash: Secrets.sha256Hex))
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
