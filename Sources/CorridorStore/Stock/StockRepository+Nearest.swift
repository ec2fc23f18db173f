import CorridorCore
import Foundation
import SQLKit

extension StockRepository {
    /// Sites holding available, unexpired stock of `item`, nearest first (by great-circle
    /// distance to 0.1 km, then site code), at most `limit` of them.
    ///
    /// Reads the kept per-site totals of sites inside a box around the point, widening the box
    /// until `limit` sites are found that no site outside it could come before.
    public func nearest(
        item: String, lat: Double, lon: Double, limit: Int, visibleTo actor: Actor,
        today: Day = .today()
    ) async throws -> [NearestStock] {
        let limit = max(1, min(limit, 100))
        var radius = Self.firstSearchRadiusKm
        while true {
            // The boxes hold the circle of `radius` with room to spare for rounding.
            let boxes = Geodesy.searchBoxes(aroundLat: lat, lon: lon, radiusKm: radius * 1.001)
            let found = try await nearestCandidates(item: item, lat: lat, lon: lon, inside: boxes, visibleTo: actor, today: today)
            let sorted = found.sorted { ($0.distanceKm, $0.siteCode) < ($1.distanceKm, $1.siteCode) }
            // Every site outside the circle is farther than `radius`, so once the last site kept is
            // nearer than that (after rounding), none of them could take its place.
            if boxes == nil || (sorted.count >= limit && sorted[limit - 1].distanceKm + 0.05 < radius) {
                return Array(sorted.prefix(limit))
            }
            // Sites spread over an area: widen by what the sites found so far suggest is needed,
            // at least doubling and at most by four.
            radius *= sorted.isEmpty ? 4 : min(4, max(2, (2 * Double(limit) / Double(sorted.count)).squareRoot()))
        }
    }

    /// Where the search starts: small, as warehouses cluster around ports and capitals, where a
    /// wide box would read hundreds of sites to keep ten.
    static let firstSearchRadiusKm = 2.0

    /// The visible sites inside `boxes` (everywhere when nil) holding more than nothing of the item.
    private func nearestCandidates(
        item: String, lat: Double, lon: Double, inside boxes: [Geodesy.BoundingBox]?, visibleTo actor: Actor, today: Day
    ) async throws -> [NearestStock] {
        var sql: SQLQueryString = """
            SELECT s.code, s.name, holder.code AS org, s.country, s.lat, s.lon,
                   CAST(SUM(t.quantity_milli) AS BIGINT) AS q, MAX(t.latest_report) AS latest
            FROM sites s JOIN organisations holder ON holder.id = s.org_id CROSS JOIN stock_site_totals t
            """
        // Sites first, then their totals (SQLite keeps the order of a CROSS JOIN): a box holds few sites.
        var conditions: [SQLQueryString] = [
            "t.site_id = s.id", "t.item_code = \(bind: item.uppercased())", "t.expiry = '' OR t.expiry >= \(bind: today.description)",
            StockQueries.detailVisible(StockVisibility(for: actor)),
        ]
        if let boxes { conditions.append(Self.inside(boxes, dialect: database.dialect)) }
        sql.appendInterpolation(StockQueries.whereClause(conditions))
        sql.appendLiteral(" GROUP BY s.id, s.code, s.name, holder.code, s.country, s.lat, s.lon")
        let rows = try await database.read { db in try await db.raw(sql).all() }
        return try rows.compactMap { row in
            let quantity = Quantity(milli: try row.int64("q"))
            guard quantity > .zero else { return nil }
            let lat2 = try row.double("lat"), lon2 = try row.double("lon")
            return NearestStock(
                siteCode: try row.string("code"), siteName: try row.string("name"), org: try row.string("org"),
                country: try row.string("country"), lat: lat2, lon: lon2,
                distanceKm: (Geodesy.distanceKm(lat1: lat, lon1: lon, lat2: lat2, lon2: lon2) * 10).rounded() / 10,
                quantity: quantity, latestReport: try row.string("latest"))
        }
    }

    /// Sites whose position lies in one of the boxes, through each database's spatial index:
    /// SQLite's R*Tree of site positions, PostgreSQL's GiST index on the site's point.
    static func inside(_ boxes: [Geodesy.BoundingBox], dialect: Dialect) -> SQLQueryString {
        var clause: SQLQueryString = ""
        for (index, box) in boxes.enumerated() {
            if index > 0 { clause.appendLiteral(" OR ") }
            switch dialect {
            case .sqlite:
                clause.appendInterpolation(
                    """
                    s.id IN (SELECT id FROM site_positions WHERE max_lat >= \(bind: box.minLat) AND min_lat <= \(bind: box.maxLat)
                             AND max_lon >= \(bind: box.minLon) AND min_lon <= \(bind: box.maxLon))
                    """ as SQLQueryString)
            case .postgres:
                clause.appendInterpolation(
                    """
                    point(s.lon, s.lat) <@ box(point(\(bind: box.minLon), \(bind: box.minLat)), point(\(bind: box.maxLon), \(bind: box.maxLat)))
                    """ as SQLQueryString)
            }
        }
        return clause
    }
}
