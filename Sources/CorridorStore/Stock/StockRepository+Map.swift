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
        var sitesSQL: SQLQueryString = "SELECT s.*, o.code AS org_code FROM sites s JOIN organisations o ON o.id = s.org_id"
        sitesSQL.appendInterpolation(StockQueries.whereClause(filter.conditions()))
        sitesSQL.appendLiteral(
            """
             ORDER BY CASE s.tier WHEN 'global_hub' THEN 0 WHEN 'regional_hub' THEN 1 WHEN 'national' THEN 2 ELSE 3 END,
                      s.country, s.name
            """)
        // From the per-site totals the stock writes keep (available stock only), not the lines.
        // One country's: only its sites' totals are read.
        var volumesSQL: SQLQueryString = """
            SELECT t.site_id, SUM(t.quantity_milli * i.volume_m3) / 1000.0 AS volume_m3
            FROM stock_site_totals t JOIN items i ON i.code = t.item_code
            """
        if let country = filter.country {
            volumesSQL.appendLiteral(" WHERE t.site_id IN (SELECT id FROM sites WHERE country = ")
            volumesSQL.appendInterpolation(bind: country.uppercased())
            volumesSQL.appendLiteral(")")
        }
        volumesSQL.appendLiteral(" GROUP BY t.site_id")
        return try await database.read { db in
            // Private sites of others never reach the map: not as markers, not in a cluster's count or volume.
            let sites = try await db.raw(sitesSQL).all().map(SiteRepository.site).filter { Policy.canSee($0, actor) }
            var volumes: [Int64: Double] = [:]
            for row in try await db.raw(volumesSQL).all() {
                volumes[try row.int64("site_id")] = try row.optionalDouble("volume_m3") ?? 0
            }
            return sites.map { MapSite(site: $0, volumeM3: volumes[$0.id] ?? 0) }
        }
    }
}
