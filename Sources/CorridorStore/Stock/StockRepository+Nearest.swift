import CorridorCore
import Foundation
import SQLKit

extension StockRepository {
    /// Sites holding available, unexpired stock of `item`, nearest first (by great-circle
    /// distance to 0.1 km, then site code), at most `limit` of them.
    ///
    /// Reads sites nearest first until `limit` are found holding the item that no site farther
    /// out could come before. On SQLite the R*Tree walks the sites nearest first
    /// (`SQLiteNearestFirst`), more of them each round, and the kept totals of the nearest are
    /// read a few sites at a time, the whole search in one trip to SQLite's thread. On PostgreSQL
    /// the GiST index of the sites' points on the globe walks them nearest first, and one kept
    /// statement reads the nearest holding sites with their stock (`NearestHoldingText`), again
    /// with more of them only when ties at the last place are not settled.
    public func nearest(
        item: String, lat: Double, lon: Double, limit: Int, visibleTo actor: Actor,
        today: Day = .today()
    ) async throws -> [NearestStock] {
        let start = NearestSearch(lat: lat, lon: lon, limit: max(1, min(limit, 100)))
        let visibility = StockVisibility(for: actor)
        let item = item.uppercased()
        guard database.dialect == .sqlite else {
            return try await database.readDriver { driver in
                guard case .postgres(let connection) = driver else { preconditionFailure("a PostgreSQL store reads through PostgreSQL") }
                var search = start
                repeat {
                    let asked = search.holdingLimit
                    let rows = try await NearestHoldingText.rows(
                        around: (lat, lon), item: item, visibility: visibility, today: today, limit: asked, on: connection,
                        logger: database.logger)
                    try search.addHolding(rows, asked: asked)
                } while !search.isSettled
                return search.answer
            }
        }
        return try await database.readDriver { driver in
            guard case .sqlite(let connection) = driver else { preconditionFailure("a SQLite store reads through SQLite") }
            let db = SQLiteDirectDatabase(connection: connection, logger: database.logger)
            return try await connection.withSession { session in
                var search = start
                var wanted = 4 * search.limit
                while true {
                    let (sql, binds) = try db.text(of: Self.positionsQuery(nearestTo: (lat, lon), limit: wanted))
                    var positions: [NearestSearch.Position] = []
                    try session.forEachRow(sql, binds) { positions.append(($0.int64(0), $0.double(1), $0.double(2))) }
                    search.addNearestFirst(positions, everySite: positions.count < wanted)
                    while let batch = search.nextBatch() {
                        let (sql, binds) = try db.text(of: Self.stockQuery(sites: batch, item: item, visibility: visibility, today: today))
                        try session.forEachRow(sql, binds) { row in
                            if let found = try search.stock(row) { search.found.append(found) }
                        }
                    }
                    if search.isSettled { return search.answer }
                    wanted *= 4
                }
            }
        }
    }

    /// The `limit` sites nearest the point, nearest first, from SQLite's R*Tree alone (walked
    /// nearest first by `nearest_first`), whose 32-bit corners hold each position to within
    /// `NearestSearch.positionErrorKm`: id, lat, lon.
    private static func positionsQuery(nearestTo point: (lat: Double, lon: Double), limit: Int) -> SQLQueryString {
        """
        SELECT id, (min_lat + max_lat) / 2 AS lat, (min_lon + max_lon) / 2 AS lon FROM site_positions
        WHERE id MATCH nearest_first(\(bind: point.lat), \(bind: point.lon)) LIMIT \(bind: limit)
        """
    }

    /// The sites among `sites` the viewer may see that hold some of the item: code, name, org,
    /// country, lat, lon, q (thousandths), latest.
    private static func stockQuery(sites: [Int64], item: String, visibility: StockVisibility, today: Day) -> SQLQueryString {
        var sql: SQLQueryString = """
            SELECT s.code, s.name, holder.code AS org, s.country, s.lat, s.lon,
                   CAST(SUM(t.quantity_milli) AS BIGINT) AS q, MAX(t.latest_report) AS latest
            FROM sites s JOIN organisations holder ON holder.id = s.org_id CROSS JOIN stock_site_totals t
            """
        // Sites first, then their totals (SQLite keeps the order of a CROSS JOIN).
        let conditions: [SQLQueryString] = [
            "s.id IN (\(binds: sites))", "t.site_id = s.id", "t.item_code = \(bind: item)",
            "t.expiry = '' OR t.expiry >= \(bind: today.description)", StockQueries.detailVisible(visibility),
        ]
        sql.appendInterpolation(StockQueries.whereClause(conditions))
        sql.appendLiteral(" GROUP BY s.id, s.code, s.name, holder.code, s.country, s.lat, s.lon")
        return sql
    }
}

/// The bookkeeping of one nearest search: how far out it has searched, the sites seen there,
/// nearest first, and how many of them have had their stock read.
struct NearestSearch: Sendable {
    typealias Position = (id: Int64, lat: Double, lon: Double)
    let lat: Double, lon: Double
    let limit: Int
    /// How far from the point every site holding the item is known: everywhere until a read is
    /// cut short (`addHolding`, `addNearestFirst`).
    private var reach = Double.infinity
    /// Sites seen so far, by their distance from the positions read, each once.
    private var candidates: [(id: Int64, km: Double)] = []
    private var seen: Set<Int64> = []
    /// How many of `candidates` have had their stock read.
    private var read = 0
    var found: [NearestStock] = []

    /// How far a candidate's distance may be from the exact one, from the positions it was
    /// computed from (SQLite's R*Tree rounds each coordinate outward to a 32-bit float: within
    /// about 2 m); the search reads and keeps candidates this much beyond where it must.
    static let positionErrorKm = 0.01

    init(lat: Double, lon: Double, limit: Int) {
        (self.lat, self.lon, self.limit) = (lat, lon, limit)
    }

    /// Distances as shown: to 0.1 km.
    static func shown(_ km: Double) -> Double { (km * 10).rounded() / 10 }

    /// Adds the sites not seen before from the nearest sites to the point, nearest first (every
    /// site when `everySite`): every site left out is at least as far as the farthest of them.
    mutating func addNearestFirst(_ positions: [Position], everySite: Bool) {
        var new: [(id: Int64, km: Double)] = []
        var farthest = 0.0
        for site in positions {
            let km = Geodesy.distanceKm(lat1: lat, lon1: lon, lat2: site.lat, lon2: site.lon)
            farthest = max(farthest, km)
            if !seen.contains(site.id) { new.append((site.id, km)) }
        }
        new.sort { $0.km < $1.km }
        for site in new { seen.insert(site.id) }
        // The nearer sites were read before, so the new ones go after.
        candidates += new
        reach = everySite ? .infinity : max(0, farthest - Self.positionErrorKm)
    }

    /// Whether the sites found settle the answer: no site beyond what has been searched could
    /// come before the `limit`-th.
    var isSettled: Bool {
        reach.isInfinite || (settledBound().map { $0 < reach } ?? false)
    }

    /// How many holding sites the next `addHolding` read asks for: those seen already, which are
    /// the nearest, and more; growing each time, so that a read cut short still moves on.
    var holdingLimit: Int { 2 * (seen.count + limit) }

    /// Adds the holding sites not seen before from rows that carry their stock as well, the
    /// nearest holding sites in order, at most `asked` of them (the PostgreSQL search reads them
    /// with their stock in one statement; a site without the item has no row). A read cut short
    /// at `asked` rows knows every holding site only up to its farthest row.
    mutating func addHolding(_ rows: [some NearestColumns], asked: Int) throws {
        var farthest = 0.0
        for row in rows {
            farthest = max(farthest, Geodesy.distanceKm(lat1: lat, lon1: lon, lat2: try row.double("lat"), lon2: try row.double("lon")))
            guard seen.insert(try row.int64("id")).inserted else { continue }
            if let stock = try stock(row) { found.append(stock) }
        }
        reach = rows.count < asked ? .infinity : max(0, farthest - Self.positionErrorKm)
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

    /// A site's stock from a row of the stock query, nil when it holds none.
    func stock(_ row: some NearestColumns) throws -> NearestStock? {
        let quantity = Quantity(milli: try row.int64("q"))
        guard quantity > .zero else { return nil }
        let lat2 = try row.double("lat"), lon2 = try row.double("lon")
        return NearestStock(
            siteCode: try row.string("code"), siteName: try row.string("name"), org: try row.string("org"),
            country: try row.string("country"), lat: lat2, lon: lon2,
            distanceKm: Self.shown(Geodesy.distanceKm(lat1: lat, lon1: lon, lat2: lat2, lon2: lon2)),
            quantity: quantity, latestReport: try row.string("latest"))
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

    /// The answer, once `isSettled`.
    var answer: [NearestStock] { Array(sorted().prefix(limit)) }
}

/// A row of the stock query, from either driver.
protocol NearestColumns {
    func string(_ column: String) throws -> String
    func int64(_ column: String) throws -> Int64
    func double(_ column: String) throws -> Double
}

extension SQLiteDirectConnection.RawRow: NearestColumns {
    func string(_ column: String) throws -> String { text(try index(column)) }
    func int64(_ column: String) throws -> Int64 { int64(try index(column)) }
    func double(_ column: String) throws -> Double { double(try index(column)) }
}
