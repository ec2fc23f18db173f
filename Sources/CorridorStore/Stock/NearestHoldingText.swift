import CorridorCore
import Logging
import PostgresNIO

/// Nearest stock's statement on PostgreSQL, kept prepared: the sites the viewer may see, walked
/// nearest first by the GiST index of their point on the globe (`SiteEarthPosition`), the first
/// `limit` that hold available, unexpired stock of the item, with that stock. Only the sites up
/// to the last one returned are read. The viewer's filter is `StockQueries.detailVisible`'s, its
/// lists bound as arrays.
///
/// The row count is written into the statement (one kept statement for each of
/// `NearestSearch.rowCounts`): PostgreSQL plans a kept statement once for every call only when it
/// can cost its `LIMIT`, and planning it anew on each call cost more than running it. A read that
/// asks for more than the largest count binds its `LIMIT`.
enum NearestHoldingText {
    /// The kept statements with a row count written in, by that count.
    private static let fixed: [Int: any PostgresKeptText.Type] = [
        10: NearestFixedLimit<10>.self, 20: NearestFixedLimit<20>.self, 40: NearestFixedLimit<40>.self,
        100: NearestFixedLimit<100>.self, 200: NearestFixedLimit<200>.self,
    ]

    /// The first `limit` holding sites nearest the point, nearest first.
    static func rows(
        around point: (lat: Double, lon: Double), item: String, visibility: StockVisibility, today: Day, limit: Int,
        on connection: PostgresConnection, logger: Logger
    ) async throws -> [PostgresRandomAccessRow] {
        var bindings = PostgresBindings()
        bindings.append(item)
        bindings.append(today.description)
        bindings.append(visibility.everything)
        bindings.append(visibility.organisations)
        bindings.append(visibility.countries)
        bindings.append(point.lat)
        bindings.append(point.lon)
        let kept: any PostgresKeptText.Type
        if let fixed = fixed[limit] {
            kept = fixed
        } else {
            bindings.append(Int64(limit))
            kept = NearestBoundLimit.self
        }
        return try await connection.rows(of: kept, bindings, logger: logger).map { $0.makeRandomAccess() }
    }

    /// The statement up to its row count (after `LIMIT`); PostgresNIO asks a kept statement for its text on every
    /// call, so only the count is added then.
    fileprivate static let sqlBeforeLimit = """
        SELECT s.id, s.code, s.name, holder.code AS org, s.country, s.lat, s.lon, held.q, held.latest
        FROM sites s JOIN organisations holder ON holder.id = s.org_id
        CROSS JOIN LATERAL (
            SELECT CAST(SUM(t.quantity_milli) AS BIGINT) AS q, MAX(t.latest_report) AS latest
            FROM stock_site_totals t WHERE t.site_id = s.id AND t.item_code = $1 AND (t.expiry = '' OR t.expiry >= $2)
        ) held
        WHERE held.q > 0 AND ($3 OR s.sharing = 'public' OR holder.code = ANY($4) OR s.country = ANY($5))
        ORDER BY \(SiteEarthPosition.unitVector(lat: "s.lat", lon: "s.lon"))
            OPERATOR(public.<->) \(SiteEarthPosition.unitVector(lat: "$6::float8", lon: "$7::float8"))
        LIMIT
        """
}

/// The statement with `rows` written in as its `LIMIT`.
private enum NearestFixedLimit<let rows: Int>: PostgresKeptText {
    static var sql: String { NearestHoldingText.sqlBeforeLimit + " \(rows)" }
}

private enum NearestBoundLimit: PostgresKeptText {
    static let sql = NearestHoldingText.sqlBeforeLimit + " $8"
}

extension PostgresRandomAccessRow: NearestColumns {
    func string(at column: Int) throws -> String { try self[column].decode(String.self) }
    func int64(at column: Int) throws -> Int64 { try self[column].decode(Int64.self) }
    func double(at column: Int) throws -> Double { try self[column].decode(Double.self) }
}
