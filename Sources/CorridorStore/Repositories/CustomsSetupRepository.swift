import CorridorCore
import Foundation
import SQLKit

/// What a customs administration sets up before consignments arrive: entry points, emergencies
/// with their needs lists, accreditation of organisations, duty rates.
public struct CustomsSetupRepository: Sendable {
    let database: Database

    public func entryPoints(country: String?) async throws -> [EntryPoint] {
        try await database.read { db in try await Self.entryPoints(country: country, on: db) }
    }

    static func entryPoints(country: String?, on db: any SQLDatabase) async throws -> [EntryPoint] {
        var sql: SQLQueryString = "SELECT * FROM entry_points"
        if let country { sql.appendLiteral(" WHERE country = "); sql.appendInterpolation(bind: country.uppercased()) }
        sql.appendLiteral(" ORDER BY country, kind, name")
        return try await db.raw(sql).all().map { row in
            EntryPoint(
                code: try row.string("code"), locode: try row.optionalString("locode"), name: try row.string("name"),
                country: try row.string("country"),
                kind: EntryPoint.Kind(rawValue: try row.string("kind")) ?? .inland, lat: try row.optionalDouble("lat"),
                lon: try row.optionalDouble("lon"), locodeVerified: try row.int("locode_verified") != 0)
        }
    }

    public func dutyRates(country: String) async throws -> DutyRateTable {
        try await database.read { db in
            DutyRateTable(
                bands: try await db.raw("SELECT * FROM duty_rates WHERE country = \(bind: country.uppercased()) ORDER BY position")
                    .all().map { row in
                        .init(
                            firstChapter: try row.int("first_chapter"), lastChapter: try row.int("last_chapter"),
                            dutyPercent: try row.double("duty_percent"), taxPercent: try row.double("tax_percent"))
                    })
        }
    }

    // MARK: Emergencies

    public func createEmergency(_ input: EmergencyInput, by actor: Actor) async throws -> Emergency {
        let valid = try input.validated()
        try Policy.authorize(actor, .manageEmergencies, .country(valid.country.value))
        return try await database.transaction { db in
            guard try await ReferenceRepository.countryExists(valid.country.value, on: db) else {
                throw DomainError.invalid(field: "country", "'\(valid.country)' is not a known country")
            }
            let f = valid.facilities
            guard
                let id = try await db.raw(
                    """
                    INSERT INTO emergencies (country, name, hazard, declared, ends, pre_arrival, provisional_deadline_days, duty_tax_waiver,
                                             fee_waiver, out_of_hours, legal_basis, created_by, created_at)
                    VALUES (\(bind: valid.country.value), \(bind: valid.name), \(bind: valid.hazard), \(bind: valid.declared.description),
                            \(bind: valid.ends?.description), \(bind: f.preArrivalLodgement ? 1 : 0), \(bind: f.provisionalDeadlineDays),
                            \(bind: f.dutyTaxWaiver ? 1 : 0), \(bind: f.feeWaiver ? 1 : 0), \(bind: f.outOfHoursClearance ? 1 : 0),
                            \(bind: input.legalBasis.flatMap { $0.trimmedCell.isEmpty ? nil : $0.trimmedCell }), \(bind: actor.userID),
                            \(bind: UnixTime.now()))
                    RETURNING id
                    """
                ).first()?.int64("id")
            else { throw DomainError.conflict("the emergency was not stored") }
            return Emergency(
                id: id, country: valid.country.value, name: valid.name, hazard: valid.hazard, declared: valid.declared,
                ends: valid.ends, facilities: f, legalBasis: input.legalBasis.flatMap { $0.trimmedCell.isEmpty ? nil : $0.trimmedCell })
        }
    }

    public func emergencies(country: String?) async throws -> [Emergency] {
        try await database.read { db in
            var sql: SQLQueryString = "SELECT * FROM emergencies"
            if let country { sql.appendLiteral(" WHERE country = "); sql.appendInterpolation(bind: country.uppercased()) }
            sql.appendLiteral(" ORDER BY declared DESC, id DESC")
            return try await db.raw(sql).all().map(Self.emergency)
        }
    }

    public func emergency(id: Int64) async throws -> Emergency? {
        try await database.read { db in try await db.raw("SELECT * FROM emergencies WHERE id = \(bind: id)").first().map(Self.emergency) }
    }

    /// Adds a line to an emergency's needs list (customs of that country, or admins).
    public func addNeed(_ entry: NeedsListEntry, to emergencyID: Int64, by actor: Actor) async throws {
        guard let emergency = try await emergency(id: emergencyID) else {
            throw DomainError.notFound("no emergency with id \(emergencyID)")
        }
        try Policy.authorize(actor, .manageEmergencies, .country(emergency.country))
        var problems = ProblemList()
        if (entry.itemCode == nil) == (entry.hsHeading == nil) {
            problems.add(field: "item_code", "give either a catalogue item code or an HS heading")
        }
        if let heading = entry.hsHeading, HSCode(heading)?.level != 4 {
            problems.add(field: "hs_heading", "must be a 4-digit HS heading, e.g. 6306")
        }
        try problems.check()
        try await database.transaction { db in
            if let code = entry.itemCode,
                try await db.raw("SELECT code FROM items WHERE code = \(bind: code.uppercased())").first() == nil
            {
                throw DomainError.invalid(field: "item_code", "'\(code)' is not a catalogue item code")
            }
            if let heading = entry.hsHeading,
                try await db.raw("SELECT code FROM hs_codes WHERE code = \(bind: heading)").first() == nil
            {
                throw DomainError.invalid(field: "hs_heading", "\(heading) is not an HS 2022 heading")
            }
            try await db.raw(
                """
                INSERT INTO needs (emergency_id, item_code, hs_heading, priority, note)
                VALUES (\(bind: emergencyID), \(bind: entry.itemCode?.uppercased()), \(bind: entry.hsHeading), \(bind: entry.priority.rawValue), \(bind: entry.note))
                """
            ).run()
        }
    }

    public func needs(of emergencyID: Int64) async throws -> [NeedsListEntry] {
        try await database.read { db in try await Self.needs(of: emergencyID, on: db) }
    }

    static func needs(of emergencyID: Int64, on db: any SQLDatabase) async throws -> [NeedsListEntry] {
        try await db.raw("SELECT * FROM needs WHERE emergency_id = \(bind: emergencyID) ORDER BY priority, id").all().map { row in
            NeedsListEntry(
                itemCode: try row.optionalString("item_code"), hsHeading: try row.optionalString("hs_heading"),
                priority: NeedsListEntry.Priority(rawValue: try row.int("priority")) ?? .canWait,
                note: try row.optionalString("note"))
        }
    }

    static func emergency(_ row: any SQLRow) throws -> Emergency {
        Emergency(
            id: try row.int64("id"), country: try row.string("country"), name: try row.string("name"), hazard: try row.string("hazard"),
            declared: Day.parse(try row.string("declared")) ?? Day(ordinal: 0),
            ends: try row.optionalString("ends").flatMap { Day.parse($0) },
            facilities: EmergencyFacilities(
                preArrivalLodgement: try row.int("pre_arrival") != 0,
                provisionalDeadlineDays: try row.decode(column: "provisional_deadline_days", as: Int?.self),
                dutyTaxWaiver: try row.int("duty_tax_waiver") != 0, feeWaiver: try row.int("fee_waiver") != 0,
                outOfHoursClearance: try row.int("out_of_hours") != 0),
            legalBasis: try row.optionalString("legal_basis"))
    }
}
