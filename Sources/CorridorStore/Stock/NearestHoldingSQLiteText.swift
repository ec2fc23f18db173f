import CorridorCore
import SQLiteNIO

/// Nearest stock's statement on SQLite, written as plain text with numbered parameters (`?1` the
/// item, `?2` today, `?3` and `?4` the point, then the viewer's organisations and countries):
/// every nearest search runs it, and building it through SQLKit's serializer each time cost more
/// than binding its values. Each connection keeps one prepared statement per text, that is per
/// row count and per shape of the viewer's filter.
///
/// The first `limit` sites the viewer may see that hold available, unexpired stock of the item,
/// with that stock, nearest first: the R*Tree walks the sites in order of their distance
/// (`nearest_first`, from positions held to within `NearestSearch.positionErrorKm`) and the `LIMIT`
/// stops it. The walk is a subquery that SQLite runs as a co-routine, row by row as the outer
/// query asks (its `LIMIT -1` keeps SQLite from merging the two), taking each walked site's sum
/// once; CROSS JOIN keeps it the outer loop, so a site without the item is passed over before its
/// row is read, and the latest report is read only for the sites returned. The totals are read
/// through their index by item (`StockTotalsByItemSchema`), where one item's rows lie together.
/// The viewer's filter is `StockQueries.detailVisible`'s; the rows are `NearestHoldingText`'s on
/// PostgreSQL.
enum NearestHoldingSQLiteText {
    static func statement(
        around point: (lat: Double, lon: Double), item: String, visibility: StockVisibility, today: Day, limit: Int
    ) -> (sql: String, binds: [SQLiteData]) {
        var binds: [SQLiteData] = [.text(item), .text(today.description), .float(point.lat), .float(point.lon)]
        var visible = "1 = 1"
        if !visibility.everything {
            visible = StockQueries.publicSharing
            for (column, values) in StockQueries.detailMatches(visibility) {
                let first = binds.count + 1
                binds += values.map { .text($0) }
                visible += " OR \(column) IN (" + (first..<first + values.count).map { "?\($0)" }.joined(separator: ", ") + ")"
            }
        }
        let held = "FROM stock_site_totals t INDEXED BY stock_site_totals_item WHERE t.item_code = ?1 AND (t.expiry = '' OR t.expiry >= ?2)"
        // The row count is written in, not bound: SQLite prepares a statement with a bound
        // `LIMIT` anew each time that parameter is bound, which is every call.
        let sql = """
            SELECT s.id, s.code, s.name, holder.code AS org, s.country, s.lat, s.lon, w.q,
                   (SELECT MAX(t.latest_report) \(held) AND t.site_id = s.id) AS latest
            FROM (SELECT p.id, (SELECT CAST(SUM(t.quantity_milli) AS BIGINT) \(held) AND t.site_id = p.id) AS q
                  FROM site_positions p WHERE p.id MATCH nearest_first(?3, ?4) LIMIT -1) w
            CROSS JOIN sites s CROSS JOIN organisations holder
            WHERE w.q > 0 AND s.id = w.id AND holder.id = s.org_id AND (\(visible))
            LIMIT \(limit)
            """
        return (sql, binds)
    }
}
