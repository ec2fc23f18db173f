import ArgumentParser
import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation
import SQLKit

/// `corridor-bench gap`: one scenario's gap analysis over a large stock, against the least any
/// analysis must read — the plain aggregate of quantity by item and site.
struct GapBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gap",
        abstract: "Time a gap analysis over a synthetic stock and compare with SELECT item, site, SUM(quantity) GROUP BY item, site.",
        discussion:
            "Build with -c release. Reuses --dir's bench.sqlite when it already holds the stock (e.g. after `corridor-bench import`).")
    @Option(help: "Rows of synthetic stock.") var rows = 1_000_000
    @Option(help: "Sites the rows are spread over.") var sites = 10_000
    @Option(help: "Working folder (default: a new temporary folder).") var dir: String?
    @Option(help: "Runs of each measurement; the fastest is reported.") var runs = 3

    func run() async throws {
        let folder = try BenchPlaces.folder(dir)
        let dbPath = folder.appendingPathComponent("bench.sqlite").path
        let store = try await Store.open(.sqlite(path: dbPath), logger: CorridorBench.logger)
        let lines = try await store.database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM stock_lines").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        if lines < rows {
            print("loading \(rows) synthetic stock rows over \(sites) sites…")
            if try await store.organisations.find(code: "BENCH") == nil {
                _ = try await store.organisations.create(
                    NewOrganisation(code: "BENCH", name: "Benchmark", type: "other", hqCountry: "IT"), by: .console)
            }
            let file = folder.appendingPathComponent("stock-\(rows).hxl.csv")
            let countries = try await store.reference.countries().filter {
                $0.lat != nil && ["KE", "NP", "PH", "HT", "TR", "MZ", "IT", "AE", "GH", "PA", "MY", "ES"].contains($0.alpha2)
            }
            if !FileManager.default.fileExists(atPath: file.path) {
                try BenchGenerator(rows: rows, sites: sites).write(
                    to: file, org: "BENCH", items: try await store.items.all().map(\.code),
                    countries: countries, today: .today())
            }
            var reader = try CSVReader(url: file)
            _ = try await store.stockImporter.run(&reader, StockImportRequest(org: "BENCH", fileName: file.lastPathComponent), by: .console)
        }
        let total = try await store.database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM stock_lines").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        print("stock: \(total) lines in \(dbPath)")

        var aggregate = Double.infinity, analysis = Double.infinity
        var groups = 0
        var result: GapResult?
        for _ in 0..<max(1, runs) {
            let start = ContinuousClock.now
            groups = try await store.database.read { db in
                try await db.raw("SELECT item_code, site_id, SUM(quantity_milli) AS q FROM stock_lines GROUP BY item_code, site_id").all()
                    .count
            }
            aggregate = min(aggregate, Measure.seconds(ContinuousClock.now - start))
            let gapStart = ContinuousClock.now
            result = try await store.gaps.analyse(
                Scenario(country: "KE", lat: -1.29, lon: 36.82, people: 5_000_000, days: 30), by: .console)
            analysis = min(analysis, Measure.seconds(ContinuousClock.now - gapStart))
        }
        await store.close()
        let used = result?.needs.reduce(0) { $0 + $1.sources.count } ?? 0
        print(String(format: "SQL aggregate (item, site): %d groups in %.3f s", groups, aggregate))
        print(String(format: "gap analysis (KE, 5,000,000 people, 30 days): %d sources used in %.3f s", used, analysis))
        print("gap analysis / aggregate = \(Measure.ratio(analysis / aggregate, lessIsBetter: true)) (target ≤ 2×)")
        print("peak RSS: \(Measure.peakRSSMegabytes()) MB")
    }
}
