import CorridorCore
import Foundation
import SQLKit

/// The first alerts in order, and how many there are of each kind.
public struct StockAlertPage: Sendable {
    public var alerts: [StockAlert]
    public var counts: [StockAlert.Kind: Int]

    /// How many there are of `kinds`.
    public func count(of kinds: Set<StockAlert.Kind>) -> Int { kinds.reduce(0) { $0 + (counts[$1] ?? 0) } }
}

extension StockRepository {
    /// Available stock expiring within `days` (by site, item and expiry date), below an
    /// organisation's minimum, not reported for more than 90 days, or above its site's capacity,
    /// at the sites the caller sees in detail: the most urgent first. `country` narrows them to
    /// the sites in one country, `holders` to the sites some organisations hold, `kinds` to some
    /// kinds.
    ///
    /// Every figure comes from the per-site totals of available stock (`stock_site_totals`), never
    /// from the lines, so the alerts of a large store are read in one pass over its totals. A
    /// site's report date is that of its latest available stock, as on its page.
    public func alerts(
        visibleTo actor: Actor, country: String? = nil, holders: [String]? = nil,
        kinds: Set<StockAlert.Kind> = Set(StockAlert.Kind.allCases), expiringWithinDays days: Int = 90, today: Day = .today()
    ) async throws -> [StockAlert] {
        try await alertPage(visibleTo: actor, country: country, holders: holders, kinds: kinds, expiringWithinDays: days, today: today)
            .alerts
    }

    /// `alerts`, only the `first` of them when given, with how many there are of each kind: the
    /// kinds that can be many (expiring, stale) read only their first rows, and count the rest in
    /// the same statement. Every kind of `kinds` is counted; only those of `listing` (all of
    /// `kinds` when nil) are listed.
    public func alertPage(
        visibleTo actor: Actor, country: String? = nil, holders: [String]? = nil,
        kinds: Set<StockAlert.Kind> = Set(StockAlert.Kind.allCases), listing: Set<StockAlert.Kind>? = nil, first: Int? = nil,
        expiringWithinDays days: Int = 90, today: Day = .today()
    ) async throws -> StockAlertPage {
        var visible = StockQueries.detailVisible(StockVisibility(for: actor))
        if let country {
            visible.appendLiteral(" AND s.country = ")
            visible.appendInterpolation(bind: country.uppercased())
        }
        if let holders {
            guard !holders.isEmpty else { return StockAlertPage(alerts: [], counts: [:]) }
            visible.appendLiteral(" AND holder.code IN (")
            visible.appendInterpolation(binds: holders.map { $0.uppercased() })
            visible.appendLiteral(")")
        }
        let statements = AlertStatements(
            visible: visible, today: today, days: days, first: first)
        return try await database.read { db in
            var alerts: [StockAlert] = []
            var counts: [StockAlert.Kind: Int] = [:]
            if kinds.contains(.expiring) {
                let rows = try await db.raw(statements.expiring).all()
                counts[.expiring] = try rows.first?.int("total") ?? 0
                for row in rows {
                    let daysLeft = Day.parse(try row.string("expiry")).map { $0.ordinal - today.ordinal } ?? 0
                    alerts.append(
                        try Self.alert(
                            .expiring, .expiring(daysLeft: daysLeft), at: row, ofItem: true,
                            message:
                                "\(Phrase.number(Quantity(milli: try row.int64("q")).description)) \(try row.string("unit")) expire on \(Phrase.day(try row.string("expiry")))"
                        ))
                }
            }
            if kinds.contains(.belowMinimum) {
                for row in try await db.raw(statements.belowMinimum).all() {
                    let quantity = Quantity(milli: try row.int64("q")), minimum = Quantity(milli: try row.int64("minimum_milli"))
                    guard quantity < minimum else { continue }
                    counts[.belowMinimum, default: 0] += 1
                    alerts.append(
                        try Self.alert(
                            .belowMinimum, .belowMinimum(available: quantity), at: row, ofItem: true,
                            message:
                                "\(Phrase.number(quantity.description)) \(try row.string("unit")) available, minimum \(Phrase.number(minimum.description))"
                        ))
                }
            }
            if kinds.contains(.overCapacity) {
                for row in try await db.raw(statements.overCapacity).all() {
                    let capacity = try row.double("capacity_m3"), volume = try row.double("volume")
                    guard Site.excessM3(stockM3: volume, capacityM3: capacity) != nil else { continue }
                    counts[.overCapacity, default: 0] += 1
                    alerts.append(
                        try Self.alert(
                            .overCapacity, .overCapacity, at: row, ofItem: false,
                            message: Site.overCapacityMessage(stockM3: volume, capacityM3: capacity)))
                }
            }
            if kinds.contains(.staleReport) {
                let rows = try await db.raw(statements.staleReport).all()
                counts[.staleReport] = try rows.first?.int("total") ?? 0
                for row in rows {
                    alerts.append(
                        try Self.alert(
                            .staleReport, .staleReport, at: row, ofItem: false,
                            message:
                                "last stock report \(Phrase.day(try row.string("latest"))), more than \(Phrase.number(String(Self.staleAfterDays))) days ago"
                        )
                    )
                }
            }
            // Stable: within a severity, the order above (expiry, minimum, capacity, report age).
            // Expiring stock's severity only falls along its order, so its first rows hold all of
            // it that can come among the first of all.
            if let listing { alerts.removeAll { !listing.contains($0.kind) } }
            let sorted = alerts.enumerated().sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }.map(\.element)
            return StockAlertPage(alerts: first.map { Array(sorted.prefix($0)) } ?? sorted, counts: counts)
        }
    }

    /// An alert at the site of `row`, read from the columns every alert statement names (id,
    /// country, code, name, org), and item_code and item_name when it is about an item.
    private static func alert(
        _ kind: StockAlert.Kind, _ severity: AlertSeverity, at row: any SQLRow, ofItem: Bool, message: Phrase
    ) throws -> StockAlert {
        StockAlert(
            kind: kind, severity: severity, siteId: try row.int64("id"), country: try row.string("country"),
            siteCode: try row.string("code"), siteName: try row.string("name"), org: try row.string("org"),
            itemCode: ofItem ? try row.string("item_code") : nil, itemName: ofItem ? try row.string("item_name") : nil,
            phrase: message)
    }
}

/// The alerts' statements, over the sites the caller sees in detail (`visible`, on `s` and
/// `holder`), each reading the per-site totals of available stock.
private struct AlertStatements {
    let visible: SQLQueryString
    let today: Day
    let days: Int
    /// Only this many rows of the kinds that can be many, each with the count of all (`total`);
    /// their order is total, so that pages neither repeat nor skip an alert.
    let first: Int?

    /// The count of all the rows, before the limit, and the limit.
    private var limited: (count: String, limit: String) {
        (", COUNT(*) OVER () AS total", first.map { " LIMIT \(max(0, $0))" } ?? "")
    }

    /// Stock of one item at one site expiring on one day (its owners' together), soonest first.
    var expiring: SQLQueryString {
        var sql: SQLQueryString = """
            SELECT s.id, s.country, s.code, s.name, holder.code AS org, i.code AS item_code, i.name AS item_name, i.unit, t.expiry,
                   CAST(SUM(t.quantity_milli) AS BIGINT) AS q\(unsafeRaw: limited.count)
            FROM stock_site_totals t JOIN sites s ON s.id = t.site_id JOIN organisations holder ON holder.id = s.org_id
            JOIN items i ON i.code = t.item_code
            """
        sql.appendInterpolation(
            StockQueries.whereClause([
                visible, "t.expiry >= \(bind: today.description) AND t.expiry <= \(bind: today.adding(days: days).description)",
            ]))
        sql.appendLiteral(
            " GROUP BY s.id, s.country, s.code, s.name, holder.code, i.code, i.name, i.unit, t.expiry HAVING SUM(t.quantity_milli) > 0"
                + " ORDER BY t.expiry, s.code, i.code, s.id" + limited.limit)
        return sql
    }

    /// Each minimum an organisation set, with the site's available stock of its item.
    var belowMinimum: SQLQueryString {
        var sql: SQLQueryString = """
            SELECT s.id, s.country, s.code, s.name, holder.code AS org, i.code AS item_code, i.name AS item_name, i.unit, m.minimum_milli,
                   CAST(COALESCE((SELECT SUM(t.quantity_milli) FROM stock_site_totals t WHERE t.site_id = s.id AND t.item_code = i.code), 0)
                        AS BIGINT) AS q
            FROM stock_minimums m JOIN sites s ON s.id = m.site_id JOIN organisations holder ON holder.id = s.org_id
            JOIN items i ON i.code = m.item_code
            """
        sql.appendInterpolation(StockQueries.whereClause([visible]))
        sql.appendLiteral(" ORDER BY s.code, i.code")
        return sql
    }

    /// Each site with a capacity, with the volume of its available stock.
    var overCapacity: SQLQueryString {
        var sql: SQLQueryString = """
            SELECT s.id, s.country, s.code, s.name, holder.code AS org, s.capacity_m3, COALESCE(summary.volume_m3, 0) AS volume
            FROM sites s JOIN organisations holder ON holder.id = s.org_id LEFT JOIN stock_site_summary summary ON summary.site_id = s.id
            """
        sql.appendInterpolation(StockQueries.whereClause([visible, "s.capacity_m3 IS NOT NULL"]))
        sql.appendLiteral(" ORDER BY s.code")
        return sql
    }

    /// Each site whose latest available stock was reported before the stale date, from each
    /// site's latest report day.
    var staleReport: SQLQueryString {
        let before = today.adding(days: -StockRepository.staleAfterDays).description
        var sql: SQLQueryString = """
            SELECT s.id, s.country, s.code, s.name, holder.code AS org, reported.latest_report AS latest\(unsafeRaw: limited.count)
            FROM stock_site_summary reported
            JOIN sites s ON s.id = reported.site_id JOIN organisations holder ON holder.id = s.org_id
            """
        sql.appendInterpolation(StockQueries.whereClause([visible, "reported.latest_report < \(bind: before)"]))
        sql.appendLiteral(" ORDER BY s.code, s.id")
        sql.appendLiteral(limited.limit)
        return sql
    }
}
