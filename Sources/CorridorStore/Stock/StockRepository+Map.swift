import CorridorCore
import Foundation
import SQLKit

/// The map's filters; every one optional.
public struct MapFilter: Sendable, Equatable {
    public var region: String?
    public var country: String?
    public var sector: String?
    public var tier: String?
    public var org: String?
    public var orgType: String?

    public init(
        region: String? = nil, country: String? = nil, sector: String? = nil, tier: String? = nil, org: String? = nil,
        orgType: String? = nil
    ) {
        (self.region, self.country, self.sector, self.tier, self.org, self.orgType) = (region, country, sector, tier, org, orgType)
    }

    func conditions() -> [SQLQueryString] {
        var c: [SQLQueryString] = []
        if let region { c.append("s.country IN (SELECT alpha2 FROM countries WHERE region = \(bind: region))") }
        if let country { c.append("s.country = \(bind: country.uppercased())") }
        if let tier { c.append("s.tier = \(bind: tier)") }
        if let org { c.append("o.code = \(bind: org.uppercased())") }
        if let orgType { c.append("o.type = \(bind: orgType)") }
        if let sector {
            c.append(
                """
                s.id IN (SELECT t.site_id FROM stock_site_totals t JOIN items i ON i.code = t.item_code
                         WHERE i.sector = \(bind: sector))
                """)
        }
        return c
    }
}

extension StockRepository {
    /// The sites the caller may see that match `filter`, in the site list's order (tier, country,
    /// name), each with the volume of its available stock: what the map clusters and its table pages.
    public func mapSites(_ filter: MapFilter, visibleTo actor: Actor) async throws -> [MapSite] {
        // Each site's volume as the stock writes keep it (available stock only).
        var sql: SQLQueryString = """
            SELECT s.*, o.code AS org_code, COALESCE(summary.volume_m3, 0) AS stock_volume_m3
            FROM sites s JOIN organisations o ON o.id = s.org_id LEFT JOIN stock_site_summary summary ON summary.site_id = s.id
            """
        sql.appendInterpolation(StockQueries.whereClause(filter.conditions()))
        sql.appendLiteral(
            """
             ORDER BY CASE s.tier WHEN 'global_hub' THEN 0 WHEN 'regional_hub' THEN 1 WHEN 'national' THEN 2 ELSE 3 END,
                      s.country, s.name
            """)
        return try await database.read { db in
            // Private sites of others never reach the map: not as markers, not in a cluster's count or volume.
            try await db.raw(sql).all().compactMap { row in
                let site = try SiteRepository.site(row)
                guard Policy.canSee(site, actor) else { return nil }
                return MapSite(site: site, volumeM3: try row.double("stock_volume_m3"))
            }
        }
    }
}
