import SQLKit

extension StockTotals {
    /// SQLite's index of the totals by item (`StockTotalsByItemSchema`), put aside while an import
    /// writes totals for at least half as many keys as the table holds, and built again in one
    /// sorted pass: the totals arrive in site order, and keeping an index in item order up to
    /// date key by key, for the keys deleted and those written, costs more than that pass.
    /// Within the import's transaction, so a failed import rolls the drop back too.
    struct ByItemIndex {
        /// The statement that builds it again, as the migration wrote it.
        private let definition: String

        /// Drops the index when `writing` totals are at least half the table and at least
        /// `threshold` (nil otherwise, or when there is no such index, as on PostgreSQL).
        static func dropIfLarge(writing: Int, threshold: Int, on db: any SQLDatabase) async throws -> ByItemIndex? {
            // A small import never counts the table.
            guard db.dialect.name == "sqlite", writing >= threshold else { return nil }
            guard
                let row = try await db.raw(
                    "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'stock_site_totals_item'"
                ).first()
            else { return nil }
            guard try await db.count("SELECT COUNT(*) AS n FROM stock_site_totals") <= writing * 2 else { return nil }
            let index = ByItemIndex(definition: try row.string("sql"))
            try await db.raw("DROP INDEX stock_site_totals_item").run()
            return index
        }

        /// Builds the index again, with SQLite's helper threads sorting (per connection, so set
        /// back for the pool).
        func rebuild(on db: any SQLDatabase) async throws {
            try await db.raw("PRAGMA threads = 2").run()
            try await db.raw(SQLQueryString(definition)).run()
            try await db.raw("PRAGMA threads = 0").run()
        }
    }
}
