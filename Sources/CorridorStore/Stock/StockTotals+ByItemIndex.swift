import SQLKit

extension StockTotals {
    /// SQLite's index of the totals by item (`StockTotalsByItemSchema`), set aside while an import
    /// writes totals for at least half as many keys as the table holds: the totals arrive in site
    /// order, and keeping an index in item order up to date key by key, for the keys deleted and
    /// those written, costs more than one sorted pass at the end.
    enum ByItemIndex {
        /// Drops the index when `writing` totals are at least half the table and at least
        /// `threshold` (nil otherwise). SQLite only: PostgreSQL has no such index.
        static func dropIfLarge(writing: Int, threshold: Int, on db: any SQLDatabase) async throws -> SQLiteSetAsideIndexes? {
            // A small import never counts the table.
            guard writing >= threshold,
                try await db.count("SELECT COUNT(*) AS n FROM stock_site_totals") <= writing * 2
            else { return nil }
            return try await SQLiteSetAsideIndexes.drop(of: "stock_site_totals", named: "stock_site_totals_item", on: db)
        }
    }
}
