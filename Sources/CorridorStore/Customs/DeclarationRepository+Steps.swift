import CorridorCore
import Foundation
import SQLKit

extension DeclarationRepository {
    /// Who the caller is to this declaration: its declarant, its customs, or nobody (then it does
    /// not exist for them).
    public static func party(of actor: Actor, org: String, destination: String) -> DeclarationParty? {
        if actor.isCustomsOfficer(of: destination) { return .customs }
        if actor.isMember(of: org) { return .declarant }
        return nil
    }

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
        public var limit: Int

        public init(state: DeclarationState? = nil, country: String? = nil, org: String? = nil, limit: Int = 500) {
            (self.state, self.country, self.org, self.limit) = (state, country, org, limit)
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
            sql.appendLiteral(" OR d.destination IN ")
            sql.appendInterpolation(SQLQueryString.list(countries))
            sql.appendLiteral(")")
        }
        if let state = filter.state { sql.appendLiteral(" AND d.state = "); sql.appendInterpolation(bind: state.rawValue) }
        if let states = filter.states {
            sql.appendLiteral(" AND d.state IN ")
            sql.appendInterpolation(SQLQueryString.list(states.map(\.rawValue).sorted()))
        }
        if let country = filter.country { sql.appendLiteral(" AND d.destination = "); sql.appendInterpolation(bind: country.uppercased()) }
        if let org = filter.org { sql.appendLiteral(" AND o.code = "); sql.appendInterpolation(bind: org.uppercased()) }
        let limit = min(max(filter.limit, 1), 5000)
        let views = try await database.read { db in
            try await DeclarationLoader.load(where: sql, by: actor, limit: limit, now: now, on: db)
        }
        let waiting = views.filter { $0.state.isBeforeRelease && $0.state != .draft }
        let order = ClearanceQueue.ordered(waiting.map {
            QueueEntry(id: $0.id, needsPriority: $0.needsPriority.flatMap(NeedsListEntry.Priority.init(rawValue:)), ageSeconds: $0.ageSeconds(now: now))
        })
        let byID = Dictionary(uniqueKeysWithValues: waiting.map { ($0.id, $0) })
        return order.compactMap { byID[$0.id] } + views.filter { !($0.state.isBeforeRelease && $0.state != .draft) }
    }

    /// Takes one step of the life cycle. `version` must be the one the caller saw; a concurrent
    /// change in between makes this a 409 conflict, and exactly one of racing writers wins.
    /// `message` is the question, answer or reason the step carries (required for some steps).
    /// `time` is when the step happened: now, except when history is replayed (demo, tests).
    public func step(id: Int64, _ step: DeclarationStep, version: Int64, message: String? = nil, by actor: Actor, today: Day = .today(),
                     at time: Int64 = UnixTime.now()) async throws -> DeclarationView {
        let text = try DeclarationMessage.checked(message, for: step)
        return try await database.transaction { db in
            try await Self.takeStep(id: id, step, version: version, text: text, by: actor, today: today, at: time, on: db)
        }
    }

    /// The step inside the caller's transaction (a dispatch cancels its declaration this way).
    static func takeStep(id: Int64, _ step: DeclarationStep, version: Int64, text: String?, by actor: Actor, today: Day, at time: Int64,
                         on db: any SQLDatabase) async throws -> DeclarationView {
        guard let current = try await Self.view(id: id, by: actor, on: db) else { throw DomainError.notFound("no declaration with id \(id)") }
        guard current.version == version else {
            throw DomainError.conflict("the declaration changed since you read it (version \(current.version), not \(version)); reload it")
        }
        let party: DeclarationParty = Self.party(of: actor, org: current.org, destination: current.destination)
            ?? DeclarationLifecycle.party(of: step)
        let emergency = try await current.emergencyId.asyncMap { id in
            try await db.raw("SELECT * FROM emergencies WHERE id = \(bind: id)").first().map(CustomsSetupRepository.emergency)
        } ?? nil
        let complete = current.documents.allSatisfy { $0.status != DocumentsChecklist.Status.missing.rawValue }
        let deadlineDays = emergency?.facilities.provisionalDeadlineDays
        let facts = DeclarationFacts(provisionalAllowed: deadlineDays != nil, documentsComplete: complete,
                                     provisional: current.times.completionDue != nil)
        let next = try DeclarationLifecycle.apply(step, to: current.state, by: party, facts: facts)
        var lane: LaneDecision?
        if step == .assignLane { lane = try await Self.selectLane(current, emergency: emergency, today: today, on: db) }
        let stampColumn = ["lodge": "lodged_at", "assign_lane": "lane_at", "release": "released_at", "close": "closed_at"][step.rawValue]
        var sql: SQLQueryString = "UPDATE declarations SET state = \(bind: next.rawValue), version = version + 1"
        if let lane { sql.appendLiteral(", lane = "); sql.appendInterpolation(bind: lane.lane.rawValue)
                      sql.appendLiteral(", lane_reasons = "); sql.appendInterpolation(bind: lane.reasons.joined(separator: "\n")) }
        if let stampColumn { sql.appendLiteral(", \(stampColumn) = "); sql.appendInterpolation(bind: time) }
        if step == .release, !complete, let deadlineDays {
            sql.appendLiteral(", completion_due = ")
            sql.appendInterpolation(bind: ReleaseObligations.completionDue(releasedAt: time, deadlineDays: deadlineDays))
        }
        sql.appendLiteral(" WHERE id = "); sql.appendInterpolation(bind: id)
        sql.appendLiteral(" AND version = "); sql.appendInterpolation(bind: version)
        sql.appendLiteral(" RETURNING id")
        guard try await db.raw(sql).first() != nil else {
            throw DomainError.conflict("the declaration changed since you read it; reload it")
        }
        if let text {
            try await Self.addMessage(declarationID: id, step: step, party: party, actor: actor, at: time, text: text, on: db)
        }
        try await DeclarationAudit.append(declarationID: id, actor: actor, action: step.rawValue, before: current.state.rawValue,
                                          after: next.rawValue + (lane.map { " (\($0.lane.rawValue))" } ?? "")
                                            + (text.map { ": \($0)" } ?? ""), at: time, on: db)
        // Stock reserved for a dispatch leaves its site exactly once, with the release that wins.
        if next == .released { try await DispatchRepository.settle(declarationID: id, at: time, on: db) }
        if next == .cancelled || next == .rejected { try await DispatchRepository.releaseReservation(declarationID: id, at: time, on: db) }
        let updated = try await Self.view(id: id, by: actor, on: db)!
        try await WebhookOutbox.enqueue(DeclarationEvent(declaration: updated, event: "declaration.\(step.rawValue)", at: time), on: db)
        return updated
    }

    static func addMessage(declarationID: Int64, step: DeclarationStep, party: DeclarationParty, actor: Actor, at time: Int64, text: String,
                           on db: any SQLDatabase) async throws {
        let sequence = try await db.count("SELECT COUNT(*) AS n FROM declaration_messages WHERE declaration_id = \(bind: declarationID)") + 1
        try await db.raw("""
            INSERT INTO declaration_messages (declaration_id, sequence, step, party, author, at, body)
            VALUES (\(bind: declarationID), \(bind: sequence), \(bind: step.rawValue), \(bind: party.rawValue),
                    \(bind: DeclarationAudit.actorName(actor)), \(bind: time), \(bind: text))
            """).run()
    }

    /// Selectivity for a lodged declaration, from the facts the store holds.
    static func selectLane(_ declaration: DeclarationView, emergency: Emergency?, today: Day, on db: any SQLDatabase) async throws -> LaneDecision {
        let accredited = try await db.raw("""
            SELECT a.status, a.valid_until FROM accreditations a JOIN organisations o ON o.id = a.org_id
            WHERE o.code = \(bind: declaration.org) AND a.country = \(bind: declaration.destination)
            """).first().map { row in
                try row.string("status") == "approved" && (try row.optionalString("valid_until").flatMap { Day.parse($0) }.map { today <= $0 } ?? true)
            } ?? false
        let earlier = try await db.count("""
            SELECT COUNT(*) AS n FROM declarations d JOIN organisations o ON o.id = d.declarant_org_id
            WHERE o.code = \(bind: declaration.org) AND d.destination = \(bind: declaration.destination)
              AND d.id <> \(bind: declaration.id) AND d.lodged_at IS NOT NULL
            """)
        let needs = try await emergency.asyncMap { try await CustomsSetupRepository.needs(of: $0.id, on: db) } ?? []
        let unrequested = emergency == nil ? 0 : declaration.lines.filter { line in
            guard let hs = HSCode(line.hsCode) else { return false }
            return !needs.contains { $0.priority != .notNeeded && $0.matches(itemCode: line.itemCode, hsCode: hs) }
        }.count
        let catalogue = try await DeclarationLoader.catalogueFacts(of: declaration.id, on: db)
        let ratios = declaration.lines.compactMap { line in
            catalogue[line.lineNo].flatMap {
                ConsignmentPlausibility.valuePerKgRatio(value: line.value, currency: line.currency, grossKg: line.grossKg, catalogue: $0)
            }
        }
        let rules = try await SelectivityRuleRepository.ruleSet(country: declaration.destination, on: db)
        let facts = SelectivityFacts(
            accredited: accredited, emergencyActive: emergency?.isActive(on: today) ?? false,
            specialCargo: Set(declaration.lines.compactMap { HSCode($0.hsCode).flatMap(SpecialCargo.of) }),
            firstDeclarationInCountry: earlier == 0, valuePerKgRatios: ratios, unrequestedLines: unrequested)
        return Selectivity.decide(facts, rules: rules, draw: Selectivity.draw(seed: selectionSeed, reference: "\(declaration.org)/\(declaration.reference)"))
    }

    /// Records the consignment's arrival at its entry point (customs, or the declarant on the
    /// strength of its transport document), once, before release.
    public func recordArrival(id: Int64, at time: Int64 = UnixTime.now(), by actor: Actor) async throws -> DeclarationView {
        try await database.transaction { db in
            guard let current = try await Self.view(id: id, by: actor, on: db) else { throw DomainError.notFound("no declaration with id \(id)") }
            guard current.state.isBeforeRelease, current.state != .draft else {
                throw DomainError.conflict("arrival is recorded for a lodged declaration before its release (this one is \(current.state.rawValue))")
            }
            guard try await db.raw("UPDATE declarations SET arrived_at = \(bind: time), version = version + 1 WHERE id = \(bind: id) AND arrived_at IS NULL RETURNING id").first() != nil else {
                throw DomainError.conflict("the arrival was recorded already")
            }
            try await DeclarationAudit.append(declarationID: id, actor: actor, action: "arrival", before: current.state.rawValue,
                                              after: "arrived at \(current.entryPoint)", at: time, on: db)
            let updated = try await Self.view(id: id, by: actor, on: db)!
            try await WebhookOutbox.enqueue(DeclarationEvent(declaration: updated, event: "declaration.arrival", at: time), on: db)
            return updated
        }
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
