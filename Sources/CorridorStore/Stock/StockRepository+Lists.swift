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

    /// Stock expiring within `days`, below an organisation's minimum, not reported for 90 days, or
    /// above its site's capacity, at the sites the caller sees in detail.
    /// The most urgent first; `country` narrows them to the sites in one country.
    public func alerts(
        visibleTo actor: Actor, country: String? = nil, expiringWithinDays days: Int = 90, today: Day = .today()
    ) async throws -> [StockAlert] {
        var visible = StockQueries.detailVisible(StockVisibility(for: actor))
        if let country {
            visible.appendLiteral(" AND s.country = ")
            visible.appendInterpolation(bind: country.uppercased())
        }
        var expiring: SQLQueryString =
            "SELECT s.id, s.country, s.code, s.name, holder.code AS org, i.code AS item_code, i.name AS item_name, l.expiry, l.quantity_milli "
        expiring.appendInterpolation(StockQueries.linesFrom)
        expiring.appendInterpolation(
            StockQueries.whereClause([
                visible, "l.status = 'available'", "l.expiry IS NOT NULL",
                "l.expiry >= \(bind: today.description) AND l.expiry <= \(bind: today.adding(days: days).description)",
            ]))
        expiring.appendLiteral(" ORDER BY l.expiry, s.code")

        var stale: SQLQueryString = "SELECT s.id, s.country, s.code, s.name, holder.code AS org, MAX(l.reported_at) AS latest "
        stale.appendInterpolation(StockQueries.linesFrom)
        stale.appendInterpolation(StockQueries.whereClause([visible]))
        stale.appendLiteral(" GROUP BY s.id, s.country, s.code, s.name, holder.code HAVING MAX(l.reported_at) < ")
        stale.appendInterpolation(bind: today.adding(days: -Self.staleAfterDays).description)

        var below: SQLQueryString = """
            SELECT s.id, s.country, s.code, s.name, holder.code AS org, i.code AS item_code, i.name AS item_name, i.unit, m.minimum_milli,
                   CAST(COALESCE((SELECT SUM(l.quantity_milli) FROM stock_lines l WHERE l.site_id = s.id AND l.item_code = i.code
                                  AND l.status = 'available'), 0) AS BIGINT) AS q
            FROM stock_minimums m JOIN sites s ON s.id = m.site_id JOIN organisations holder ON holder.id = s.org_id
            JOIN items i ON i.code = m.item_code
            """
        below.appendInterpolation(StockQueries.whereClause([visible]))

        var full: SQLQueryString = """
            SELECT s.id, s.country, s.code, s.name, holder.code AS org, s.capacity_m3, SUM(l.quantity_milli * i.volume_m3) / 1000.0 AS volume
            """
        full.appendInterpolation(StockQueries.linesFrom)
        full.appendInterpolation(StockQueries.whereClause([visible, "l.status = 'available'", "s.capacity_m3 IS NOT NULL"]))
        full.appendLiteral(" GROUP BY s.id, s.country, s.code, s.name, holder.code, s.capacity_m3 ORDER BY s.code")

        return try await database.read { db in
            var alerts: [StockAlert] = []
            for row in try await db.raw(expiring).all() {
                alerts.append(
                    StockAlert(
                        kind: .expiring,
                        severity: .expiring(daysLeft: Day.parse(try row.string("expiry")).map { $0.ordinal - today.ordinal } ?? 0),
                        siteId: try row.int64("id"), country: try row.string("country"), siteCode: try row.string("code"),
                        siteName: try row.string("name"),
                        org: try row.string("org"), itemCode: try row.string("item_code"), itemName: try row.string("item_name"),
                        message: "\(Quantity(milli: try row.int64("quantity_milli"))) expire on \(try row.string("expiry"))"))
            }
            for row in try await db.raw(below).all() {
                let quantity = Quantity(milli: try row.int64("q")), minimum = Quantity(milli: try row.int64("minimum_milli"))
                guard quantity < minimum else { continue }
                alerts.append(
                    StockAlert(
                        kind: .belowMinimum, severity: .belowMinimum(available: quantity), siteId: try row.int64("id"),
                        country: try row.string("country"), siteCode: try row.string("code"), siteName: try row.string("name"),
                        org: try row.string("org"), itemCode: try row.string("item_code"), itemName: try row.string("item_name"),
                        message: "\(quantity) \(try row.string("unit")) available, minimum \(minimum)"))
            }
            for row in try await db.raw(full).all() {
                let capacity = try row.double("capacity_m3"), volume = try row.double("volume")
                guard Site.excessM3(stockM3: volume, capacityM3: capacity) != nil else { continue }
                alerts.append(
                    StockAlert(
                        kind: .overCapacity, severity: .overCapacity, siteId: try row.int64("id"), country: try row.string("country"),
                        siteCode: try row.string("code"), siteName: try row.string("name"),
                        org: try row.string("org"), itemCode: nil, itemName: nil,
                        message: Site.overCapacityMessage(stockM3: volume, capacityM3: capacity)))
            }
            for row in try await db.raw(stale).all() {
                alerts.append(
                    StockAlert(
                        kind: .staleReport, severity: .staleReport, siteId: try row.int64("id"), country: try row.string("country"),
                        siteCode: try row.string("code"), siteName: try row.string("name"),
                        org: try row.string("org"), itemCode: nil, itemName: nil,
                        message: "last stock report \(try row.string("latest")), more than \(Self.staleAfterDays) days ago"))
            }
            // Stable: within a severity, the order above (expiry, minimum, capacity, report age).
            return alerts.enumerated().sorted { ($0.element.severity, $0.offset) < ($1.element.severity, $1.offset) }.map(\.element)
        }
    }
}
