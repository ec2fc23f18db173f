import Foundation
import CorridorCore
import SQLKit

public struct SiteRepository: Sendable {
    let database: Database

    /// Sites the actor may see, global hubs first.
    public func visible(to actor: Actor) async throws -> [Site] {
        let all = try await database.read { db in
            try await db.raw("""
                SELECT s.*, o.code AS org_code FROM sites s JOIN organisations o ON o.id = s.org_id
                ORDER BY CASE s.tier WHEN 'global_hub' THEN 0 WHEN 'regional_hub' THEN 1 WHEN 'national' THEN 2 ELSE 3 END,
                         s.country, s.name
                """).all().map(Self.site)
        }
        return all.filter { Policy.canSee($0, actor) }
    }

    static func site(_ row: any SQLRow) throws -> Site {
        Site(id: try row.int64("id"), orgCode: try row.string("org_code"), code: try row.string("code"),
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
        try await db.raw("""
            INSERT INTO sites (org_id, code, name, country, adm1, lat, lon, tier, capacity_m3, free_m3, sharing, created_at)
            VALUES (\(bind: orgID), \(bind: site.code), \(bind: site.name), \(bind: site.country), \(bind: site.adm1),
                    \(bind: site.lat), \(bind: site.lon), \(bind: site.tier.rawValue), \(bind: site.capacityM3),
                    \(bind: site.freeM3), \(bind: site.sharing.rawValue), \(bind: UnixTime.now()))
            """).run()
    }
}
