import CorridorCore
import Foundation
import SQLKit

/// Filters of the stock list and exports; every one optional.
public struct StockFilter: Sendable, Equatable {
    public var country: String?
    public var region: String?
    public var subregion: String?
    public var sector: String?
    public var item: String?
    public var org: String?
    public var orgType: String?
    public var tier: String?
    public var status: String?
    public var expiringBefore: Day?
    public var siteID: Int64?

    public init(
        siteID: Int64? = nil, country: String? = nil, region: String? = nil, subregion: String? = nil, sector: String? = nil,
        item: String? = nil, org: String? = nil, orgType: String? = nil, tier: String? = nil,
        status: String? = nil, expiringBefore: Day? = nil
    ) {
        self.country = country
        self.region = region
        self.subregion = subregion
        self.sector = sector
        self.item = item
        self.org = org
        self.orgType = orgType
        self.tier = tier
        self.status = status
        self.expiringBefore = expiringBefore
        self.siteID = siteID
    }

    /// Checks the values that have a fixed vocabulary, naming the filter that is wrong.
    public func validated() throws(DomainError) -> StockFilter {
        var problems = ProblemList()
        if let sector, Sector(rawValue: sector) == nil {
            problems.add(field: "sector", "must be one of \(Sector.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let tier, Site.Tier(rawValue: tier) == nil {
            problems.add(field: "tier", "must be one of \(Site.Tier.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let status, StockStatus(rawValue: status) == nil {
            problems.add(field: "status", "must be one of \(StockStatus.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let orgType, OrganisationType(rawValue: orgType) == nil {
            problems.add(field: "org_type", "must be one of \(OrganisationType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let country, CountryCode(country) == nil { problems.add(field: "country", "must be an ISO alpha-2 code") }
        try problems.check()
        return self
    }

    /// The WHERE conditions, over the aliases of `StockQueries.linesFrom`.
    func conditions() -> [SQLQueryString] {
        var c: [SQLQueryString] = []
        if let siteID { c.append("s.id = \(bind: siteID)") }
        if let country { c.append("s.country = \(bind: country.uppercased())") }
        if let region { c.append("c.region = \(bind: region)") }
        if let subregion { c.append("c.subregion = \(bind: subregion)") }
        if let sector { c.append("i.sector = \(bind: sector)") }
        if let item { c.append("i.code = \(bind: item.uppercased())") }
        if let org { c.append("owner.code = \(bind: org.uppercased())") }
        if let orgType { c.append("owner.type = \(bind: orgType)") }
        if let tier { c.append("s.tier = \(bind: tier)") }
        if let status { c.append("l.status = \(bind: status)") }
        if let expiringBefore { c.append("l.expiry IS NOT NULL AND l.expiry < \(bind: expiringBefore.description)") }
        return c
    }
}

/// The SQL pieces every stock query shares: the joins, and who sees which sites in detail.
enum StockQueries {
    static let linesFrom: SQLQueryString = """
         FROM stock_lines l
        JOIN sites s ON s.id = l.site_id
        JOIN organisations holder ON holder.id = s.org_id
        JOIN organisations owner ON owner.id = l.owner_org_id
        JOIN items i ON i.code = l.item_code
        JOIN countries c ON c.alpha2 = s.country
        """

    /// Lines the caller sees in detail, oldest id first, `limit` (at most 10,000; nil: every
    /// line, for a reader that streams them) after `cursor`.
    static func linesQuery(_ filter: StockFilter, visibleTo actor: Actor, after cursor: Int64?, limit: Int?) -> SQLQueryString {
        var conditions = filter.conditions()
        conditions.append(detailVisible(StockVisibility(for: actor)))
        if let cursor { conditions.append("l.id > \(bind: cursor)") }
        var sql: SQLQueryString = """
            SELECT l.id, s.code AS site_code, s.name AS site_name, holder.code AS site_org, s.country, s.adm1, s.lat, s.lon,
                   s.tier, i.code AS item_code, i.name AS item_name, i.sector, i.unit, i.coverage_people,
                   i.coverage_days, l.quantity_milli, owner.code AS owner_code, l.status, l.expiry, l.batch, l.reported_at
            """
        sql.appendInterpolation(linesFrom)
        sql.appendInterpolation(whereClause(conditions))
        sql.appendLiteral(" ORDER BY l.id")
        if let limit { sql.appendLiteral(" LIMIT \(max(1, min(limit, 10_000)))") }
        return sql
    }

    /// Sites whose stock the caller sees line by line (public ones, and per `StockVisibility`).
    static func detailVisible(_ visibility: StockVisibility) -> SQLQueryString {
        if visibility.everything { return "1 = 1" }
        var clause: SQLQueryString = "(\(unsafeRaw: publicSharing)"
        for match in detailMatches(visibility) {
            clause.appendLiteral(" OR \(match.column) IN (")
            clause.appendInterpolation(binds: match.values)
            clause.appendLiteral(")")
        }
        clause.appendLiteral(")")
        return clause
    }

    /// Besides public sites, a viewer who does not see everything sees in detail the sites held
    /// by their organisations and those in their countries: the columns and values matched, for
    /// `detailVisible` and for statements written as plain text (`NearestHoldingSQLiteText`).
    static func detailMatches(_ visibility: StockVisibility) -> [(column: String, values: [String])] {
        [("holder.code", visibility.organisations), ("s.country", visibility.countries)].filter { !$0.values.isEmpty }
    }

    static let publicSharing = "s.sharing = 'public'"

    /// Sites the caller may know exist (`Policy.canSee`): all but private ones, which only those
    /// who see them in detail see.
    static func siteVisible(_ visibility: StockVisibility) -> SQLQueryString {
        var clause: SQLQueryString = "(s.sharing <> 'private' OR "
        clause.appendInterpolation(detailVisible(visibility))
        clause.appendLiteral(")")
        return clause
    }

    static func whereClause(_ conditions: [SQLQueryString]) -> SQLQueryString {
        guard !conditions.isEmpty else { return "" }
        var clause: SQLQueryString = " WHERE "
        for (index, condition) in conditions.enumerated() {
            if index > 0 { clause.appendLiteral(" AND ") }
            clause.appendLiteral("(")
            clause.appendInterpolation(condition)
            clause.appendLiteral(")")
        }
        return clause
    }
}
