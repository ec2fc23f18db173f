import CorridorCore
import Foundation
import SQLKit

extension DeclarationRepository {
    /// Changes a declaration before release. A draft is its declarant's to edit; once lodged, the
    /// change becomes an amendment request that customs accepts or refuses, and the declaration
    /// stays as lodged meanwhile. Either way the differences go into the audit chain.
    public func amend(
        id: Int64, _ input: DeclarationInput, version: Int64, by actor: Actor, today: Day = .today(),
        at time: Int64 = UnixTime.now()
    ) async throws -> DeclarationView {
        let checked = try input.checked(today: today)
        return try await database.transaction { db in
            guard let current = try await Self.view(id: id, by: actor, on: db) else {
                throw DomainError.notFound("no declaration with id \(id)")
            }
            try DeclarationAmendment.authorize(
                by: DeclarationLifecycle.party(of: actor, declarant: current.org, destination: current.destination),
                isAdmin: actor.isAdmin)
            guard current.version == version else {
                throw DomainError.conflict(
                    "the declaration changed since you read it (version \(current.version), not \(version)); reload it")
            }
            let new = Self.content(of: input, checked)
            try DeclarationAmendment.check(state: current.state, from: current.content, to: new)
            let differences = DeclarationAmendment.differences(from: current.content, to: new)
            guard !differences.isEmpty else { throw DomainError.conflict("the amendment changes nothing") }
            guard let org = try await OrganisationRepository.find(code: current.org, on: db) else {
                throw DomainError.notFound("no organisation")
            }
            try await Self.checkReferences(input, checked, org: org, today: today, excluding: id, on: db)
            switch DeclarationAmendment.route(for: current.state) {
            case .edit:
                try await Self.write(checked, input, id: id, version: version, on: db)
                try await Self.syncChecklist(declarationID: id, lines: checked.lines, at: time, on: db)
                try await DeclarationAudit.append(
                    declarationID: id, actor: actor, action: "amend", before: "version \(current.version)",
                    after: "version \(current.version + 1): " + differences.joined(separator: "; "), at: time, on: db)
            case .request:
                try DeclarationAmendment.checkNoPending(current.amendments)
                let sequence = (current.amendments.map(\.sequence).max() ?? 0) + 1
                let content = String(decoding: try JSONEncoder().encode(input), as: UTF8.self)
                try await db.raw(
                    """
                    INSERT INTO declaration_amendments (declaration_id, sequence, requested_by, requested_at, content, differences, status)
                    VALUES (\(bind: id), \(bind: sequence), \(bind: DeclarationAudit.actorName(actor)), \(bind: time), \(bind: content),
                            \(bind: differences.joined(separator: "\n")), \(bind: AmendmentStatus.pending.rawValue))
                    """
                ).run()
                try await Self.bumpVersion(id: id, from: version, on: db)
                try await DeclarationAudit.append(
                    declarationID: id, actor: actor, action: "amendment requested", before: "version \(current.version)",
                    after: "request \(sequence): " + differences.joined(separator: "; "), at: time, on: db)
            }
            let updated = try await Self.view(id: id, by: actor, on: db)!
            let event = DeclarationAmendment.route(for: current.state) == .edit ? "declaration.amended" : "declaration.amendment_requested"
            try await WebhookOutbox.enqueue(DeclarationEvent(declaration: updated, event: event, at: time), on: db)
            return updated
        }
    }

    /// Customs accepts or refuses an amendment request. An accepted change replaces the content
    /// as requested and, where a lane was given to the old content, selectivity runs again.
    public func decideAmendment(
        id: Int64, sequence: Int, accept: Bool, reason: String?, version: Int64, by actor: Actor, today: Day = .today(),
        at time: Int64 = UnixTime.now()
    ) async throws -> DeclarationView {
        try await database.transaction { db in
            guard let current = try await Self.view(id: id, by: actor, on: db) else {
                throw DomainError.notFound("no declaration with id \(id)")
            }
            let request = current.amendments.first { $0.sequence == sequence }
            let text = try DeclarationAmendment.checkDecision(
                accept: accept, reason: reason, request: request, state: current.state,
                by: DeclarationLifecycle.party(of: actor, declarant: current.org, destination: current.destination),
                isAdmin: actor.isAdmin)
            guard current.version == version else {
                throw DomainError.conflict(
                    "the declaration changed since you read it (version \(current.version), not \(version)); reload it")
            }
            var outcome = "request \(sequence) refused" + (text.map { ": \($0)" } ?? "")
            if accept {
                guard
                    let row = try await db.raw(
                        "SELECT content FROM declaration_amendments WHERE declaration_id = \(bind: id) AND sequence = \(bind: sequence)"
                    ).first()
                else { throw DomainError.notFound("no such amendment request") }
                let input = try JSONDecoder().decode(DeclarationInput.self, from: Data(try row.string("content").utf8))
                let checked = try input.checked(today: today)
                guard let org = try await OrganisationRepository.find(code: current.org, on: db) else {
                    throw DomainError.notFound("no organisation")
                }
                try await Self.checkReferences(input, checked, org: org, today: today, excluding: id, on: db)
                try await Self.write(checked, input, id: id, version: version, on: db)
                try await Self.syncChecklist(declarationID: id, lines: checked.lines, at: time, on: db)
                outcome = "request \(sequence) accepted: " + (request?.differences ?? []).joined(separator: "; ")
                if DeclarationAmendment.rerunsSelectivity(from: current.state) {
                    let amended = try await Self.view(id: id, by: actor, on: db)!
                    let emergency =
                        try await amended.emergencyId.asyncMap { id in
                            try await db.raw("SELECT * FROM emergencies WHERE id = \(bind: id)").first().map(
                                CustomsSetupRepository.emergency)
                        } ?? nil
                    let lane = try await Self.selectLane(amended, emergency: emergency, today: today, on: db)
                    try await db.raw(
                        """
                        UPDATE declarations SET state = \(bind: DeclarationState.laneAssigned.rawValue), lane = \(bind: lane.lane.rawValue),
                            lane_reasons = \(bind: lane.reasons.joined(separator: "\n")), lane_at = \(bind: time) WHERE id = \(bind: id)
                        """
                    ).run()
                    outcome += "; selectivity again: \(current.lane?.rawValue ?? "none") → \(lane.lane.rawValue)"
                }
            } else {
                try await Self.bumpVersion(id: id, from: version, on: db)
            }
            try await db.raw(
                """
                UPDATE declaration_amendments SET status = \(bind: (accept ? AmendmentStatus.accepted : .refused).rawValue),
                    decided_by = \(bind: DeclarationAudit.actorName(actor)), decided_at = \(bind: time), reason = \(bind: text)
                WHERE declaration_id = \(bind: id) AND sequence = \(bind: sequence)
                """
            ).run()
            try await DeclarationAudit.append(
                declarationID: id, actor: actor, action: accept ? "amendment accepted" : "amendment refused",
                before: "version \(current.version)", after: outcome, at: time, on: db)
            let updated = try await Self.view(id: id, by: actor, on: db)!
            try await WebhookOutbox.enqueue(
                DeclarationEvent(
                    declaration: updated, event: accept ? "declaration.amendment_accepted" : "declaration.amendment_refused", at: time),
                on: db)
            return updated
        }
    }

    static func content(of input: DeclarationInput, _ checked: CheckedDeclaration) -> DeclarationContent {
        DeclarationContent(
            reference: checked.reference, consignee: input.consignee.trimmedCell, destination: checked.destination.value,
            entryPoint: input.entryPoint.uppercased(), emergencyId: input.emergencyId, transportMode: checked.mode.rawValue,
            transportDocument: checked.particulars.transportDocument,
            transportDocumentType: checked.particulars.transportDocumentType?.rawValue,
            expectedArrival: checked.expectedArrival?.description, packages: checked.particulars.packages,
            packagesKind: checked.particulars.packagesKind, lines: checked.lines)
    }

    /// Writes the content and its lines when the declaration is still at `version`.
    static func write(_ checked: CheckedDeclaration, _ input: DeclarationInput, id: Int64, version: Int64, on db: any SQLDatabase)
        async throws
    {
        let new = content(of: input, checked)
        let costs = try input.checkedCosts()
        guard
            try await db.raw(
                """
                UPDATE declarations SET reference = \(bind: new.reference), consignee = \(bind: new.consignee), entry_point = \(bind: new.entryPoint),
                    emergency_id = \(bind: new.emergencyId), transport_mode = \(bind: new.transportMode),
                    transport_document = \(bind: new.transportDocument), transport_document_type = \(bind: new.transportDocumentType),
                    packages = \(bind: new.packages), packages_kind = \(bind: new.packagesKind),
                    expected_arrival = \(bind: new.expectedArrival), freight_milli = \(bind: costs.freight?.milli),
                    insurance_milli = \(bind: costs.insurance?.milli), costs_currency = \(bind: costs.currency), version = version + 1
                WHERE id = \(bind: id) AND version = \(bind: version) RETURNING id
                """
            ).first() != nil
        else {
            throw DomainError.conflict("the declaration changed since you read it; reload it")
        }
        try await db.raw("DELETE FROM declaration_lines WHERE declaration_id = \(bind: id)").run()
        try await Self.insertLines(checked.lines, declarationID: id, on: db)
    }

    /// A change beside the content (a request, a refusal) still makes earlier readers reload.
    static func bumpVersion(id: Int64, from version: Int64, on db: any SQLDatabase) async throws {
        guard
            try await db.raw(
                "UPDATE declarations SET version = version + 1 WHERE id = \(bind: id) AND version = \(bind: version) RETURNING id"
            )
            .first() != nil
        else { throw DomainError.conflict("the declaration changed since you read it; reload it") }
    }

    static func insertLines(_ lines: [CheckedDeclarationLine], declarationID id: Int64, on db: any SQLDatabase) async throws {
        try await BulkInsert.insert(
            into: "declaration_lines",
            columns: [
                "declaration_id", "line_no", "description", "item_code", "hs_code", "quantity_milli", "unit", "gross_kg",
                "value_milli", "currency", "origin", "re_export_by", "no_commercial_value",
            ],
            rows: lines.enumerated().map { index, line in
                [
                    id, index + 1, line.description, line.itemCode, line.hsCode.digits, line.quantity.milli, line.unit, line.grossKg,
                    line.value.milli, line.currency, line.origin, line.reExportBy?.description, line.noCommercialValue ? 1 : 0,
                ]
            }, on: db)
    }

    /// Adds the documents the new lines require (missing) and drops those no longer required.
    static func syncChecklist(declarationID id: Int64, lines: [CheckedDeclarationLine], at time: Int64, on db: any SQLDatabase) async throws
    {
        let goods = try await DeclaredGoodsReader.goods(of: lines, on: db)
        let required = Set(DocumentsChecklist.required(for: goods).map(\.rawValue))
        let present = Set(
            try await db.raw("SELECT document FROM declaration_documents WHERE declaration_id = \(bind: id)").all()
                .map { try $0.string("document") })
        for gone in present.subtracting(required).sorted() {
            try await db.raw("DELETE FROM document_files WHERE declaration_id = \(bind: id) AND document = \(bind: gone)").run()
            try await db.raw("DELETE FROM declaration_documents WHERE declaration_id = \(bind: id) AND document = \(bind: gone)").run()
        }
        try await BulkInsert.insert(
            into: "declaration_documents", columns: ["declaration_id", "document", "status", "updated_at"],
            rows: required.subtracting(present).sorted().map { [id, $0, DocumentsChecklist.Status.missing.rawValue, time] }, on: db)
    }
}
