import Foundation
import CorridorCore
import CorridorFormats
import SQLKit

/// Loads the demo world. Running it again changes nothing: every record is looked up first.
public enum DemoLoader {
    public struct Report: Sendable {
        public var organisationsAdded: Int
        public var usersAdded: Int
        public var sites: Int
        public var stockLines: Int
        public var credentials: [(email: String, roles: String)]
        public var password: String
    }

    /// The demo's organisations that do not exist: invented to show national NGOs and a private
    /// carrier at work. Pages mark them as fictitious.
    public static let inventedOrganisations: Set<String> = ["KADIN", "CDRA", "HAVEN", "ABD"]

    /// Whether the demo data set is in the store (its accounts are): then every page says that
    /// the figures are fictitious.
    public static func isLoaded(in store: Store) async throws -> Bool {
        let emails = DemoCatalogue.users.map(\.email)
        return try await store.database.read { db in
            var sql: SQLQueryString = "SELECT COUNT(*) AS n FROM users WHERE email IN ("
            sql.appendInterpolation(binds: emails)
            sql.appendLiteral(")")
            return try await db.count(sql) > 0
        }
    }

    /// `history` adds nine months of past declarations (a few seconds); tests that do not look
    /// at release times leave it out.
    public static func load(into store: Store, history: Bool = true) async throws -> Report {
        // One hash for every demo account: bcrypt takes ~0.25 s each, and they share a password anyway.
        let hash = try await PasswordHashing.hash(DemoCatalogue.password, cost: 10)
        var report = try await store.database.transaction { db in
            var organisationsAdded = 0
            for org in DemoCatalogue.organisations where try await OrganisationRepository.find(code: org.code, on: db) == nil {
                _ = try await OrganisationRepository.create(try org.validated(), on: db)
                organisationsAdded += 1
            }
            for site in DemoCatalogue.sites {
                guard let org = try await OrganisationRepository.find(code: site.org, on: db) else { continue }
                try await SiteRepository.insertIfAbsent(
                    Site(
                        id: 0, orgCode: site.org, code: site.code, name: site.name, country: site.country, adm1: nil,
                        lat: site.lat, lon: site.lon, tier: site.tier, capacityM3: site.capacity,
                        freeM3: site.capacity.map { $0 * 0.35 }, sharing: site.sharing),
                    orgID: org.id, on: db)
            }
            var usersAdded = 0
            for user in DemoCatalogue.users
            where try await db.raw("SELECT id FROM users WHERE email = \(bind: user.email)").first() == nil {
                let valid = try NewUser(
                    email: user.email, name: user.name, password: DemoCatalogue.password,
                    roles: user.roles
                ).validated()
                _ = try await UserRepository.insert(valid, passwordHash: hash, on: db)
                usersAdded += 1
            }
            return Report(
                organisationsAdded: organisationsAdded, usersAdded: usersAdded,
                sites: DemoCatalogue.sites.count, stockLines: 0,
                credentials: DemoCatalogue.users.map { ($0.email, $0.roles.map(\.label).joined(separator: ", ")) },
                password: DemoCatalogue.password)
        }
        report.stockLines = try await loadStock(into: store)
        try await DemoValues.load(into: store)
        try await DemoPreparedness.load(into: store, today: .today())
        try await DemoExchangeRates.load(into: store, today: .today())
        try await DemoCustoms.load(into: store, today: .today(), history: history)
        return report
    }

    /// Imports each organisation's demo report once; an organisation that has stock already keeps it.
    static func loadStock(into store: Store) async throws -> Int {
        let today = Day.today()
        var written = 0
        for org in DemoStock.lines.keys.sorted() {
            let existing = try await store.database.read { db in
                try await db.count(
                    """
                    SELECT COUNT(*) AS n FROM stock_lines l JOIN organisations o ON o.id = l.reporter_org_id WHERE o.code = \(bind: org)
                    """)
            }
            guard existing == 0 else { continue }
            var reader = CSVReader(data: DemoStock.report(for: org, today: today))
            let result = try await store.stockImporter.run(
                &reader, StockImportRequest(org: org, fileName: "demo-\(org.lowercased()).hxl.csv", today: today), by: .console)
            written += result.linesWritten
        }
        // Nepal Red Cross wants at least 10,000 tarpaulins in Kathmandu; it holds 8,000.
        if let site = try await store.sites.visible(to: .console).first(where: { $0.code == "NRCS-KTM" }) {
            try await store.stock.setMinimum(siteID: site.id, itemCode: "SHE-TARP-4X6", minimum: Quantity(units: 10_000), by: .console)
        }
        return written
    }
}
