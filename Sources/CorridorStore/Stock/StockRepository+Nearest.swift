import CorridorCore
import Foundation

extension StockRepository {
    /// Sites holding available, unexpired stock of `item`, nearest first (by great-circle
    /// distance to 0.1 km, then site code), at most `limit` of them.
    ///
    /// Reads the nearest holding sites the viewer may see, nearest first, until `limit` are found
    /// that no site farther out could come before; one statement, read again with more rows only
    /// when ties at the last place are not settled. On SQLite the R*Tree walks the sites nearest
    /// first (`SQLiteNearestFirst`), in one trip to SQLite's thread; on PostgreSQL the GiST index
    /// of the sites' points on the globe (`NearestHoldingText`).
    public func nearest(
        item: String, lat: Double, lon: Double, limit: Int, visibleTo actor: Actor,
        today: Day = .today()
    ) async throws -> [NearestStock] {
        let start = NearestSearch(lat: lat, lon: lon, limit: max(1, min(limit, 100)))
        let visibility = StockVisibility(for: actor)
        let item = item.uppercased()
        guard database.dialect == .sqlite else {
            return try await database.shortReadDriver { driver in
                guard case .postgres(let connection) = driver else { preconditionFailure("a PostgreSQL store reads through PostgreSQL") }
                var search = start
                repeat {
                    let asked = search.rowsToAsk
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
            return try await connection.withSession { session in
                var search = start
                repeat {
                    let asked = search.rowsToAsk
                    let (sql, binds) = NearestHoldingSQLiteText.statement(
                        around: (lat, lon), item: item, visibility: visibility, today: today, limit: asked)
                    var (rows, farthest) = (0, 0.0)
                    // Rows come nearest first, so the read stops as soon as they settle the
                    // answer, before SQLite walks to the sites it would not need.
                    try session.readRows(
                        sql, binds,
                        while: { row in
                            try search.addHolding(row, farthest: &farthest)
                            rows += 1
                            guard search.isSettled(byReadUpTo: farthest) else { return true }
                            rows = asked  // ended as a read cut short
                            return false
                        })
                    search.endHoldingRead(rows: rows, asked: asked, farthest: farthest)
                } while !search.isSettled
                return search.answer
            }
        }
    }
}

/// The bookkeeping of one nearest search: how far out every holding site is known, and the
/// holding sites found there, each once.
struct NearestSearch: Sendable {
    let lat: Double, lon: Double
    let limit: Int
    /// How far from the point every site holding the item is known: everywhere until a read is
    /// cut short (`endHoldingRead`).
    private var reach = Double.infinity
    private var seen: Set<Int64> = []
    /// The holding sites found, in the answer's order.
    private(set) var found: [NearestStock] = []

    /// How far a site's distance as the walk orders it may be from the exact one (SQLite's R*Tree
    /// rounds each coordinate outward to a 32-bit float: within about 2 m); a read cut short
    /// knows every holding site only this much short of its farthest row.
    static let positionErrorKm = 0.01

    init(lat: Double, lon: Double, limit: Int) {
        (self.lat, self.lon, self.limit) = (lat, lon, limit)
    }

    /// Distances as shown: to 0.1 km.
    static func shown(_ km: Double) -> Double { (km * 10).rounded() / 10 }

    /// Whether the sites found settle the answer: no site beyond what has been searched could
    /// come before the `limit`-th.
    var isSettled: Bool {
        reach.isInfinite || settles(upTo: reach)
    }

    /// Whether the rows of a read so far, as far out as `farthest`, settle the answer: every row
    /// after them is at least that far out, less the walk's error.
    func isSettled(byReadUpTo farthest: Double) -> Bool {
        settles(upTo: Self.reach(ofReadUpTo: farthest))
    }

    /// Whether every holding site known up to `reach` settles the answer.
    private func settles(upTo reach: Double) -> Bool {
        settledBound().map { $0 < reach } ?? false
    }

    /// How far out a read cut short at a row `farthest` away knows every holding site.
    private static func reach(ofReadUpTo farthest: Double) -> Double { max(0, farthest - positionErrorKm) }

    /// How many holding sites the next read asks for: those seen already, which are the nearest,
    /// and more; growing each time, so that a read cut short still moves on.
    private var holdingLimit: Int { 2 * (seen.count + limit) }

    /// The row counts a read asks for, written into its statement on both databases: each
    /// connection then keeps one statement per count (a bound `LIMIT` is planned anew per call).
    static let rowCounts = [10, 20, 40, 100, 200]

    /// How many rows the next read asks for: the least of `rowCounts` that is enough, or just
    /// enough beyond them.
    var rowsToAsk: Int { Self.rowCounts.first { $0 >= holdingLimit } ?? holdingLimit }

    /// Adds the holding sites not seen before from one read of the nearest holding sites with
    /// their stock, in order, at most `asked` of them (a site without the item has no row).
    mutating func addHolding(_ rows: [some NearestColumns], asked: Int) throws {
        var farthest = 0.0
        for row in rows { try addHolding(row, farthest: &farthest) }
        endHoldingRead(rows: rows.count, asked: asked, farthest: farthest)
    }

    /// Adds one row of such a read, once per site, and keeps the farthest distance read.
    mutating func addHolding(_ row: some NearestColumns, farthest: inout Double) throws {
        let lat2 = try row.double(at: NearestColumn.lat), lon2 = try row.double(at: NearestColumn.lon)
        let km = Geodesy.distanceKm(lat1: lat, lon1: lon, lat2: lat2, lon2: lon2)
        farthest = max(farthest, km)
        guard seen.insert(try row.int64(at: NearestColumn.id)).inserted else { return }
        let quantity = Quantity(milli: try row.int64(at: NearestColumn.quantity))
        guard quantity > .zero else { return }
        let stock = NearestStock(
            siteCode: try row.string(at: NearestColumn.code), siteName: try row.string(at: NearestColumn.name),
            org: try row.string(at: NearestColumn.org), country: try row.string(at: NearestColumn.country), lat: lat2, lon: lon2,
            distanceKm: Self.shown(km), quantity: quantity, latestReport: try row.string(at: NearestColumn.latest))
        // Kept in the answer's order as found: the answer is looked at after every row.
        found.insert(stock, at: found.firstIndex { Self.comesBefore(stock, $0) } ?? found.endIndex)
    }

    /// The answer's order: nearest first as shown, then by site code.
    private static func comesBefore(_ one: NearestStock, _ other: NearestStock) -> Bool {
        (one.distanceKm, one.siteCode) < (other.distanceKm, other.siteCode)
    }

    /// Ends a read that returned `rows` of the `asked` rows: one cut short at `asked` knows every
    /// holding site only up to its farthest row.
    mutating func endHoldingRead(rows: Int, asked: Int, farthest: Double) {
        reach = rows < asked ? .infinity : Self.reach(ofReadUpTo: farthest)
    }

    /// The farthest exact distance a site still unread could have and yet be shown before the
    /// `limit`-th site found (it rounds to the same 0.1 km and its code could sort first).
    private func settledBound() -> Double? {
        guard found.count >= limit else { return nil }
        return found[limit - 1].distanceKm + 0.05
    }

    /// The answer, once `isSettled`.
    var answer: [NearestStock] { Array(found.prefix(limit)) }
}

/// A row of a holding read, from either driver, read by position: a hot read looks up no names.
protocol NearestColumns {
    func string(at column: Int) throws -> String
    func int64(at column: Int) throws -> Int64
    func double(at column: Int) throws -> Double
}

/// Where each column stands in both drivers' holding reads, whose select lists name them in this
/// order: id, code, name, org, country, lat, lon, q, latest.
enum NearestColumn {
    static let id = 0, code = 1, name = 2, org = 3, country = 4, lat = 5, lon = 6, quantity = 7, latest = 8
}

extension SQLiteDirectConnection.RawRow: NearestColumns {
    func string(at column: Int) throws -> String { text(Int32(column)) }
    func int64(at column: Int) throws -> Int64 { int64(Int32(column)) }
    func double(at column: Int) throws -> Double { double(Int32(column)) }
}
