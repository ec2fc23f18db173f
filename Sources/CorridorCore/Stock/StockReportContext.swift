/// What the checker needs to know about the world to judge a stock report row. Built once per
/// import by the store, then used for every row without further I/O.
public struct StockReportContext: Sendable {
    public struct KnownSite: Sendable, Equatable {
        public var id: Int64
        public var code: String
        public var name: String
        public var country: String
        /// Where the site is registered.
        public var lat: Double?
        public var lon: Double?
        public init(id: Int64, code: String, name: String, country: String, lat: Double? = nil, lon: Double? = nil) {
            (self.id, self.code, self.name, self.country, self.lat, self.lon) = (id, code, name, country, lat, lon)
        }
    }

    public struct KnownCountry: Sendable, Equatable {
        public var alpha2: String
        public var box: Geodesy.BoundingBox?
        public init(alpha2: String, box: Geodesy.BoundingBox?) {
            self.alpha2 = alpha2
            self.box = box
        }
    }

    public var reportingOrg: String
    public var items: [String: Item]
    /// The reporting organisation's own item codes → catalogue codes.
    public var aliases: [String: String]
    public var organisations: Set<String>
    public var organisationsByName: [String: String]
    /// By alpha-2 and alpha-3, upper case.
    public var countries: [String: KnownCountry]
    /// The reporting organisation's sites, by upper-cased code.
    public var sitesByCode: [String: KnownSite]
    /// The reporting organisation's sites, by lower-cased name.
    public var sitesByName: [String: KnownSite]
    public var today: Day
    public var dateConvention: Day.Convention
    /// Dates in an XLSX file arrive as serial numbers.
    public var acceptsSerialDates: Bool

    let itemsByName: [String: String]
    let itemNames: [String]
    let itemCodes: [String]

    public init(
        reportingOrg: String, items: [Item], aliases: [String: String], organisations: [(code: String, name: String)],
        countries: [String: KnownCountry], sites: [KnownSite], today: Day,
        dateConvention: Day.Convention = .isoOnly, acceptsSerialDates: Bool = false
    ) {
        self.reportingOrg = reportingOrg
        self.items = Dictionary(items.map { ($0.code.uppercased(), $0) }, uniquingKeysWith: { a, _ in a })
        self.aliases = Dictionary(aliases.map { ($0.key.uppercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.organisations = Set(organisations.map { $0.code.uppercased() })
        organisationsByName = Dictionary(organisations.map { ($0.name.lowercased(), $0.code) }, uniquingKeysWith: { a, _ in a })
        self.countries = countries
        sitesByCode = Dictionary(sites.map { ($0.code.uppercased(), $0) }, uniquingKeysWith: { a, _ in a })
        sitesByName = Dictionary(sites.map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        self.today = today
        self.dateConvention = dateConvention
        self.acceptsSerialDates = acceptsSerialDates
        itemsByName = Dictionary(items.map { ($0.name.lowercased(), $0.code) }, uniquingKeysWith: { a, _ in a })
        itemNames = items.map(\.name).sorted()
        itemCodes = items.map(\.code).sorted()
    }
}
