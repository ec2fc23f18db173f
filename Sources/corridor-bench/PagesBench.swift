import ArgumentParser
import AsyncHTTPClient
import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation

/// Every page and list a person opens after an import, on the large store, as each role that
/// opens them: the time of each (the median of a few, one at a time) and its size.
struct PagesBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pages",
        abstract: "Every page and API list on a large store, as a global coordinator, a country coordinator and an organisation member.",
        discussion: """
            Build with -c release. Imports the synthetic report once into a SQLite file under --dir (and, \
            given a PostgreSQL URL, into a fresh schema there), starts the server in this process and asks \
            for each page and API list --requests times, one at a time, as a global coordinator, Kenya's \
            coordinator and a member of the organisation that reported the stock. Prints the median time \
            and the size of each, the slowest first, and says which take longer than --budget ms.
            """)
    @Option(help: "Rows in the synthetic report.") var rows = 1_000_000
    @Option(help: "Sites the rows are spread over.") var sites = 10_000
    @Option(help: "Working folder (default: a new temporary folder).") var dir: String?
    @Option(help: "Requests of each page, one at a time; the median is reported.") var requests = 5
    @Option(help: "The time a page may take, in ms (a planning assumption: the issue's target for /map).") var budget = 300.0
    @Option(help: "Port the server listens on.") var port = 18_421
    @Option(help: "postgres://user:pass@host:port/db (default: $CORRIDOR_BENCH_POSTGRES_URL or $CORRIDOR_TEST_POSTGRES_URL).")
    var url: String?
    @Flag(help: "Only SQLite, even when a PostgreSQL URL is set.") var sqliteOnly = false
    @Flag(help: "Keep the PostgreSQL schema afterwards (its name is printed), to read query plans.") var keepSchema = false

    /// What each role opens: the shell, the stock pages and lists, a country's hub, and their API twins.
    static let paths = [
        "/", "/stock", "/stock?page=50", "/stock?country=KE", "/stock?item=SHE-TENT-FAM", "/stock/alerts", "/stock/alerts?country=KE",
        "/stock/alerts?kind=stale_report", "/stock/lists?country=KE", "/stock/nearest?item=SHE-TENT-FAM&lat=-1.2&lon=36.8", "/sites",
        "/sites?country=KE", "/sites?page=50", "/countries", "/countries/KE", "/map", "/map?zoom=3&lat=-1&lon=37",
        "/preparedness?country=KE", "/preparedness/scenarios", "/customs", "/organisations", "/account",
        "/api/v1/stock", "/api/v1/stock?country=KE", "/api/v1/stock/alerts", "/api/v1/stock/alerts?country=KE", "/api/v1/sites",
        "/api/v1/sites?country=KE", "/api/v1/countries/KE/prepositioned", "/api/v1/countries/KE/preparedness",
        "/api/v1/map/clusters?zoom=2", "/api/v1/me",
    ]

    func run() async throws {
        let folder = try BenchPlaces.folder(dir)
        let store = try await ImportBench.freshStore(at: folder.appendingPathComponent("pages.sqlite").path)
        let file = try await BenchStock.report(rows: rows, sites: sites, folder: folder, store: store)
        print("file: \(file.path) (\(rows) rows, \(sites) sites); each page \(requests) times, one at a time")
        do {
            try await measure("SQLite", store: store, file: file)
        } catch {
            await store.close()
            throw error
        }
        await store.close()

        guard !sqliteOnly, let raw = BenchPlaces.postgresURL(url) else {
            print("PostgreSQL: skipped, \(BenchPlaces.noPostgresURL)")
            return
        }
        try await PostgresImportBench.withFreshStore(raw, keep: keepSchema) { postgres, _ in
            try await measure("PostgreSQL", store: postgres, file: file)
        }
    }

    private func measure(_ name: String, store: Store, file: URL) async throws {
        var reader = try CSVReader(url: file)
        let report = try await store.stockImporter.run(
            &reader, StockImportRequest(org: "BENCH", fileName: file.lastPathComponent), by: .console)
        print("\(name): imported \(report.linesWritten) lines")
        try await BenchServer.serving(store, port: port) { server in
            try await BenchServer.using(HTTPClient(eventLoopGroupProvider: .singleton)) { client in
                try await ReadsBench.waitUntilServing(client, "\(server.base)/static/corridor.css")
                let roles: [(String, String)] = [
                    ("global coordinator", server.token),
                    ("Kenya's coordinator", try await Self.token(store, role: .coordinator(country: "KE"))),
                    ("member of BENCH", try await Self.token(store, role: .orgMember(orgCode: "BENCH"))),
                ]
                var over: [String] = []
                for (role, token) in roles {
                    var rows: [(ms: Double, kb: Double, path: String)] = []
                    for path in Self.paths {
                        var times: [Double] = []
                        var size = 0
                        for _ in 0..<max(1, requests) {
                            let began = ContinuousClock.now
                            let answer = try await ReadsBench.get(client, server.base + path, token: token)
                            times.append(Measure.seconds(ContinuousClock.now - began) * 1000)
                            guard answer.status == 200 else { throw ValidationError("\(path) as \(role) answered \(answer.status)") }
                            size = answer.body.utf8.count
                        }
                        rows.append((times.sorted()[times.count / 2], Double(size) / 1024, path))
                    }
                    print("\(name), as \(role): the slowest first (median ms, KB)")
                    for row in rows.sorted(by: { $0.ms > $1.ms }) {
                        print(String(format: "  %8.1f ms %9.1f KB  %@", row.ms, row.kb, row.path))
                        if row.ms > budget && !row.path.hasPrefix("/api/") { over.append("\(row.path) as \(role)") }
                    }
                }
                print("\(name): pages over \(Int(budget)) ms: " + (over.isEmpty ? "none" : over.joined(separator: "; ")))
            }
        }
    }

    /// A token of a new user with `role`.
    static func token(_ store: Store, role: Role) async throws -> String {
        let user = try await store.users.create(
            NewUser(
                email: "bench-\(UUID().uuidString.prefix(8))@bench.invalid", name: "Bench user", password: UUID().uuidString,
                roles: [role]),
            by: .console)
        return try await store.tokens.create(for: user.id, name: "bench", by: .console).secret
    }
}
