import Foundation
import SQLKit

/// The day each site's latest available stock was reported, one row a site that holds any
/// (`stock_site_latest`). A member's home lists their sites reported longest ago and the stale
/// alerts list sites not reported for long; taken from the totals, both read every total of every
/// site (half a million rows for an organisation of 10,000 sites) on each request. Kept beside the
/// totals by the same writes (`StockTotals`).
enum StockSiteLatestSchema {
    static let migration = Migration(version: 20, name: "stock: each site's latest report day") { db, _ in
        try await db.raw(
            "CREATE TABLE stock_site_latest (site_id BIGINT NOT NULL PRIMARY KEY REFERENCES sites (id), latest_report TEXT NOT NULL)"
        ).run()
        try await StockTotals.recomputeLatest(on: db)
    }
}
