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
        guard let row = try await db.raw("""
            SELECT d.*, o.code AS org_code FROM declarations d JOIN organisations o ON o.id = d.declarant_org_id WHERE d.id = \(bind: id)
            """).first() else { return nil }
        let org = try row.string("org_code"), destination = try row.string("destination")
        let party = party(of: actor, org: org, destination: destination)
        guard party != nil || actor.isAdmin else { return nil }
        let state = DeclarationState(rawValue: try row.string("state")) ?? .draft
        let lines = try await db.raw("SELECT * FROM declaration_lines WHERE declaration_id = \(bind: id) ORDER BY line_no").all().map { l in
            DeclarationView.Line(lineNo: try l.int("line_no"), description: try l.string("description"), itemCode: try l.optionalString("item_code"),
                                 hsCode: try l.string("hs_code"), quantity: Quantity(milli: try l.int64("quantity_milli")), unit: try l.string("unit"),
                                 grossKg: try l.double("gross_kg"), value: Quantity(milli: try l.int64("value_milli")),
                                 currency: try l.string("currency"), origin: try l.string("origin"), reExportBy: try l.optionalString("re_export_by"))
        }
        let documents = try await db.raw("SELECT * FROM declaration_documents WHERE declaration_id = \(bind: id) ORDER BY document").all().map { d in
            let document = try d.string("document")
            return DeclarationView.Document(document: document, label: RequiredDocument(rawValue: document)?.label ?? document,
                                            status: try d.string("status"), fileName: try d.optionalString("file_name"), sha256: try d.optionalString("sha256"))
        }
        let steps = actor.isAdmin ? DeclarationLifecycle.allowedSteps(from: state, by: .customs) + DeclarationLifecycle.allowedSteps(from: state, by: .declarant)
            : DeclarationLifecycle.allowedSteps(from: state, by: party!)
        return DeclarationView(
            id: id, reference: try row.string("reference"), org: org, consignee: try row.string("consignee"), destination: destination,
            entryPoint: try row.string("entry_point"), emergencyId: try row.optionalInt64("emergency_id"),
            transportMode: try row.string("transport_mode"), transportDocument: try row.optionalString("transport_document"),
            expectedArrival: try row.optionalString("expected_arrival"), state: state,
            lane: try row.optionalString("lane").flatMap(Lane.init(rawValue:)),
            laneReasons: try row.optionalString("lane_reasons").map { $0.split(separator: "\n").map(String.init) } ?? [],
            version: try row.int64("version"), lines: lines, documents: documents, allowedSteps: steps)
    }

    /// The declarations the caller may see: its organisations', or its countries' as customs.
    public func list(by actor: Actor) async throws -> [DeclarationView] {
        try await database.read { db in
            let ids = try await db.raw("SELECT id FROM declarations ORDER BY id DESC").all().map { try $0.int64("id") }
            var views: [DeclarationView] = []
            for id in ids { if let view = try await Self.view(id: id, by: actor, on: db) { views.append(view) } }
            return views
        }
    }

    /// Takes one step of the life cycle. `version` must be the one the caller saw; a concurrent
    /// change in between makes this a 409 conflict, and exactly one of racing writers wins.
    /// `time` is when the step happened: now, except when history is replayed (demo, tests).
    public func step(id: Int64, _ step: DeclarationStep, version: Int64, by actor: Actor, today: Day = .today(),
                     at time: Int64 = UnixTime.now()) async throws -> DeclarationView {
        try await database.transaction { db in
            guard let current = try await Self.view(id: id, by: actor, on: db) else { throw DomainError.notFound("no declaration with id \(id)") }
            guard current.version == version else {
                throw DomainError.conflict("the declaration changed since you read it (version \(current.version), not \(version)); reload it")
            }
            let party: DeclarationParty = Self.party(of: actor, org: current.org, destination: current.destination)
                ?? (DeclarationLifecycle.allowedSteps(from: current.state, by: .customs).contains(step) ? .customs : .declarant)
            let emergency = try await current.emergencyId.asyncMap { id in
                try await db.raw("SELECT * FROM emergencies WHERE id = \(bind: id)").first().map(CustomsSetupRepository.emergency)
            } ?? nil
            let complete = current.documents.allSatisfy { $0.status != DocumentsChecklist.Status.missing.rawValue }
            let facts = DeclarationFacts(provisionalAllowed: emergency?.facilities.provisionalDeadlineDays != nil, documentsComplete: complete,
                                         provisional: !complete)
            let next = try DeclarationLifecycle.apply(step, to: current.state, by: party, facts: facts)
            var lane: LaneDecision?
            if step == .assignLane { lane = try await Self.selectLane(current, emergency: emergency, today: today, on: db) }
            let stampColumn = ["lodge": "lodged_at", "assign_lane": "lane_at", "release": "released_at", "close": "closed_at"][step.rawValue]
            var sql: SQLQueryString = "UPDATE declarations SET state = \(bind: next.rawValue), version = version + 1"
            if let lane { sql.appendLiteral(", lane = "); sql.appendInterpolation(bind: lane.lane.rawValue)
                          sql.appendLiteral(", lane_reasons = "); sql.appendInterpolation(bind: lane.reasons.joined(separator: "\n")) }
            if let stampColumn { sql.appendLiteral(", \(stampColumn) = "); sql.appendInterpolation(bind: time) }
            sql.appendLiteral(" WHERE id = "); sql.appendInterpolation(bind: id)
            sql.appendLiteral(" AND version = "); sql.appendInterpolation(bind: version)
            sql.appendLiteral(" RETURNING id")
            guard try await db.raw(sql).first() != nil else {
                throw DomainError.conflict("the declaration changed since you read it; reload it")
            }
            try await DeclarationAudit.append(declarationID: id, actor: actor, action: step.rawValue, before: current.state.rawValue,
                                              after: next.rawValue + (lane.map { " (\($0.lane.rawValue))" } ?? ""), at: time, on: db)
            return try await Self.view(id: id, by: actor, on: db)!
        }
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
        let facts = SelectivityFacts(
            accredited: accredited, emergencyActive: emergency?.isActive(on: today) ?? false,
            specialCargo: Set(declaration.lines.compactMap { HSCode($0.hsCode).flatMap(SpecialCargo.of) }),
            firstDeclarationInCountry: earlier == 0, valuePerKgRatios: [], unrequestedLines: unrequested)
        return Selectivity.decide(facts, rules: .standard, draw: Selectivity.draw(seed: selectionSeed, reference: "\(declaration.org)/\(declaration.reference)"))
    }

    /// The declarant provides a required document (its hash and size are kept); customs may waive one.
    public func setDocument(id: Int64, document: RequiredDocument, status: DocumentsChecklist.Status, fileName: String?, sha256: String?,
                            sizeBytes: Int?, by actor: Actor) async throws -> DeclarationView {
        try await database.transaction { db in
            guard let current = try await Self.view(id: id, by: actor, on: db) else { throw DomainError.notFound("no declaration with id \(id)") }
            let party = Self.party(of: actor, org: current.org, destination: current.destination)
            switch status {
            case .provided where party != .declarant && !actor.isAdmin: throw DomainError.forbidden("only the declarant provides documents")
            case .waived where party != .customs && !actor.isAdmin: throw DomainError.forbidden("only customs waive a document")
            case .missing: throw DomainError.invalid(field: "status", "must be provided or waived")
            default: break
            }
            guard current.documents.contains(where: { $0.document == document.rawValue }) else {
                throw DomainError.invalid(field: "document", "\(document.label) is not required for this consignment")
            }
            guard !current.state.isFinal else { throw DomainError.conflict("the declaration is \(current.state.rawValue)") }
            try await db.raw("""
                UPDATE declaration_documents SET status = \(bind: status.rawValue), file_name = \(bind: fileName), sha256 = \(bind: sha256),
                    size_bytes = \(bind: sizeBytes), updated_at = \(bind: UnixTime.now())
                WHERE declaration_id = \(bind: id) AND document = \(bind: document.rawValue)
                """).run()
            // A document change is a change of the declaration: whoever read it before must reload.
            try await db.raw("UPDATE declarations SET version = version + 1 WHERE id = \(bind: id)").run()
            try await DeclarationAudit.append(declarationID: id, actor: actor, action: "document \(document.rawValue)",
                                              before: current.documents.first { $0.document == document.rawValue }?.status ?? "missing",
                                              after: status.rawValue + (sha256.map { " sha256:\($0)" } ?? ""), on: db)
            return try await Self.view(id: id, by: actor, on: db)!
        }
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
            return try await Self.view(id: id, by: actor, on: db)!
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
