import CorridorCore
import Logging
import PostgresNIO

/// Nearest stock's statement on PostgreSQL, kept prepared: of the sites inside one or two boxes
/// (found by the GiST index on their point) that the viewer may see, nearest first (the
/// haversine's inner term, which grows with the distance), the first `limit` that hold available,
/// unexpired stock of the item, with that stock: one round trip per circle the search widens
/// to, and the stock of only the nearest sites read. The viewer's filter is
/// `StockQueries.detailVisible`'s, its lists bound as arrays.
enum NearestHoldingText: PostgresKeptText {
    static let sql = """
        SELECT s.id, s.code, s.name, s.org, s.country, s.lat, s.lon, held.q, held.latest
        FROM (
            SELECT s.id, s.code, s.name, holder.code AS org, s.country, s.lat, s.lon,
                   sin(radians(s.lat - $14) / 2) ^ 2 + cos(radians($14)) * cos(radians(s.lat)) * sin(radians(s.lon - $15) / 2) ^ 2 AS nearness
            FROM sites s JOIN organisations holder ON holder.id = s.org_id
            WHERE (point(s.lon, s.lat) <@ box(point($1, $2), point($3, $4)) OR point(s.lon, s.lat) <@ box(point($5, $6), point($7, $8)))
              AND ($11 OR s.sharing = 'public' OR holder.code = ANY($12) OR s.country = ANY($13))
            ORDER BY nearness
        ) s
        CROSS JOIN LATERAL (
            SELECT CAST(SUM(t.quantity_milli) AS BIGINT) AS q, MAX(t.latest_report) AS latest
            FROM stock_site_totals t WHERE t.site_id = s.id AND t.item_code = $9 AND (t.expiry = '' OR t.expiry >= $10)
        ) held
        WHERE held.q > 0
        ORDER BY s.nearness
        LIMIT $16
        """

    /// The rows for a circle's boxes (the whole world when nil).
    static func rows(
        inside boxes: [Geodesy.BoundingBox]?, around point: (lat: Double, lon: Double), item: String, visibility: StockVisibility,
        today: Day, limit: Int, on connection: PostgresConnection, logger: Logger
    ) async throws -> [PostgresRandomAccessRow] {
        var bindings = Self.bindings(inside: boxes, item: item, visibility: visibility, today: today)
        bindings.append(point.lat)
        bindings.append(point.lon)
        bindings.append(Int64(limit))
        return try await connection.rows(of: Self.self, bindings, logger: logger).map { $0.makeRandomAccess() }
    }

    /// With one box, the second is the first again.
    private static func bindings(inside boxes: [Geodesy.BoundingBox]?, item: String, visibility: StockVisibility, today: Day)
        -> PostgresBindings
    {
        let world = Geodesy.BoundingBox(minLon: -180, minLat: -90, maxLon: 180, maxLat: 90)
        let first = boxes?.first ?? world
        let second = boxes.flatMap { $0.count > 1 ? $0[1] : nil } ?? first
        var bindings = PostgresBindings()
        for box in [first, second] {
            bindings.append(box.minLon)
            bindings.append(box.minLat)
            bindings.append(box.maxLon)
            bindings.append(box.maxLat)
        }
        bindings.append(item)
        bindings.append(today.description)
        bindings.append(visibility.everything)
        bindings.append(visibility.organisations)
        bindings.append(visibility.countries)
        return bindings
    }
}

extension PostgresRandomAccessRow: NearestColumns {
    func string(_ column: String) throws -> String { try self[column].decode(String.self) }
    func int64(_ column: String) throws -> Int64 { try self[column].decode(Int64.self) }
    func double(_ column: String) throws -> Double { try self[column].decode(Double.self) }
}
