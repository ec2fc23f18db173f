import CorridorCore
import Foundation
import SQLKit

extension DeclarationRepository {
    /// Replaces a declaration's content before release. The differences go into the audit chain;
    /// the lines and the documents checklist follow the new content (documents still required keep
    /// their status); a lane given to the old content is withdrawn so selectivity runs again.
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
            let new = DeclarationContent(
                reference: checked.reference, consignee: input.consignee.trimmedCell, destination: checked.destination.value,
                entryPoint: input.entryPoint.uppercased(), emergencyId: input.emergencyId, transportMode: checked.mode.rawValue,
                transportDocument: input.transportDocument, expectedArrival: checked.expectedArrival?.description, lines: checked.lines)
            try DeclarationAmendment.check(state: current.state, from: current.content, to: new)
            let differences = DeclarationAmendment.differences(from: current.content, to: new)
            guard !differences.isEmpty else { throw DomainError.conflict("the amendment changes nothing") }
            guard let org = try await OrganisationRepository.find(code: current.org, on: db) else {
                throw DomainError.notFound("no organisation")
            }
            try await Self.checkReferences(input, checked, org: org, today: today, excluding: id, on: db)
            let next = DeclarationAmendment.state(after: current.state)
            var sql: SQLQueryString = """
                UPDATE declarations SET reference = \(bind: new.reference), consignee = \(bind: new.consignee), entry_point = \(bind: new.entryPoint),
                    emergency_id = \(bind: new.emergencyId), transport_mode = \(bind: new.transportMode),
                    transport_document = \(bind: new.transportDocument), expected_arrival = \(bind: new.expectedArrival),
                    state = \(bind: next.rawValue), version = version + 1
                """
            if next != current.state { sql.appendLiteral(", lane = NULL, lane_reasons = NULL, lane_at = NULL") }
            sql.appendLiteral(" WHERE id = "); sql.appendInterpolation(bind: id)
            sql.appendLiteral(" AND version = "); sql.appendInterpolation(bind: version)
            sql.appendLiteral(" RETURNING id")
            guard try await db.raw(sql).first() != nil else {
                throw DomainError.conflict("the declaration changed since you read it; reload it")
            }
            try await db.raw("DELETE FROM declaration_lines WHERE declaration_id = \(bind: id)").run()
            try await Self.insertLines(checked.lines, declarationID: id, on: db)
            try await Self.syncChecklist(declarationID: id, lines: checked.lines, at: time, on: db)
            try await DeclarationAudit.append(
                declarationID: id, actor: actor, action: "amend", before: "version \(current.version)",
                after: "version \(current.version + 1): " + differences.joined(separator: "; ")
                    + (next != current.state ? "; lane withdrawn, back to \(next.rawValue)" : ""), at: time, on: db)
            let updated = try await Self.view(id: id, by: actor, on: db)!
            try await WebhookOutbox.enqueue(DeclarationEvent(declaration: updated, event: "declaration.amended", at: time), on: db)
            return updated
        }
    }

    static func insertLines(_ lines: [CheckedDeclarationLine], declarationID id: Int64, on db: any SQLDatabase) async throws {
        try await BulkInsert.insert(
            into: "declaration_lines",
            columns: [
                "declaration_id", "line_no", "description", "item_code", "hs_code", "quantity_milli", "unit", "gross_kg",
                "value_milli", "currency", "origin", "re_export_by",
            ],
            rows: lines.enumerated().map { index, line in
                [
                    id, index + 1, line.description, line.itemCode, line.hsCode.digits, line.quantity.milli, line.unit, line.grossKg,
                    line.value.milli, line.currency, line.origin, line.reExportBy?.description,
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
