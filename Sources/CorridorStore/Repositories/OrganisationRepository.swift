import Foundation
import CorridorCore
import SQLKit

public struct OrganisationRepository: Sendable {
    let database: Database

    public func all() async throws -> [Organisation] {
        try await database.read { db in
            try await db.raw("SELECT * FROM organisations ORDER BY code").all().map(Self.organisation)
        }
    }

    public func find(code: String) async throws -> Organisation? {
        try await database.read { db in try await Self.find(code: code, on: db) }
    }

    static func find(code: String, on db: any SQLDatabase) async throws -> Organisation? {
        try await db.raw("SELECT * FROM organisations WHERE code = \(bind: code.uppercased())").first().map(organisation)
    }

    /// The organisation, or not found.
    static func require(code: String, on db: any SQLDatabase) async throws -> Organisation {
        guard let org = try await find(code: code, on: db) else { throw DomainError.notFound("no organisation with code \(code)") }
        return org
    }

    /// Registers an organisation. Only those the policy allows may; the code must be free and
    /// the headquarters country known.
    public func create(_ input: NewOrganisation, by actor: Actor) async throws -> Organisation {
        try Policy.authorize(actor, .createOrganisation)
        return try await database.transaction { db in
            // Shape and existence problems are reported together, so one answer lists them all.
            var problems = ProblemList()
            var valid: (code: String, name: String, type: OrganisationType, hqCountry: CountryCode)?
            do throws(DomainError) { valid = try input.validated() } catch { problems.add(contentsOf: error) }
            if let country = CountryCode(input.hqCountry), try await !ReferenceRepository.countryExists(country.value, on: db) {
                problems.add(field: "hq_country", "'\(country)' is not a known country")
            }
            try problems.check()
            return try await Self.create(valid!, on: db)
        }
    }

    static func create(
        _ valid: (code: String, name: String, type: OrganisationType, hqCountry: CountryCode),
        on db: any SQLDatabase
    ) async throws -> Organisation {
        if try await !ReferenceRepository.countryExists(valid.hqCountry.value, on: db) {
            throw DomainError.invalid(field: "hq_country", "'\(valid.hqCountry)' is not a known country")
        }
        if try await find(code: valid.code, on: db) != nil {
            throw DomainError.conflict(
                "an organisation with code \(valid.code) already exists",
                [Problem(field: "code", problem: "already taken")])
        }
        let row = try await db.raw(
            """
            INSERT INTO organisations (code, name, type, hq_country, created_at)
            VALUES (\(bind: valid.code), \(bind: valid.name), \(bind: valid.type.rawValue),
                    \(bind: valid.hqCountry.value), \(bind: UnixTime.now()))
            RETURNING id
            """
        ).first()
        guard let id = try row?.int64("id") else { throw DomainError.conflict("the organisation was not stored") }
        return Organisation(id: id, code: valid.code, name: valid.name, type: valid.type, hqCountry: valid.hqCountry.value)
    }

    static func organisation(_ row: any SQLRow) throws -> Organisation {
        Organisation(
            id: try row.int64("id"), code: try row.string("code"), name: try row.string("name"),
            type: OrganisationType(rawValue: try row.string("type")) ?? .other,
            hqCountry: try row.string("hq_country"))
    }
}
