import CorridorCore
import Foundation
import SQLKit

/// Relief consignment declarations: drafted by an organisation, worked by the customs of the
/// destination country. Every change is one transaction with its audit event; a write carrying a
/// stale `version` is refused.
public struct DeclarationRepository: Sendable {
    let database: Database
    /// Seed of the random selection, so a lane can be explained after the fact.
    public static let selectionSeed: UInt64 = 2026

    public func create(
        _ input: DeclarationInput, org orgCode: String, by actor: Actor, today: Day = .today(),
        at time: Int64 = UnixTime.now()
    ) async throws -> DeclarationView {
        try Policy.authorize(actor, .draftDeclaration, .organisation(code: orgCode.uppercased()))
        _ = try input.checked(today: today)
        let id = try await database.transaction { db -> Int64 in
            guard let org = try await OrganisationRepository.find(code: orgCode, on: db) else {
                throw DomainError.notFound("no organisation with code \(orgCode)")
            }
            return try await Self.insertDraft(input, org: org, by: actor, today: today, at: time, on: db)
        }
        return try await view(id: id, by: actor)!
    }

    /// Checks and stores a draft with its lines, documents checklist and first audit event, inside
    /// the caller's transaction (a dispatch drafts its declaration this way).
    static func insertDraft(
        _ input: DeclarationInput, org: Organisation, by actor: Actor, today: Day, at time: Int64,
        on db: any SQLDatabase
    ) async throws -> Int64 {
        let checked = try input.checked(today: today)
        let costs = try input.checkedCosts()
        try await Self.checkReferences(input, checked, org: org, today: today, on: db)
        if let currency = costs.currency, try await db.raw("SELECT code FROM currencies WHERE code = \(bind: currency)").first() == nil {
            throw DomainError.invalid(field: "costs_currency", "'\(currency)' is not an ISO 4217 currency")
        }
        guard
            let id = try await db.raw(
                """
                INSERT INTO declarations (reference, declarant_org_id, consignee, destination, entry_point, emergency_id, transport_mode,
                    transport_document, transport_document_type, packages, packages_kind, expected_arrival, state, version, created_at,
                    freight_milli, insurance_milli, costs_currency)
                VALUES (\(bind: checked.reference), \(bind: org.id), \(bind: input.consignee.trimmedCell), \(bind: checked.destination.value),
                    \(bind: input.entryPoint.uppercased()), \(bind: input.emergencyId), \(bind: checked.mode.rawValue),
                    \(bind: checked.particulars.transportDocument), \(bind: checked.particulars.transportDocumentType?.rawValue),
                    \(bind: checked.particulars.packages), \(bind: checked.particulars.packagesKind),
                    \(bind: checked.expectedArrival?.description), 'draft', 1, \(bind: time),
                    \(bind: costs.freight?.milli), \(bind: costs.insurance?.milli), \(bind: costs.currency))
                RETURNING id
                """
            ).first()?.int64("id")
        else { throw DomainError.conflict("the declaration was not stored") }
        try await Self.insertLines(checked.lines, declarationID: id, on: db)
        let required = DocumentsChecklist.required(for: try await DeclaredGoodsReader.goods(of: checked.lines, on: db))
        try await BulkInsert.insert(
            into: "declaration_documents", columns: ["declaration_id", "document", "status", "updated_at"],
            rows: required.map { [id, $0.rawValue, DocumentsChecklist.Status.missing.rawValue, time] }, on: db)
        try await DeclarationAudit.append(
            declarationID: id, actor: actor, action: "create", before: "none", after: "draft", at: time, on: db)
        return id
    }

    /// The store's half of validation: every code must exist, the entry point must be in the
    /// destination, the emergency must be the destination's and active, the reference unused.
    static func checkReferences(
        _ input: DeclarationInput,
        _ checked: CheckedDeclaration, org: Organisation, today: Day,
        excluding ownID: Int64? = nil, on db: any SQLDatabase
    ) async throws {
        var problems = ProblemList()
        if let point = try await db.raw("SELECT country FROM entry_points WHERE code = \(bind: input.entryPoint.uppercased())").first() {
            if try point.string("country") != checked.destination.value {
                problems.add(field: "entry_point", "\(input.entryPoint.uppercased()) is not in \(checked.destination)")
            }
        } else {
            problems.add(field: "entry_point", "'\(input.entryPoint)' is not a known entry point of \(checked.destination)")
        }
        if let emergencyID = input.emergencyId {
            let emergency = try await db.raw("SELECT * FROM emergencies WHERE id = \(bind: emergencyID)").first().map(
                CustomsSetupRepository.emergency)
            if emergency == nil || emergency!.country != checked.destination.value {
                problems.add(field: "emergency_id", "no emergency \(emergencyID) in \(checked.destination)")
            } else if !emergency!.isActive(on: today) {
                problems.add(field: "emergency_id", "the emergency \(emergency!.name) is not active")
            }
        }
        if let other = try await db.raw(
            "SELECT id FROM declarations WHERE declarant_org_id = \(bind: org.id) AND reference = \(bind: checked.reference)"
        ).first(),
            try other.int64("id") != ownID
        {
            problems.add(field: "reference", "\(org.code) already used reference \(checked.reference)")
        }
        // One query per reference table for all lines, however many there are.
        func known(_ table: String, _ column: String, _ values: Set<String>) async throws -> Set<String> {
            guard !values.isEmpty else { return [] }
            return Set(
                try await db.raw(
                    "SELECT \(ident: column) AS v FROM \(ident: table) WHERE \(ident: column) IN \(SQLQueryString.list(values.sorted()))"
                )
                .all().map { try $0.string("v") })
        }
        let hsCodes = try await known("hs_codes", "code", Set(checked.lines.map(\.hsCode.international)))
        let currencies = try await known("currencies", "code", Set(checked.lines.map(\.currency)))
        let countries = try await known("countries", "alpha2", Set(checked.lines.map(\.origin)))
        let items = try await known("items", "code", Set(checked.lines.compactMap(\.itemCode)))
        for (index, line) in checked.lines.enumerated() {
            if !hsCodes.contains(line.hsCode.international) {
                problems.add(
                    Problem(
                        row: index + 1, field: "lines[\(index)].hs_code",
                        problem: "\(line.hsCode.international) is not an HS 2022 subheading"))
            }
            if !currencies.contains(line.currency) {
                problems.add(
                    Problem(row: index + 1, field: "lines[\(index)].currency", problem: "'\(line.currency)' is not an ISO 4217 currency"))
            }
            if !countries.contains(line.origin) {
                problems.add(Problem(row: index + 1, field: "lines[\(index)].origin", problem: "'\(line.origin)' is not a known country"))
            }
            if let item = line.itemCode, !items.contains(item) {
                problems.add(Problem(row: index + 1, field: "lines[\(index)].item_code", problem: "'\(item)' is not a catalogue item"))
            }
        }
        try problems.check()
    }
}
