import CorridorCore
import CorridorFormats

/// The views of the stock pages: the filtered list, an upload's result, the pre-positioned lists,
/// alerts, one site, and the sites list with its form.

/// A stock line as the list and a site's page show it.
struct StockLineRow: Sendable {
    let site: String
    let country: String
    let item: String
    let code: String
    let quantity: String
    let unit: String
    let owner: String
    let status: String
    let expiry: String
    let reported: String
    let people: String
}

struct StockPageView: PageView {
    static let template = "stock"

    /// The filters as the visitor set them.
    struct Filters: Sendable {
        let country: String
        let item: String
        let org: String
    }

    let filters: Filters
    let countries: [CountryChoice]
    let sectors: [Choice]
    let tiers: [Choice]
    let lines: [StockLineRow]
    let count: Int
    let more: Bool
    /// The query string, for the HXL download of the same selection.
    let query: String
    let uploadOrgs: [CodeRow]
    let canUpload: Bool
    /// The horizon people covered is shown for, and the choices of it.
    let days: Int
    let dayChoices: [Choice]
    /// Each column a report may have: its template header, hashtag, what it holds, and the
    /// headers people write for it that the import reads.
    let columns: [AcceptedColumn]

    struct AcceptedColumn: Sendable {
        let header: String
        let hashtag: String
        let note: String
        let aliases: String
    }

    static let acceptedColumns: [AcceptedColumn] = StockReportTemplate.columns.map { column in
        var fields = [column.field]
        // The organisation column takes a code or a name, under either kind of header.
        if column.field == .orgCode { fields.append(.orgName) }
        let aliases = HeaderAliases.aliases.filter { fields.contains($0.field) }.flatMap(\.headers)
        return AcceptedColumn(header: column.header, hashtag: column.hashtag, note: column.note, aliases: aliases.joined(separator: " · "))
    }
}

/// A stock report that was imported (or checked): its summary and warnings.
struct StockImportedPageView: PageView {
    static let template = "stock-import"
    let ok = true
    let summary: String
    let dryRun: Bool
    let hxl: Bool
    let created: String
    let hasCreated: Bool
    let ignored: String
    let hasIgnored: Bool
    let warnings: [RowProblem]
    let warningCount: Int
    let hasWarnings: Bool
}

/// A stock report refused whole, with every problem.
struct StockRejectedPageView: PageView {
    static let template = "stock-import"
    let ok = false
    let file: String
    let message: String
    let problems: [RowProblem]
}

struct PrepositionedPageView: PageView {
    static let template = "prepositioned"

    struct Item: Sendable {
        let name: String
        let code: String
        let sector: String
        let quantity: String
        let unit: String
        let people: String
        let owners: String
        let sites: Int
        let latest: String
        let stale: Bool
    }

    struct Tier: Sendable {
        let label: String
        let countries: String
        let empty: Bool
        let items: [Item]
    }

    let country: String
    let iso: String
    let subregion: String
    let region: String
    let countries: [CountryChoice]
    let tiers: [Tier]
    let days: Int
    let dayChoices: [Choice]
}

struct AlertsPageView: PageView {
    static let template = "alerts"

    struct Alert: Sendable {
        let kind: String
        /// The severity's code (a style) and its word.
        let severity: String
        let severityLabel: String
        let siteId: Int64
        let country: String
        let site: String
        let org: String
        let item: String
        let message: String
    }

    /// A kind of alert: how many there are, a link to them alone, and its choice in the filter.
    struct Kind: Sendable {
        let label: String
        let count: String
        let link: String
        let value: String
        let selected: Bool
    }

    /// Alerts a page.
    static let size = 100

    /// One page of the alerts of the kind chosen, if any.
    let alerts: [Alert]
    /// How many alerts there are of every kind.
    let count: String
    let kinds: [Kind]
    let paging: ListPaging
    let countries: [CountryChoice]
}

struct SitePageView: PageView {
    static let template = "site"

    struct Sector: Sendable {
        let sector: String
        let lines: Int
        let weight: String
        let volume: String
    }

    /// People covered by one item family, never added to another's.
    struct Family: Sendable {
        let family: String
        let people: String
        let personDays: String
    }

    let name: String
    let code: String
    let org: String
    let country: String
    let tier: String
    let sharing: String
    let lat: Double
    let lon: Double
    let latest: String
    let sectors: [Sector]
    let families: [Family]
    let days: Int
    let dayChoices: [Choice]
    /// The organisation shares its stock lines, not only totals.
    let detail: Bool
    let lines: [StockLineRow]
    let canEdit: Bool
    let adm1: String
    let capacity: String
    let free: String
    let id: Int64
    let tiers: [Choice]
    let sharings: [Choice]
    let countries: [CountryChoice]
    /// Said when the site holds more than its capacity; nil otherwise.
    let overCapacity: String?
}

struct SitesPageView: PageView {
    static let template = "sites"

    struct Site: Sendable {
        let id: Int64
        let code: String
        let name: String
        let org: String
        let country: String
        let tier: String
        let sharing: String
    }

    /// What the visitor typed, shown again when the form is refused.
    struct Form: Sendable {
        let code: String
        let name: String
        let country: String
        let adm1: String
        let lat: String
        let lon: String
        let capacityM3: String
        let freeM3: String

        init(_ fields: [String: String]) {
            code = fields["code"] ?? ""
            name = fields["name"] ?? ""
            country = fields["country"] ?? ""
            adm1 = fields["adm1"] ?? ""
            lat = fields["lat"] ?? ""
            lon = fields["lon"] ?? ""
            capacityM3 = fields["capacity_m3"] ?? ""
            freeM3 = fields["free_m3"] ?? ""
        }
    }

    /// One page of the sites shown.
    let sites: [Site]
    let orgs: [CodeRow]
    let canCreate: Bool
    let tiers: [ValueRow]
    let sharings: [ValueRow]
    let paging: ListPaging
    /// The countries to narrow the list to, the one shown chosen; the organisation shown, if any.
    let shownCountries: [CountryChoice]
    let shownOrg: String
    /// The countries of the form to add a site.
    let countries: [CountryChoice]
    let form: Form
    var error: String? = nil
    var details: [TextRow] = []
}

struct NearestStockPageView: PageView {
    static let template = "nearest"

    struct Result: Sendable {
        let site: String
        let code: String
        let org: String
        let country: String
        let distance: String
        let quantity: String
        let reported: String
    }

    let items: [LabelledChoice]
    let lat: String
    let lon: String
    let map: String
    /// A valid question was asked: the results (maybe none) are shown.
    let asked: Bool
    let hasError: Bool
    let problems: [FieldProblem]
    let results: [Result]
}
