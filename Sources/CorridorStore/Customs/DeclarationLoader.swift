import CorridorCore
import Foundation
import SQLKit

/// Reads declarations with their lines, documents, messages and needs matches in a fixed number
/// of queries, however many there are: the customs queue of a large emergency must not cost a
/// query per consignment.
enum DeclarationLoader {
    static func load(
        where filter: SQLQueryString, by actor: Actor, limit: Int = 1000, now: Int64 = UnixTime.now(),
        on db: any SQLDatabase
    ) async throws -> [DeclarationView] {
        try await load(where: filter, extraColumns: nil, by: actor, limit: limit, now: now, on: db).map(\.view)
    }

    /// What a step needs beyond the view, read in the view's own first query.
    struct StepFacts: Sendable {
        var provisionalDeadlineDays: Int?
        var reservedDispatches: Int
        var lastAuditEvent: AuditEvent?
    }

    /// One declaration with what a step needs, in the queries of one view.
    static func loadForStep(id: Int64, by actor: Actor, now: Int64, on db: any SQLDatabase) async throws -> (
        view: DeclarationView, facts: StepFacts
    )? {
        let extra: SQLQueryString = """
            , (SELECT e.provisional_deadline_days FROM emergencies e WHERE e.id = d.emergency_id) AS step_provisional_days,
              (SELECT COUNT(*) FROM dispatches x WHERE x.declaration_id = d.id AND x.state = 'reserved') AS step_reserved_dispatches,
              a.sequence AS step_audit_sequence, a.actor AS step_audit_actor, a.at AS step_audit_at, a.action AS step_audit_action,
              a.before_state AS step_audit_before, a.after_state AS step_audit_after, a.previous_hash AS step_audit_previous,
              a.hash AS step_audit_hash
            """
        var filter: SQLQueryString = "d.id = "
        filter.appendInterpolation(bind: id)
        guard let (view, row) = try await load(where: filter, extraColumns: extra, by: actor, limit: 1, now: now, on: db).first else {
            return nil
        }
        let lastEvent = try row.decode(column: "step_audit_sequence", as: Int?.self).map { sequence in
            AuditEvent(
                sequence: sequence, declarationID: id, actor: try row.string("step_audit_actor"), at: try row.int64("step_audit_at"),
                action: try row.string("step_audit_action"), before: try row.string("step_audit_before"),
                after: try row.string("step_audit_after"), previousHash: try row.string("step_audit_previous"),
                hash: try row.string("step_audit_hash"))
        }
        return (
            view,
            StepFacts(
                provisionalDeadlineDays: try row.decode(column: "step_provisional_days", as: Int?.self),
                reservedDispatches: try row.int("step_reserved_dispatches"), lastAuditEvent: lastEvent)
        )
    }

    private static func load(
        where filter: SQLQueryString, extraColumns: SQLQueryString?, by actor: Actor, limit: Int, now: Int64,
        on db: any SQLDatabase
    ) async throws -> [(view: DeclarationView, row: any SQLRow)] {
        var sql: SQLQueryString =
            "SELECT d.*, o.code AS org_code, (SELECT e.locode FROM entry_points e WHERE e.code = d.entry_point) AS entry_point_locode"
        if let extraColumns {
            sql.appendInterpolation(extraColumns)
            sql.appendLiteral(
                """
                 FROM declarations d JOIN organisations o ON o.id = d.declarant_org_id
                LEFT JOIN audit_events a ON a.declaration_id = d.id
                    AND a.sequence = (SELECT MAX(m.sequence) FROM audit_events m WHERE m.declaration_id = d.id)
                """)
            sql.appendLiteral(" WHERE ")
        } else {
            sql.appendLiteral(" FROM declarations d JOIN organisations o ON o.id = d.declarant_org_id WHERE ")
        }
        sql.appendInterpolation(filter)
        sql.appendLiteral(" ORDER BY d.id DESC LIMIT \(max(1, limit))")
        let rows = try await db.raw(sql).all().filter { row in
            DeclarationLifecycle.isVisible(
                to: actor, declarant: try row.string("org_code"), destination: try row.string("destination"),
                state: DeclarationState(rawValue: try row.string("state")) ?? .draft)
        }
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.int64("id") }
        let idList = SQLQueryString.list(ids)

        var lines: [Int64: [(DeclarationView.Line, ConsignmentPlausibility.CatalogueFacts)]] = [:]
        for l in try await db.raw(
            """
            SELECT l.*, i.weight_kg AS item_weight_kg, i.value_usd_milli AS item_value_usd_milli,
                i.alternative_hs_codes AS item_alternative_hs_codes, i.un_number AS item_un_number,
                i.controlled_medicine AS item_controlled_medicine FROM declaration_lines l
            LEFT JOIN items i ON i.code = l.item_code WHERE l.declaration_id IN \(idList) ORDER BY l.declaration_id, l.line_no
            """
        ).all() {
            let line = DeclarationView.Line(
                lineNo: try l.int("line_no"), description: try l.string("description"), itemCode: try l.optionalString("item_code"),
                hsCode: try l.string("hs_code"), quantity: Quantity(milli: try l.int64("quantity_milli")), unit: try l.string("unit"),
                grossKg: try l.double("gross_kg"), value: Quantity(milli: try l.int64("value_milli")), currency: try l.string("currency"),
                origin: try l.string("origin"), reExportBy: try l.optionalString("re_export_by"),
                reExportedAt: try l.decode(column: "re_exported_at", as: Int64?.self),
                alternativeHsCodes: CatalogueCustomsSchema.codes(try l.optionalString("item_alternative_hs_codes") ?? ""),
                unNumber: try l.optionalString("item_un_number"),
                controlledMedicine: (try l.decode(column: "item_controlled_medicine", as: Int?.self) ?? 0) != 0,
                noCommercialValue: try l.int("no_commercial_value") != 0, indicativeValueUSD: nil)
            let facts = ConsignmentPlausibility.CatalogueFacts(
                weightKgPerUnit: try l.decode(column: "item_weight_kg", as: Double?.self),
                valueUSDPerUnit: try l.decode(column: "item_value_usd_milli", as: Int64?.self).map(Quantity.init(milli:)))
            var shown = line
            if line.noCommercialValue, let unit = facts.valueUSDPerUnit {
                shown.indicativeValueUSD = unit.multiplied(by: line.quantity)?.rounded(toDecimals: 2)
            }
            lines[try l.int64("declaration_id"), default: []].append((shown, facts))
        }
        var documents: [Int64: [DeclarationView.Document]] = [:]
        for d in try await db.raw(
            """
            SELECT dd.*, f.sha256 AS stored_sha256 FROM declaration_documents dd
            LEFT JOIN document_files f ON f.declaration_id = dd.declaration_id AND f.document = dd.document
            WHERE dd.declaration_id IN \(idList) ORDER BY dd.declaration_id, dd.document
            """
        ).all() {
            let document = try d.string("document")
            documents[try d.int64("declaration_id"), default: []].append(
                DeclarationView.Document(
                    document: document, label: RequiredDocument(rawValue: document)?.label ?? document, status: try d.string("status"),
                    fileName: try d.optionalString("file_name"), sha256: try d.optionalString("sha256"),
                    sizeBytes: try d.decode(column: "size_bytes", as: Int64?.self), stored: try d.optionalString("stored_sha256") != nil,
                    verdictReason: try d.optionalString("verdict_reason")))
        }
        var amendments: [Int64: [AmendmentRequest]] = [:]
        for a in try await db.raw(
            "SELECT * FROM declaration_amendments WHERE declaration_id IN \(idList) ORDER BY declaration_id, sequence"
        )
        .all() {
            amendments[try a.int64("declaration_id"), default: []].append(
                AmendmentRequest(
                    sequence: try a.int("sequence"), requestedBy: try a.string("requested_by"), requestedAt: try a.int64("requested_at"),
                    differences: try a.string("differences").split(separator: "\n").map(String.init),
                    status: AmendmentStatus(rawValue: try a.string("status")) ?? .pending, decidedBy: try a.optionalString("decided_by"),
                    decidedAt: try a.optionalInt64("decided_at"), reason: try a.optionalString("reason")))
        }
        var messages: [Int64: [DeclarationMessage]] = [:]
        for m in try await db.raw("SELECT * FROM declaration_messages WHERE declaration_id IN \(idList) ORDER BY declaration_id, sequence")
            .all()
        {
            guard let step = DeclarationStep(rawValue: try m.string("step")), let party = DeclarationParty(rawValue: try m.string("party"))
            else { continue }
            messages[try m.int64("declaration_id"), default: []].append(
                DeclarationMessage(
                    sequence: try m.int("sequence"), step: step, party: party, author: try m.string("author"), at: try m.int64("at"),
                    text: try m.string("body")))
        }
        let emergencyIDs = Set(try rows.compactMap { try $0.optionalInt64("emergency_id") })
        var needs: [Int64: [NeedsListEntry]] = [:]
        if !emergencyIDs.isEmpty {
            for row in try await db.raw("SELECT * FROM needs WHERE emergency_id IN \(SQLQueryString.list(emergencyIDs.sorted()))").all() {
                needs[try row.int64("emergency_id"), default: []].append(
                    NeedsListEntry(
                        itemCode: try row.optionalString("item_code"), hsHeading: try row.optionalString("hs_heading"),
                        priority: NeedsListEntry.Priority(rawValue: try row.int("priority")) ?? .canWait))
            }
        }
        return try rows.map { row in (try view(of: row), row) }

        func view(of row: any SQLRow) throws -> DeclarationView {
            let id = try row.int64("id")
            let org = try row.string("org_code"), destination = try row.string("destination")
            let state = DeclarationState(rawValue: try row.string("state")) ?? .draft
            let lane = try row.optionalString("lane").flatMap(Lane.init(rawValue:))
            let ownLines = lines[id] ?? []
            let times = DeclarationView.Times(
                created: try row.int64("created_at"), lodged: try row.optionalInt64("lodged_at"),
                arrived: try row.optionalInt64("arrived_at"),
                laneAssigned: try row.optionalInt64("lane_at"), released: try row.optionalInt64("released_at"),
                closed: try row.optionalInt64("closed_at"), completionDue: try row.optionalInt64("completion_due"))
            let emergencyID = try row.optionalInt64("emergency_id")
            let priority = emergencyID.flatMap { needs[$0] }.flatMap { entries in
                ClearanceQueue.priority(lines: ownLines.compactMap(\.0.goods), needs: entries)
            }
            var view = DeclarationView(
                id: id, reference: try row.string("reference"), org: org, consignee: try row.string("consignee"), destination: destination,
                entryPoint: try row.string("entry_point"), entryPointLocode: try row.optionalString("entry_point_locode"),
                emergencyId: emergencyID,
                transportMode: try row.string("transport_mode"), transportDocument: try row.optionalString("transport_document"),
                transportDocumentType: try row.optionalString("transport_document_type"),
                expectedArrival: try row.optionalString("expected_arrival"), packages: try row.decode(column: "packages", as: Int?.self),
                packagesKind: try row.optionalString("packages_kind"), state: state, lane: lane,
                laneReasons: try row.optionalString("lane_reasons").map { $0.split(separator: "\n").map(String.init) } ?? [],
                version: try row.int64("version"), times: times, lines: ownLines.map(\.0), documents: documents[id] ?? [],
                messages: messages[id] ?? [],
                warnings: ownLines.compactMap { line, facts in
                    ConsignmentPlausibility.weightWarning(
                        line: line.lineNo, quantity: line.quantity, grossKg: line.grossKg, catalogue: facts)
                },
                needsPriority: priority?.rawValue, serviceLevel: nil, allowedSteps: [],
                transportCosts: TransportCosts(
                    freight: try row.optionalInt64("freight_milli").map(Quantity.init(milli:)),
                    insurance: try row.optionalInt64("insurance_milli").map(Quantity.init(milli:)),
                    currency: try row.optionalString("costs_currency")),
                nationalCurrency: try row.optionalString("national_currency"),
                exchangeRates: ExchangeRateRepository.decode(try row.optionalString("lodgement_rates")),
                amendments: amendments[id] ?? [], lodgingGaps: [])
            view.derive(for: actor, now: now)
            return view
        }
    }

    /// The catalogue facts of each line of a declaration, for the value-per-kg indicator.
    static func catalogueFacts(of id: Int64, on db: any SQLDatabase) async throws -> [Int: ConsignmentPlausibility.CatalogueFacts] {
        var facts: [Int: ConsignmentPlausibility.CatalogueFacts] = [:]
        for row in try await db.raw(
            """
            SELECT l.line_no, i.weight_kg, i.value_usd_milli FROM declaration_lines l JOIN items i ON i.code = l.item_code WHERE l.declaration_id = \(bind: id)
            """
        ).all() {
            facts[try row.int("line_no")] = ConsignmentPlausibility.CatalogueFacts(
                weightKgPerUnit: try row.decode(column: "weight_kg", as: Double?.self),
                valueUSDPerUnit: try row.decode(column: "value_usd_milli", as: Int64?.self).map(Quantity.init(milli:)))
        }
        return facts
    }
}
