import CorridorCore
import Foundation
import SQLKit

extension StockRepository {
    /// The IASC ERP lists for a country: what is pre-positioned in it, elsewhere in its UN
    /// sub-region, elsewhere in its region, and at global hubs beyond. Each site counts in one tier;
    /// each item with the people it covers for `days`.
    public func prepositioned(
        for iso: String, visibleTo actor: Actor, today: Day = .today(), days: Int = PeopleCovered.defaultDays
    ) async throws -> [PrepositionedTier]? {
        guard let country = try await ReferenceRepository(database: database).country(iso) else { return nil }
        let tiers: [(String, String, SQLQueryString)] = [
            ("country", "In \(country.name)", "s.country = \(bind: country.alpha2)"),
            (
                "subregion", "Elsewhere in \(country.subregion)",
                "c.subregion = \(bind: country.subregion) AND s.country <> \(bind: country.alpha2)"
            ),
            (
                "region", "Elsewhere in \(country.region)",
                "c.region = \(bind: country.region) AND c.subregion <> \(bind: country.subregion)"
            ),
            ("global", "Global hubs", "s.tier = 'global_hub' AND c.region <> \(bind: country.region)"),
        ]
        // The tiers read disjoint sites: each is its own query, run side by side.
        let visibility = StockVisibility(for: actor)
        return try await withThrowingTaskGroup(of: (Int, PrepositionedTier).self) { group in
            for (index, (key, label, condition)) in tiers.enumerated() {
                group.addTask {
                    let tier = try await prepositionedTier(
                        key: key, label: label, sites: condition, visibility: visibility, today: today, days: days)
                    return (index, tier)
                }
            }
            var result: [(Int, PrepositionedTier)] = []
            for try await tier in group { result.append(tier) }
            return result.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    /// One tier of the pre-positioned lists: the stock of the sites `condition` picks.
    private func prepositionedTier(
        key: String, label: String, sites condition: SQLQueryString, visibility: StockVisibility, today: Day, days: Int
    ) async throws -> PrepositionedTier {
        // From the kept per-site totals, filtered by the site's sharing as lines would be; one
        // row per item, owner and country, with the item's details joined once per row.
        var grouped: SQLQueryString = """
            SELECT t.item_code, t.owner_org_id, s.country AS site_country, CAST(SUM(t.quantity_milli) AS BIGINT) AS q,
                   COUNT(DISTINCT s.id) AS sites, MAX(t.latest_report) AS latest
            FROM sites s JOIN organisations holder ON holder.id = s.org_id JOIN countries c ON c.alpha2 = s.country
            CROSS JOIN stock_site_totals t
            """
        // The tier's sites first, then their totals (SQLite keeps the order of a CROSS JOIN).
        grouped.appendInterpolation(
            StockQueries.whereClause([
                "t.site_id = s.id", condition, "t.expiry = '' OR t.expiry >= \(bind: today.description)",
                StockQueries.detailVisible(visibility),
            ]))
        grouped.appendLiteral(" GROUP BY t.item_code, t.owner_org_id, s.country")
        var sql: SQLQueryString = """
            SELECT i.code, i.name, i.sector, i.family, i.unit, i.coverage_people, i.coverage_days, owner.code AS owner_code,
                   g.site_country, g.q, g.sites, g.latest
            FROM (
            """
        sql.appendInterpolation(grouped)
        sql.appendLiteral(
            """
            ) g JOIN items i ON i.code = g.item_code JOIN organisations owner ON owner.id = g.owner_org_id
             ORDER BY i.sector, i.name
            """)
        let rows = try await database.read { db in try await db.raw(sql).all() }
        var items: [String: PrepositionedItem] = [:]
        var order: [String] = []
        var countries = Set<String>()
        var coverage: [String: (people: Double?, days: Double?)] = [:]
        let staleBefore = today.adding(days: -Self.staleAfterDays).description
        for row in rows {
            let code = try row.string("code")
            let quantity = Quantity(milli: try row.int64("q"))
            let latest = try row.string("latest")
            let owner = try row.string("owner_code")
            countries.insert(try row.string("site_country"))
            if var item = items[code] {
                item.quantity = item.quantity + quantity
                item.owners = Array(Set(item.owners + [owner])).sorted()
                item.sites += try row.int("sites")
                item.latestReport = max(item.latestReport, latest)
                item.stale = item.latestReport < staleBefore
                items[code] = item
            } else {
                order.append(code)
                coverage[code] = (try row.optionalDouble("coverage_people"), try row.optionalDouble("coverage_days"))
                items[code] = PrepositionedItem(
                    itemCode: code, itemName: try row.string("name"), sector: try row.string("sector"), unit: try row.string("unit"),
                    quantity: quantity, family: try row.string("family"), personDays: nil, peopleCovered: nil, days: days,
                    owners: [owner], sites: try row.int("sites"), latestReport: latest, stale: latest < staleBefore)
            }
        }
        // Each item's coverage once, from its whole quantity in the tier.
        for (code, basis) in coverage {
            guard var item = items[code] else { continue }
            let covered = PeopleCovered.of(
                quantity: item.quantity.doubleValue, coveragePeople: basis.people, coverageDays: basis.days, unit: item.unit, days: days
            )
            (item.personDays, item.peopleCovered) = (covered?.personDays, covered?.people)
            items[code] = item
        }
        return PrepositionedTier(tier: key, label: label, countries: countries.sorted(), items: order.compactMap { items[$0] })
    }

    /// Sets the level below which an organisation wants to hear that a site runs short of an item
    /// (a zero minimum removes it). Members of the site's organisation and admins may.
    public func setMinimum(siteID: Int64, itemCode: String, minimum: Quantity, by actor: Actor) async throws {
        guard minimum >= .zero else { throw DomainError.invalid(field: "minimum", "must not be negative") }
        try await database.transaction { db in
            guard let site = try await SiteRepository.find(id: siteID, on: db), Policy.canSee(site, actor) else {
                throw DomainError.notFound("no site with id \(siteID)")
            }
            try Policy.authorize(actor, .manageSites, .organisation(code: site.orgCode))
            guard try await db.raw("SELECT code FROM items WHERE code = \(bind: itemCode.uppercased())").first() != nil else {
                throw DomainError.invalid(field: "item", "'\(itemCode)' is not a catalogue item code")
            }
            try await db.raw("DELETE FROM stock_minimums WHERE site_id = \(bind: siteID) AND item_code = \(bind: itemCode.uppercased())")
                .run()
            if minimum > .zero {
                try await db.raw(
                    """
                    INSERT INTO stock_minimums (site_id, item_code, minimum_milli)
                    VALUES (\(bind: siteID), \(bind: itemCode.uppercased()), \(bind: minimum.milli))
                    """
                ).run()
            }
        }
    }
}
