import Foundation
import SQLKit

/// On SQLite, each site's totals again, keyed by item first. Nearest stock reads one item's
/// totals at the few dozen sites nearest a point; in the table's own order (site first) those
/// rows lie on as many pages spread over the whole table, and every read connection keeps its
/// own page cache. Keyed by item, one item's totals at every site lie together on a few pages.
/// The index holds every column that read needs, so it never goes back to the table. PostgreSQL's
/// connections share one buffer cache, and there such an index did not make the read faster; it
/// has none.
enum StockTotalsByItemSchema {
    static let migration = Migration(version: 19, name: "stock totals: by item, for nearest stock on SQLite") { db, dialect in
        guard dialect == .sqlite else { return }
        try await db.raw(
            "CREATE INDEX stock_site_totals_item ON stock_site_totals (item_code, site_id, expiry, quantity_milli, latest_report)"
        ).run()
    }
}
