import CorridorCore
import Foundation
import SQLKit

extension StockRepository {
    /// The sites `orgs` hold that `actor` may see, each with the day its latest available stock
    /// was reported (nil: never), those reported longest ago first, at most `limit`; and how many
    /// such sites there are, counted in the same statement.
    public func reportDates(
        ofSitesHeldBy orgs: [String], visibleTo actor: Actor, limit: Int
    ) async throws -> (sites: [(site: Site, latest: String?)], total: Int) {
        guard !orgs.isEmpty else { return ([], 0) }
        var held: SQLQueryString = """
            FROM sites s JOIN organisations holder ON holder.id = s.org_id LEFT JOIN stock_site_summary reported ON reported.site_id = s.id
            WHERE holder.code IN (
            """
        held.appendInterpolation(binds: orgs.map { $0.uppercased() })
        held.appendLiteral(") AND ")
        held.appendInterpolation(StockQueries.siteVisible(StockVisibility(for: actor)))
        let sql: SQLQueryString = """
            SELECT held.*, COUNT(*) OVER () AS total FROM (
                SELECT s.*, holder.code AS org_code, reported.latest_report AS latest \(held)
            ) held
            ORDER BY latest NULLS FIRST, name, id LIMIT \(unsafeRaw: String(max(0, limit)))
            """
        return try await database.read { db in
            var sites: [(site: Site, latest: String?)] = []
            var total = 0
            for row in try await db.raw(sql).all() {
                total = try row.int("total")
                let site = try SiteRepository.site(row)
                guard Policy.canSee(site, actor) else { continue }
                sites.append((site, try row.optionalString("latest")))
            }
            return (sites, total)
        }
    }
}
