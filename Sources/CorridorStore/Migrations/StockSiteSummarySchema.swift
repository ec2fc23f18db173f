import Foundation
import SQLKit

/// Each site's available stock in two figures, one row a site that holds any
/// (`stock_site_summary`): the day it was last reported and its volume. The map draws every
/// visible site with its volume, a member's home lists their sites reported longest ago and the
/// alerts list sites not reported for long or over capacity; taken from the totals, each read
/// every total of every site (half a million rows for 10,000 sites) on each request. Kept beside
/// the totals by the same writes (`StockTotals`).
enum StockSiteSummarySchema {
    static let migration = Migration(version: 20, name: "stock: each site's latest report day and volume") { db, _ in
        try await db.raw(
            """
            CREATE TABLE stock_site_summary (
                site_id BIGINT NOT NULL PRIMARY KEY, latest_report TEXT NOT NULL, volume_m3 DOUBLE PRECISION NOT NULL)
            """
        ).run()
        try await StockTotals.recomputeSummaries(on: db)
    }
}
