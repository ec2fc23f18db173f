import CorridorCore
import Foundation
import SQLKit

extension StockRepository {
    /// The sites `orgs` hold that `actor` may see, each with the day its latest available stock
    /// was reported (nil: never), those reported longest ago first, at most `limit`; and how many
    /// such sites there are. Read from the per-site totals, one look-up a site.
    public func reportDates(
        ofSitesHeldBy orgs: [String], visibleTo actor: Actor, limit: Int
    ) async throws -> (sites: [(site: Site, latest: String?)], total: Int) {
        guard !orgs.isEmpty else { return ([], 0) }
        var held: SQLQueryString = "FROM sites s JOIN organisations o ON o.id = s.org_id WHERE o.code IN ("
        held.appendInterpolation(binds: orgs.map { $0.uppercased() })
        held.appendLiteral(")")
        let sql: SQLQueryString = """
            SELECT * FROM (
                SELECT s.*, o.code AS org_code, (SELECT MAX(t.latest_report) FROM stock_site_totals t WHERE t.site_id = s.id) AS latest \(held)
            ) held
            ORDER BY latest NULLS FIRST, name, id
            """
        return try await database.read { db in
            var sites: [(site: Site, latest: String?)] = []
            var total = 0
            for row in try await db.raw(sql).all() {
                let site = try SiteRepository.site(row)
                guard Policy.canSee(site, actor) else { continue }
                total += 1
                if sites.count < limit { sites.append((site, try row.optionalString("latest"))) }
            }
            return (sites, total)
        }
    }
}
