import CorridorCore
import CorridorIngest
import Foundation
import SQLKit

/// Each site's available stock by item, owner and expiry (`stock_site_totals`), which the nearest
/// stock and the pre-positioned lists read instead of the lines. Every write of stock lines keeps
/// it in the same transaction: an import through `StockTotals.Tally`, anything else by
/// `refresh(site:item:on:)`. Reads filter it by the site's sharing exactly as they filter lines,
/// so a total never holds stock of a site its reader may not see. The same writes keep each site's
/// summary (`stock_site_summary`): the latest report day among its totals, and their volume.
enum StockTotals {
    /// The totals of one site's item, and the site's summary, recomputed from its lines
    /// (a dispatch, a reservation given back).
    static func refresh(site: Int64, item: String, on db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM stock_site_totals WHERE site_id = \(bind: site) AND item_code = \(bind: item)").run()
        try await db.raw(
            """
            INSERT INTO stock_site_totals (site_id, item_code, owner_org_id, expiry, quantity_milli, latest_report)
            \(Self.aggregate) AND site_id = \(bind: site) AND item_code = \(bind: item)
            GROUP BY site_id, item_code, owner_org_id, COALESCE(expiry, '')
            """
        ).run()
        try await db.raw("DELETE FROM stock_site_summary WHERE site_id = \(bind: site)").run()
        try await db.raw("\(Self.summarising) WHERE t.site_id = \(bind: site) GROUP BY t.site_id").run()
    }

    /// Every site's summary, recomputed from the totals (the migration that introduced them).
    static func recomputeSummaries(on db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM stock_site_summary").run()
        try await db.raw("\(Self.summarising) GROUP BY t.site_id").run()
    }

    /// A site's summary from its totals; the import adds the same up as it writes them.
    private static let summarising: SQLQueryString = """
        INSERT INTO stock_site_summary (site_id, latest_report, volume_m3)
        SELECT t.site_id, MAX(t.latest_report), SUM(t.quantity_milli * i.volume_m3) / 1000.0
        FROM stock_site_totals t JOIN items i ON i.code = t.item_code
        """

    /// Every total, recomputed from the lines (the migration that introduced them).
    static func recomputeAll(on db: any SQLDatabase) async throws {
        try await db.raw("DELETE FROM stock_site_totals").run()
        try await db.raw(
            """
            INSERT INTO stock_site_totals (site_id, item_code, owner_org_id, expiry, quantity_milli, latest_report)
            \(Self.aggregate) GROUP BY site_id, item_code, owner_org_id, COALESCE(expiry, '')
            """
        ).run()
    }

    /// The totals as the lines give them, for checking that what is kept equals a recomputation.
    static func recomputed(on db: any SQLDatabase) async throws -> [Row] {
        try await db.raw(
            "\(Self.aggregate) GROUP BY site_id, item_code, owner_org_id, COALESCE(expiry, '') ORDER BY site_id, item_code, owner_org_id, expiry"
        ).all().map(Row.init)
    }

    /// The totals as kept.
    static func kept(on db: any SQLDatabase) async throws -> [Row] {
        try await db.raw(
            """
            SELECT site_id, item_code, owner_org_id, expiry, quantity_milli, latest_report FROM stock_site_totals
            ORDER BY site_id, item_code, owner_org_id, expiry
            """
        ).all().map(Row.init)
    }

    private static let aggregate: SQLQueryString = """
        SELECT site_id, item_code, owner_org_id, COALESCE(expiry, '') AS expiry, CAST(SUM(quantity_milli) AS BIGINT) AS quantity_milli,
               MAX(reported_at) AS latest_report
        FROM stock_lines WHERE status = 'available'
        """

    struct Row: Equatable, Sendable {
        var site: Int64, item: String, owner: Int64, expiry: String, quantityMilli: Int64, latestReport: String

        init(site: Int64, item: String, owner: Int64, expiry: String, quantityMilli: Int64, latestReport: String) {
            (self.site, self.item, self.owner, self.expiry) = (site, item, owner, expiry)
            (self.quantityMilli, self.latestReport) = (quantityMilli, latestReport)
        }

        init(_ row: any SQLRow) throws {
            self.init(
                site: try row.int64("site_id"), item: try row.string("item_code"), owner: try row.int64("owner_org_id"),
                expiry: try row.string("expiry"), quantityMilli: try row.int64("quantity_milli"),
                latestReport: try row.string("latest_report"))
        }
    }
}
