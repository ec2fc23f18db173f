import CorridorCore
import Foundation
import SQLKit

/// Organisations ask a country's customs to accredit them; customs approve (until a date) or revoke.
public struct AccreditationRepository: Sendable {
    let database: Database

    public func request(org orgCode: String, country: String, by actor: Actor) async throws -> Accreditation {
        try Policy.authorize(actor, .requestAccreditation, .organisation(code: orgCode.uppercased()))
        guard let iso = CountryCode(country) else { throw DomainError.invalid(field: "country", "must be an ISO alpha-2 code") }
        return try await database.transaction { db in
            guard let org = try await OrganisationRepository.find(code: orgCode, on: db) else {
                throw DomainError.notFound("no organisation with code \(orgCode)")
            }
            guard try await ReferenceRepository.countryExists(iso.value, on: db) else {
                throw DomainError.invalid(field: "country", "'\(iso)' is not a known country")
            }
            if let existing = try await db.raw(
                "SELECT a.*, o.code AS org_code FROM accreditations a JOIN organisations o ON o.id = a.org_id WHERE a.org_id = \(bind: org.id) AND a.country = \(bind: iso.value)"
            ).first() {
                let current = try Self.accreditation(existing)
                guard current.status == .revoked else {
                    throw DomainError.conflict("\(org.code) already has a \(current.status.rawValue) accreditation in \(iso)")
                }
                try await db.raw(
                    "UPDATE accreditations SET status = 'pending', requested_at = \(bind: UnixTime.now()) WHERE id = \(bind: current.id)"
                ).run()
                return Accreditation(id: current.id, orgCode: org.code, country: iso.value, status: .pending, validUntil: nil)
            }
            guard
                let id = try await db.raw(
                    """
                    INSERT INTO accreditations (org_id, country, status, requested_at)
                    VALUES (\(bind: org.id), \(bind: iso.value), 'pending', \(bind: UnixTime.now())) RETURNING id
                    """
                ).first()?.int64("id")
            else { throw DomainError.conflict("the request was not stored") }
            return Accreditation(id: id, orgCode: org.code, country: iso.value, status: .pending, validUntil: nil)
        }
    }

    public func decide(
        id: Int64, _ decision: AccreditationStatus, validUntil: Day?, reason: String? = nil, by actor: Actor,
        today: Day = .today()
    ) async throws -> Accreditation {
        try await database.transaction { db in
            guard
                let row = try await db.raw(
                    "SELECT a.*, o.code AS org_code FROM accreditations a JOIN organisations o ON o.id = a.org_id WHERE a.id = \(bind: id)"
                ).first()
            else {
                throw DomainError.notFound("no accreditation with id \(id)")
            }
            var current = try Self.accreditation(row)
            try Policy.authorize(actor, .decideAccreditation, .country(current.country))
            current.status = try Accreditation.decide(
                decision, from: current.status, validUntil: validUntil, today: today, reason: reason)
            current.validUntil = current.status == .approved ? validUntil : current.validUntil
            try await db.raw(
                """
                UPDATE accreditations SET status = \(bind: current.status.rawValue), valid_until = \(bind: current.validUntil?.description),
                    decided_at = \(bind: UnixTime.now()), decided_by = \(bind: actor.userID),
                    decision_reason = \(bind: reason?.trimmedCell) WHERE id = \(bind: id)
                """
            ).run()
            return current
        }
    }

    /// Customs see their country's, organisations their own, coordinators and admins all.
    public func visible(to actor: Actor) async throws -> [Accreditation] {
        let all = try await database.read { db in
            try await db.raw(
                "SELECT a.*, o.code AS org_code FROM accreditations a JOIN organisations o ON o.id = a.org_id ORDER BY a.country, o.code"
            )
            .all().map(Self.accreditation)
        }
        return all.filter { a in
            actor.isAdmin || actor.isCoordinator(of: a.country) || actor.isCustomsOfficer(of: a.country) || actor.isMember(of: a.orgCode)
        }
    }

    static func accreditation(_ row: any SQLRow) throws -> Accreditation {
        Accreditation(
            id: try row.int64("id"), orgCode: try row.string("org_code"), country: try row.string("country"),
            status: AccreditationStatus(rawValue: try row.string("status")) ?? .pending,
            validUntil: try row.optionalString("valid_until").flatMap { Day.parse($0) })
    }
}
