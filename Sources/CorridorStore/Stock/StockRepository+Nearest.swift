import CorridorCore
import Foundation
import SQLKit

extension StockRepository {
    /// Sites holding available, unexpired stock of `item`, nearest first (by great-circle
    /// distance to 0.1 km, then site code), at most `limit` of them.
    ///
    /// Reads the positions of the sites inside a box around the point, then the kept totals of
    /// the nearest of them first, a few at a time, widening the box until `limit` sites are
    /// found that no site outside it could come before.
    public func nearest(
        item: String, lat: Double, lon: Double, limit: Int, visibleTo actor: Actor,
        today: Day = .today()
    ) async throws -> [NearestStock] {
        let limit = max(1, min(limit, 100))
        var search = NearestSearch(limit: limit)
        var radius = Self.firstSearchRadiusKm
        while true {
            // The boxes hold the circle of `radius` with room to spare for rounding.
            let boxes = Geodesy.searchBoxes(aroundLat: lat, lon: lon, radiusKm: radius * 1.001)
            let reach = boxes == nil ? Double.infinity : radius
            let positions = try await sitePositions(inside: boxes)
            search.add(positions.map { ($0.id, Geodesy.distanceKm(lat1: lat, lon1: lon, lat2: $0.lat, lon2: $0.lon)) }, within: reach)
            while let batch = search.nextBatch() {
                search.found += try await stockAt(sites: batch, item: item, lat: lat, lon: lon, visibleTo: actor, today: today)
            }
            if let result = search.result(within: reach) { return result }
            // Widen by what the sites found so far suggest is needed, at least doubling and at most
            // by four; with none found, doubling, as a wider box over a cluster reads hundreds.
            let count = search.found.count
            radius *= count == 0 ? 2 : min(4, max(2, (2 * Double(limit) / Double(count)).squareRoot()))
        }
    }

    /// Where the search starts: small, as warehouses cluster around ports and capitals, where a
    /// wide box would hold hundreds of sites to keep ten.
    static let firstSearchRadiusKm = 0.5

    /// Every site inside `boxes` (everywhere when nil), through each database's spatial index.
    /// SQLite answers from its R*Tree alone, whose 32-bit corners hold each position to within
    /// `NearestSearch.positionErrorKm`; PostgreSQL from the sites its GiST index finds.
    private func sitePositions(inside boxes: [Geodesy.BoundingBox]?) async throws -> [(id: Int64, lat: Double, lon: Double)] {
        var sql: SQLQueryString
        switch database.dialect {
        case .sqlite:
            sql = "SELECT id, (min_lat + max_lat) / 2 AS lat, (min_lon + max_lon) / 2 AS lon FROM site_positions"
            for (index, box) in (boxes ?? []).enumerated() {
                sql.appendLiteral(index == 0 ? " WHERE (" : " OR (")
                sql.appendInterpolation(
                    """
                    max_lat >= \(bind: box.minLat) AND min_lat <= \(bind: box.maxLat) AND max_lon >= \(bind: box.minLon) AND min_lon <= \(bind: box.maxLon))
                    """ as SQLQueryString)
            }
        case .postgres:
            sql = "SELECT s.id, s.lat, s.lon FROM sites s"
            if let boxes {
                sql.appendLiteral(" WHERE ")
                sql.appendInterpolation(Self.inside(boxes, dialect: .postgres))
            }
        }
        let rows = try await database.read { db in try await db.raw(sql).all() }
        return try rows.map { (try $0.int64("id"), try $0.double("lat"), try $0.double("lon")) }
    }

    /// The sites among `sites` the viewer may see that hold more than nothing of the item.
    private func stockAt(
        sites: [Int64], item: String, lat: Double, lon: Double, visibleTo actor: Actor, today: Day
    ) async throws -> [NearestStock] {
        var sql: SQLQueryString = """
            SELECT s.code, s.name, holder.code AS org, s.country, s.lat, s.lon,
                   CAST(SUM(t.quantity_milli) AS BIGINT) AS q, MAX(t.latest_report) AS latest
            FROM sites s JOIN organisations holder ON holder.id = s.org_id CROSS JOIN stock_site_totals t
            """
        // Sites first, then their totals (SQLite keeps the order of a CROSS JOIN).
        let conditions: [SQLQueryString] = [
            "s.id IN (\(binds: sites))", "t.site_id = s.id", "t.item_code = \(bind: item.uppercased())",
            "t.expiry = '' OR t.expiry >= \(bind: today.description)", StockQueries.detailVisible(StockVisibility(for: actor)),
        ]
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
                distanceKm: NearestSearch.shown(Geodesy.distanceKm(lat1: lat, lon1: lon, lat2: lat2, lon2: lon2)),
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

/// The bookkeeping of one nearest search: the sites seen so far, nearest first, and how many of
/// them have had their stock read.
struct NearestSearch {
    let limit: Int
    /// Sites inside the circle searched so far, by their distance from the positions read, each once.
    private var candidates: [(id: Int64, km: Double)] = []
    private var seen: Set<Int64> = []
    /// How many of `candidates` have had their stock read.
    private var read = 0
    var found: [NearestStock] = []

    /// How far a candidate's distance may be from the exact one, from the positions it was
    /// computed from (SQLite's R*Tree rounds each coordinate outward to a 32-bit float: within
    /// about 2 m); the search reads and keeps candidates this much beyond where it must.
    static let positionErrorKm = 0.01

    init(limit: Int) { self.limit = limit }

    /// Distances as shown: to 0.1 km.
    static func shown(_ km: Double) -> Double { (km * 10).rounded() / 10 }

    /// Adds the sites within `reach` not seen before, keeping the unread ones nearest first.
    mutating func add(_ sites: [(id: Int64, km: Double)], within reach: Double) {
        var new = sites.filter { $0.km <= reach + Self.positionErrorKm && !seen.contains($0.id) }
        new.sort { $0.km < $1.km }
        for site in new { seen.insert(site.id) }
        // The sites of the last circle were all read before it widened, so the new ones go after.
        candidates += new
    }

    /// The next sites whose stock to read, nearest first; nil when the ones read already settle
    /// the first `limit` within the circle. The batch doubles as the search goes on.
    mutating func nextBatch() -> [Int64]? {
        guard read < candidates.count else { return nil }
        if let bound = settledBound(), candidates[read].km > bound + Self.positionErrorKm { return nil }
        let size = max(2 * limit, read)
        let batch = candidates[read..<min(read + size, candidates.count)].map(\.id)
        read += batch.count
        return batch
    }

    /// The farthest exact distance a site still unread could have and yet be shown before the
    /// `limit`-th site found (it rounds to the same 0.1 km and its code could sort first).
    private func settledBound() -> Double? {
        guard found.count >= limit else { return nil }
        return sorted()[limit - 1].distanceKm + 0.05
    }

    private func sorted() -> [NearestStock] {
        found.sorted { ($0.distanceKm, $0.siteCode) < ($1.distanceKm, $1.siteCode) }
    }

    /// The answer, once no site outside the circle of `reach` could take a place in it.
    func result(within reach: Double) -> [NearestStock]? {
        guard reach.isInfinite || (settledBound().map { $0 < reach } ?? false) else { return nil }
        return Array(sorted().prefix(limit))
    }
}
