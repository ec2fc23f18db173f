import ArgumentParser
import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation
import SQLKit

/// The stock import on PostgreSQL against `psql \copy` of the same file, measured in the same run.
struct PostgresImportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-postgres",
        abstract: "Import a synthetic HXL stock report into PostgreSQL and compare with psql \\copy of the same file.",
        discussion: """
            Build with -c release. Needs a PostgreSQL server (--url, or CORRIDOR_BENCH_POSTGRES_URL or \
            CORRIDOR_TEST_POSTGRES_URL) where it may create and drop schemas, and psql for the baseline; \
            skips, saying so, without a URL. Each round imports into a fresh schema, then imports the same \
            file again over that snapshot (the monthly case).
            """)
    @Option(help: "Rows in the synthetic report.") var rows = 1_000_000
    @Option(help: "Sites the rows are spread over.") var sites = 10_000
    @Option(help: "Working folder for the file (default: a new temporary folder).") var dir: String?
    @Option(help: "postgres://user:pass@host:port/db (default: $CORRIDOR_BENCH_POSTGRES_URL or $CORRIDOR_TEST_POSTGRES_URL).")
    var url: String?
    @Option(help: "Rounds; the fastest of each measurement is kept.") var runs = 3

    func run() async throws {
        guard let raw = BenchPlaces.postgresURL(url)
        else {
            print("import-postgres: skipped, \(BenchPlaces.noPostgresURL)")
            return
        }
        let database = DatabaseURL.postgres(url: raw)
        let folder = try BenchPlaces.folder(dir)
        let file = folder.appendingPathComponent("stock-\(rows).hxl.csv")
        let today = Day.today()
        let request = StockImportRequest(org: "BENCH", fileName: file.lastPathComponent, today: today)

        var first = ImportBench.Timings(), again = ImportBench.Timings(), copy = ImportBench.Timings()
        var lines = 0
        // The CPU each round of the first import and of the re-import used.
        var cpuUsed: [[CPUSeconds]] = [[], []]
        for _ in 0..<max(1, runs) {
            let schema = BenchPlaces.newSchema()
            let store = try await Self.freshStore(database, schema: schema)
            do {
                if !FileManager.default.fileExists(atPath: file.path) {
                    let items = try await store.items.all().map(\.code)
                    let countries = try await store.reference.countries().filter {
                        $0.lat != nil && ["KE", "NP", "PH", "HT", "TR", "MZ", "IT", "AE", "GH", "PA", "MY", "ES"].contains($0.alpha2)
                    }
                    try BenchGenerator(rows: rows, sites: sites).write(
                        to: file, org: "BENCH", items: items, countries: countries, today: today)
                }
                Self.settle(raw, schema: schema)
                var (start, cpu) = (ContinuousClock.now, CPUSeconds.now())
                var reader = try CSVReader(url: file)
                lines = try await store.stockImporter.run(&reader, request, by: .console).linesWritten
                first.add(Measure.seconds(ContinuousClock.now - start))
                cpuUsed[0].append(CPUSeconds.now().since(cpu))
                Self.settle(raw, schema: schema)
                (start, cpu) = (ContinuousClock.now, CPUSeconds.now())
                reader = try CSVReader(url: file)
                _ = try await store.stockImporter.run(&reader, request, by: .console)
                again.add(Measure.seconds(ContinuousClock.now - start))
                cpuUsed[1].append(CPUSeconds.now().since(cpu))
                let left = try await store.database.read { db in
                    try await db.raw("SELECT COUNT(*) AS n FROM stock_lines").first()?.decode(column: "n", as: Int.self) ?? -1
                }
                guard left == lines else { throw ValidationError("the re-import left \(left) lines instead of \(lines)") }
                Self.settle(raw, schema: schema)
                copy.add(try Self.psqlCopy(raw, schema: schema, file: file))
            } catch {
                await Self.drop(store, schema: schema)
                throw error
            }
            await Self.drop(store, schema: schema)
        }
        let bytes = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        print("file: \(file.path) (\(rows) rows, \(sites) sites, \(bytes / 1_000_000) MB); the fastest of \(runs) rounds")
        guard let baseline = copy.available else {
            print("psql \\copy: not measured")
            return
        }
        print(
            String(
                format: "psql \\copy into a plain 11-column table: %.2f s = %.0f rows/s%@", baseline, Double(rows) / baseline, copy.spread))
        for (index, (name, timings)) in [("first import", first), ("re-import over the previous snapshot", again)].enumerated() {
            print(
                String(
                    format: "%@: %d lines in %.2f s = %.0f rows/s%@ → Corridor / psql \\copy = %@", name, lines, timings.fastest,
                    Double(lines) / timings.fastest, timings.spread, Measure.ratio(baseline / timings.fastest)))
            // The round that used the least CPU: the most any arrangement of the work could save.
            guard let least = cpuUsed[index].min(by: { $0.leastWallSeconds < $1.leastWallSeconds }), let server = least.postgres else {
                continue
            }
            print(
                String(
                    format: "  CPU: Corridor %.2f s, PostgreSQL %.2f s; on %d cores that takes at least %.2f s, where 0.5× allows %.2f s",
                    least.own, server, ProcessInfo.processInfo.activeProcessorCount, least.leastWallSeconds, baseline / 0.5))
        }
    }

    /// A new schema, migrated, with the reporting organisation.
    static func freshStore(_ database: DatabaseURL, schema: String) async throws -> Store {
        let admin = try Database(database, logger: CorridorBench.logger)
        do {
            try await admin.withConnection { db in try await db.raw("CREATE SCHEMA \(ident: schema)").run() }
        } catch {
            await admin.close()
            throw error
        }
        await admin.close()
        let store = try await Store.open(database, logger: CorridorBench.logger, postgresSchema: schema)
        _ = try await store.organisations.create(
            NewOrganisation(code: "BENCH", name: "Benchmark", type: "other", hqCountry: "IT"), by: .console)
        return store
    }

    /// Runs `body` on a fresh store in a schema of its own (named to it), dropped afterwards, even
    /// when `body` throws, unless `keep`.
    static func withFreshStore(
        _ raw: String, keep: Bool = false, _ body: (_ store: Store, _ schema: String) async throws -> Void
    ) async throws {
        let schema = BenchPlaces.newSchema()
        let store = try await freshStore(.postgres(url: raw), schema: schema)
        do {
            try await body(store, schema)
        } catch {
            await drop(store, schema: schema)
            throw error
        }
        if keep {
            print("PostgreSQL: schema \(schema) kept")
            await store.close()
        } else {
            await drop(store, schema: schema)
        }
    }

    static func drop(_ store: Store, schema: String) async {
        try? await store.database.withConnection { db in try await db.raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
        await store.close()
    }

    /// Has PostgreSQL write out what the last measurement changed (`CHECKPOINT`, where the user
    /// may), then waits for every file written to reach the disk (`BenchPlaces.settle`).
    static func settle(_ raw: String, schema: String) {
        _ = MapsBench.psql(raw, schema: schema, "CHECKPOINT", quiet: true)
        BenchPlaces.settle()
    }

    /// `psql \copy` of the file into a plain table of eleven text columns (the HXL row is one more
    /// row to it), in the round's schema; the wall time of the `\copy` alone.
    static func psqlCopy(_ raw: String, schema: String, file: URL) throws -> Double? {
        func psql(_ command: String) -> Double? { MapsBench.psql(raw, schema: schema, command) }
        let columns = ["org", "site_code", "site", "country", "lat", "lon", "item", "quantity", "status", "expiry", "reported"]
        guard psql("CREATE TABLE stock_copy (\(columns.map { "\($0) TEXT" }.joined(separator: ", ")))") != nil else { return nil }
        return psql("\\copy stock_copy FROM '\(file.path)' WITH (FORMAT csv, HEADER true)")
    }
}
