import SQLKit

extension StockTotals {
    /// SQLite's index of the totals by item (`StockTotalsByItemSchema`), set aside while an import
    /// writes totals for at least half as many keys as the table holds: the totals arrive in site
    /// order, and keeping an index in item order up to date key by key, for the keys deleted and
    /// those written, costs more than one sorted pass at the end.
    enum ByItemIndex {
        /// Whether writing `writing` totals sets the index aside: they are at least half the
        /// table and at least `threshold`. SQLite only: PostgreSQL has no such index.
        static func isLarge(writing: Int, threshold: Int, on db: any SQLDatabase) async throws -> Bool {
            // A small import never counts the table.
            guard writing >= threshold else { return false }
            return try await db.count("SELECT COUNT(*) AS n FROM stock_site_totals") <= writing * 2
        }

        static func drop(on db: any SQLDatabase) async throws -> SQLiteSetAsideIndexes {
            try await SQLiteSetAsideIndexes.drop(of: "stock_site_totals", named: "stock_site_totals_item", on: db)
        }
    }
}
