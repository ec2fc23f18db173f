import Foundation
import CorridorCore
import SQLKit

public struct SiteRepository: Sendable {
    let database: Database

    /// Sites the actor may see, global hubs first; only those in `country`, and of `org`, when given.
    public func visible(to actor: Actor, country: String? = nil, org: String? = nil) async throws -> [Site] {
        var sql: SQLQueryString = "SELECT s.*, o.code AS org_code FROM sites s JOIN organisations o ON o.id = s.org_id WHERE 1 = 1"
        if let country {
            sql.appendLiteral(" AND s.country = ")
            sql.appendInterpolation(bind: country.uppercased())
        }
        if let org {
            sql.appendLiteral(" AND o.code = ")
            sql.appendInterpolation(bind: org.uppercased())
        }
        sql.appendLiteral(
            """
             ORDER BY CASE s.tier WHEN 'global_hub' THEN 0 WHEN 'regional_hub' THEN 1 WHEN 'national' THEN 2 ELSE 3 END, s.country, s.name
            """)
        let all = try await database.read { db in try await db.raw(sql).all().map(Self.site) }
        return all.filter { Policy.canSee($0, actor) }
    }

    public func find(id: Int64, visibleTo actor: Actor) async throws -> Site? {
        try await database.read { db in try await Self.find(id: id, on: db) }.flatMap { Policy.canSee($0, actor) ? $0 : nil }
    }

    static func find(id: Int64, on db: any SQLDatabase) async throws -> Site? {
        try await db.raw(
            """
            SELECT s.*, o.code AS org_code FROM sites s JOIN organisations o ON o.id = s.org_id WHERE s.id = \(bind: id)
            """
        ).first().map(site)
    }

    /// Creates a site of `orgCode`; its members (and admins) may.
    public func create(_ input: SiteInput, org orgCode: String, by actor: Actor) async throws -> Site {
        try Policy.authorize(actor, .manageSites, .organisation(code: orgCode.uppercased()))
        let valid = try input.validated()
        return try await database.transaction { db in
            guard let org = try await OrganisationRepository.find(code: orgCode, on: db) else {
                throw DomainError.notFound("no organisation with code \(orgCode)")
            }
            guard try await ReferenceRepository.countryExists(valid.country, on: db) else {
                throw DomainError.invalid(field: "country", "'\(valid.country)' is not a known country")
            }
            if try await db.raw("SELECT id FROM sites WHERE org_id = \(bind: org.id) AND code = \(bind: valid.code)").first() != nil {
                throw DomainError.conflict(
                    "\(org.code) already has a site with code \(valid.code)", [Problem(field: "code", problem: "already taken")])
            }
            guard
                let id = try await db.raw(
                    """
                    INSERT INTO sites (org_id, code, name, country, adm1, lat, lon, tier, capacity_m3, free_m3, sharing, created_at)
                    VALUES (\(bind: org.id), \(bind: valid.code), \(bind: valid.name), \(bind: valid.country), \(bind: valid.adm1),
                            \(bind: valid.lat), \(bind: valid.lon), \(bind: valid.tier), \(bind: valid.capacityM3), \(bind: valid.freeM3),
                            \(bind: valid.sharing), \(bind: UnixTime.now()))
                    RETURNING id
                    """
                ).first()?.int64("id")
            else { throw DomainError.conflict("the site was not stored") }
            return try await Self.find(id: id, on: db)!
        }
    }

    /// Replaces a site's description; only members of its organisation (and admins) may.
    public func update(id: Int64, with input: SiteInput, by actor: Actor) async throws -> Site {
        let valid = try input.validated()
        return try await database.transaction { db in
            guard let existing = try await Self.find(id: id, on: db), Policy.canSee(existing, actor) else {
                throw DomainError.notFound("no site with id \(id)")
            }
            try Policy.authorize(actor, .manageSites, .organisation(code: existing.orgCode))
            guard try await ReferenceRepository.countryExists(valid.country, on: db) else {
                throw DomainError.invalid(field: "country", "'\(valid.country)' is not a known country")
            }
            if valid.code != existing.code,
                try await db.raw(
                    """
                    SELECT id FROM sites WHERE org_id = (SELECT org_id FROM sites WHERE id = \(bind: id)) AND code = \(bind: valid.code)
                    """
                ).first() != nil
            {
                throw DomainError.conflict(
                    "\(existing.orgCode) already has a site with code \(valid.code)", [Problem(field: "code", problem: "already taken")])
            }
            try await db.raw(
                """
                UPDATE sites SET code = \(bind: valid.code), name = \(bind: valid.name), country = \(bind: valid.country),
                    adm1 = \(bind: valid.adm1), lat = \(bind: valid.lat), lon = \(bind: valid.lon), tier = \(bind: valid.tier),
                    capacity_m3 = \(bind: valid.capacityM3), free_m3 = \(bind: valid.freeM3), sharing = \(bind: valid.sharing)
                WHERE id = \(bind: id)
                """
            ).run()
            return try await Self.find(id: id, on: db)!
        }
    }

    static func site(_ row: any SQLRow) throws -> Site {
        Site(
            id: try row.int64("id"), orgCode: try row.string("org_code"), code: try row.string("code"),
            name: try row.string("name"), country: try row.string("country"), adm1: try row.optionalString("adm1"),
            lat: try row.double("lat"), lon: try row.double("lon"),
            tier: Site.Tier(rawValue: try row.string("tier")) ?? .national,
            capacityM3: try row.optionalDouble("capacity_m3"), freeM3: try row.optionalDouble("free_m3"),
            sharing: Site.Sharing(rawValue: try row.string("sharing")) ?? .private)
    }

    /// Adds a site unless the organisation already has one with that code (used by the demo loader).
    static func insertIfAbsent(_ site: Site, orgID: Int64, on db: any SQLDatabase) async throws {
        if try await db.raw("SELECT id FROM sites WHERE org_id = \(bind: orgID) AND code = \(bind: site.code)").first() != nil {
            return
        }
        try await db.raw(
            """
            INSERT INTO sites (org_id, code, name, country, adm1, lat, lon, tier, capacity_m3, free_m3, sharing, created_at)
            VALUES (\(bind: orgID), \(bind: site.code), \(bind: site.name), \(bind: site.country), \(bind: site.adm1),
                    \(bind: site.lat), \(bind: site.lon), \(bind: site.tier.rawValue), \(bind: site.capacityM3),
                    \(bind: site.freeM3), \(bind: site.sharing.rawValue), \(bind: UnixTime.now()))
            """
        ).run()
    }
}
