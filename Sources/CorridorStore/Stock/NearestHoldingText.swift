import CorridorCore
import Logging
import PostgresNIO

/// Nearest stock's statement on PostgreSQL, kept prepared: the sites the viewer may see, walked
/// nearest first by the GiST index of their point on the globe (`SiteEarthPosition`), the first
/// `limit` that hold available, unexpired stock of the item, with that stock. Only the sites up
/// to the last one returned are read. The viewer's filter is `StockQueries.detailVisible`'s, its
/// lists bound as arrays.
enum NearestHoldingText: PostgresKeptText {
    static let sql = """
        SELECT s.id, s.code, s.name, holder.code AS org, s.country, s.lat, s.lon, held.q, held.latest
        FROM sites s JOIN organisations holder ON holder.id = s.org_id
        CROSS JOIN LATERAL (
            SELECT CAST(SUM(t.quantity_milli) AS BIGINT) AS q, MAX(t.latest_report) AS latest
            FROM stock_site_totals t WHERE t.site_id = s.id AND t.item_code = $1 AND (t.expiry = '' OR t.expiry >= $2)
        ) held
        WHERE held.q > 0 AND ($3 OR s.sharing = 'public' OR holder.code = ANY($4) OR s.country = ANY($5))
        ORDER BY \(SiteEarthPosition.unitVector(lat: "s.lat", lon: "s.lon"))
            OPERATOR(public.<->) \(SiteEarthPosition.unitVector(lat: "$6::float8", lon: "$7::float8"))
        LIMIT $8
        """

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
        bindings.append(Int64(limit))
        return try await connection.rows(of: Self.self, bindings, logger: logger).map { $0.makeRandomAccess() }
    }
}

extension PostgresRandomAccessRow: NearestColumns {
    func string(_ column: String) throws -> String { try self[column].decode(String.self) }
    func int64(_ column: String) throws -> Int64 { try self[column].decode(Int64.self) }
    func double(_ column: String) throws -> Double { try self[column].decode(Double.self) }
}
