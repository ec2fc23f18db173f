import CorridorCore
import Foundation
import SQLKit

/// Reading stock: lists, exports, totals, the country / region / global lists, nearest stock.
/// Every query sees only what `StockVisibility` lets the caller see.
public struct StockRepository: Sendable {
    let database: Database
    public static let staleAfterDays = 90

    /// Lines the caller sees in detail, oldest id first, `limit` at a time after `cursor`, each with
    /// the people it covers for `days`.
    public func lines(
        _ filter: StockFilter, visibleTo actor: Actor, after cursor: Int64? = nil, limit: Int = 500,
        days: Int = PeopleCovered.defaultDays
    ) async throws -> [StockLineView] {
        let sql = StockQueries.linesQuery(filter, visibleTo: actor, after: cursor, limit: limit)
        return try await database.read { db in try await db.raw(sql).all().map { try Self.lineView($0, days: days) } }
    }

    /// Every visible site with its available stock summed by sector, and the people it covers for
    /// `days` by item family.
    public func siteTotals(
        visibleTo actor: Actor, country: String? = nil, siteID: Int64? = nil, days: Int = PeopleCovered.defaultDays
    ) async throws -> [SiteTotals] {
        let sites = try await SiteRepository(database: database).visible(to: actor)
            .filter { (country == nil || $0.country == country!.uppercased()) && (siteID == nil || $0.id == siteID) }
        var conditions: [SQLQueryString] = []
        if let country { conditions.append("s.country = \(bind: country.uppercased())") }
        if let siteID { conditions.append("s.id = \(bind: siteID)") }
        return try await totals(of: sites, where: conditions, visibleTo: actor, days: days)
    }

    /// `siteTotals`, handed over `pageSize` sites at a time in the same order, so a caller that
    /// writes them out (the GeoJSON) never holds more than a page of totals.
    public func forEachSiteTotalsPage(
        visibleTo actor: Actor, country: String? = nil, days: Int = PeopleCovered.defaultDays, pageSize: Int = 500,
        _ page: ([SiteTotals]) async throws -> Void
    ) async throws {
        let sites = try await SiteRepository(database: database).visible(to: actor)
            .filter { country == nil || $0.country == country!.uppercased() }
        var start = 0
        while start < sites.count {
            let slice = Array(sites[start..<min(start + max(1, pageSize), sites.count)])
            let ids = SQLQueryString.list(slice.map(\.id))
            try await page(try await totals(of: slice, where: ["s.id IN \(ids)"], visibleTo: actor, days: days))
            start += slice.count
        }
    }

    /// The totals of `sites` (all visible to `actor`), read with the lines that match `where`.
    private func totals(
        of sites: [Site], where siteConditions: [SQLQueryString], visibleTo actor: Actor, days: Int
    ) async throws -> [SiteTotals] {
        let visibility = StockVisibility(for: actor)
        let conditions: [SQLQueryString] = ["l.status = 'available'"] + siteConditions
        // By item, so that each item's coverage is computed once by the core and only then added
        // up within its sector (weight, volume) and its family (people).
        var sql: SQLQueryString = """
            SELECT s.id AS site_id, i.sector, i.family, i.family_label, i.unit, i.coverage_people, i.coverage_days, COUNT(*) AS n,
                   CAST(SUM(l.quantity_milli) AS BIGINT) AS q,
                   SUM(l.quantity_milli * i.weight_kg) / 1000.0 AS weight_kg,
                   SUM(l.quantity_milli * i.volume_m3) / 1000.0 AS volume_m3,
                   MAX(l.reported_at) AS latest
            """
        sql.appendInterpolation(StockQueries.linesFrom)
        sql.appendInterpolation(StockQueries.whereClause(conditions))
        sql.appendLiteral(
            " GROUP BY s.id, i.code, i.sector, i.family, i.family_label, i.unit, i.coverage_people, i.coverage_days ORDER BY s.id, i.sector"
        )
        let rows = try await database.read { db in try await db.raw(sql).all() }
        struct Entry {
            var sectors: [String: SiteTotals.SectorTotal] = [:]
            var families: [(family: String, label: String, coverage: PeopleCovered)] = []
            var latest: String?
        }
        var bySite: [Int64: Entry] = [:]
        for row in rows {
            let id = try row.int64("site_id"), sector = try row.string("sector")
            var entry = bySite[id] ?? Entry()
            var total = entry.sectors[sector] ?? SiteTotals.SectorTotal(sector: sector, lines: 0, weightKg: 0, volumeM3: 0)
            total.lines += try row.int("n")
            total.weightKg += try row.double("weight_kg")
            total.volumeM3 += try row.double("volume_m3")
            entry.sectors[sector] = total
            if let covered = PeopleCovered.of(
                quantity: Quantity(milli: try row.int64("q")).doubleValue, coveragePeople: try row.optionalDouble("coverage_people"),
                coverageDays: try row.optionalDouble("coverage_days"), unit: try row.string("unit"), days: days)
            {
                entry.families.append((try row.string("family"), try row.string("family_label"), covered))
            }
            let latest = try row.optionalString("latest")
            entry.latest = max(entry.latest ?? "", latest ?? "")
            bySite[id] = entry
        }
        return sites.map { site in
            let entry = bySite[site.id] ?? Entry()
            let detail = visibility.seesDetail(of: site)
            // Coverage by family tells more than totals by sector: only for those who see the lines.
            return SiteTotals(
                site: site, sectors: entry.sectors.values.sorted { $0.sector < $1.sector },
                families: detail ? FamilyCoverage.byFamily(entry.families, days: days) : [], days: days,
                detailVisible: detail, latestReport: entry.latest)
        }
    }

    static func lineView(_ row: any SQLRow, days: Int) throws -> StockLineView {
        let quantity = Quantity(milli: try row.int64("quantity_milli"))
        let covered = PeopleCovered.of(
            quantity: quantity.doubleValue, coveragePeople: try row.optionalDouble("coverage_people"),
            coverageDays: try row.optionalDouble("coverage_days"), unit: try row.string("unit"), days: days)
        return StockLineView(
            id: try row.int64("id"), siteCode: try row.string("site_code"), siteName: try row.string("site_name"),
            siteOrg: try row.string("site_org"), country: try row.string("country"), adm1: try row.optionalString("adm1"),
            lat: try row.double("lat"), lon: try row.double("lon"), tier: try row.string("tier"),
            itemCode: try row.string("item_code"), itemName: try row.string("item_name"), sector: try row.string("sector"),
            unit: try row.string("unit"), quantity: quantity, owner: try row.string("owner_code"),
            status: try row.string("status"), expiry: try row.optionalString("expiry"), batch: try row.optionalString("batch"),
            reportedAt: try row.string("reported_at"), personDays: covered?.personDays, peopleCovered: covered?.people, days: days)
    }
}
