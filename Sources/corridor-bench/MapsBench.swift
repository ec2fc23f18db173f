import ArgumentParser
import CorridorCore
import CorridorFormats
import CorridorServer
import CorridorStore
import Foundation
import Hummingbird
import SQLKit

/// `corridor-bench maps`: the read paths after a large import, through the real HTTP server in
/// this process: the /map page at a few zooms, the sites GeoJSON and the HXL export of every
/// line, against `sqlite3 -csv` (or `psql \copy … TO STDOUT`) writing the same joined columns.
struct MapsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maps",
        abstract:
            "Time /map, /api/v1/sites.geojson and /api/v1/stock.hxl.csv over a synthetic stock; compare the export with sqlite3 -csv.",
        discussion: """
            Build with -c release. Reuses --dir's bench.sqlite when it already holds the stock (e.g. after \
            `corridor-bench gap`). With a PostgreSQL URL (--url, CORRIDOR_BENCH_POSTGRES_URL or \
            CORRIDOR_TEST_POSTGRES_URL) it loads the same stock into a new schema and measures there too, \
            against psql \\copy (SELECT …) TO STDOUT; without one it says so and skips PostgreSQL. Needs curl.
            """)
    @Option(help: "Rows of synthetic stock.") var rows = 1_000_000
    @Option(help: "Sites the rows are spread over.") var sites = 10_000
    @Option(help: "Working folder (default: a new temporary folder).") var dir: String?
    @Option(help: "Runs of each measurement; the fastest is reported.") var runs = 3
    @Option(help: "Port of the server started in this process.") var port = 18_471
    @Option(help: "postgres://user:pass@host:port/db for the PostgreSQL variant.") var url: String?
    @Flag(help: "SQLite only, even when a PostgreSQL URL is in the environment.") var noPostgres = false

    func run() async throws {
        let folder = try BenchPlaces.folder(dir)
        let dbPath = folder.appendingPathComponent("bench.sqlite").path
        let store = try await Store.open(.sqlite(path: dbPath), logger: CorridorBench.logger)
        try await BenchStock.load(into: store, rows: rows, sites: sites, folder: folder)
        print("SQLite: \(dbPath)")
        try await measure(store, port: port) { sql in
            Self.run(["sqlite3", "-csv", dbPath, sql])
        }
        await store.close()

        guard !noPostgres, let raw = BenchPlaces.postgresURL(url)
        else {
            print("PostgreSQL: skipped, \(BenchPlaces.noPostgresURL)")
            return
        }
        try await PostgresImportBench.withFreshStore(raw) { postgres, schema in
            try await BenchStock.load(into: postgres, rows: rows, sites: sites, folder: folder)
            print("PostgreSQL: schema \(schema)")
            try await measure(postgres, port: port + 1) { sql in
                Self.psql(raw, schema: schema, "\\copy (\(sql)) TO STDOUT WITH (FORMAT csv)")
            }
        }
    }

    /// The same joined columns as the export, in its order; its last three (person-days, people
    /// covered, days) are the item's coverage figures and the horizon, which Corridor computes.
    static let baselineSQL = """
        SELECT owner.code, s.code, s.name, s.country, s.adm1, s.lat, s.lon, i.code, i.name, i.sector, \
        l.quantity_milli / 1000.0, i.unit, l.status, l.expiry, l.batch, l.reported_at, holder.code, \
        i.coverage_people, i.coverage_days, 30 \
        FROM stock_lines l JOIN sites s ON s.id = l.site_id JOIN organisations holder ON holder.id = s.org_id \
        JOIN organisations owner ON owner.id = l.owner_org_id JOIN items i ON i.code = l.item_code \
        JOIN countries c ON c.alpha2 = s.country ORDER BY l.id
        """

    private func measure(_ store: Store, port: Int, baseline: (String) -> Double?) async throws {
        let lines = try await store.database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM stock_lines").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        let siteCount = try await store.database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM sites").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        print("stock: \(lines) lines over \(siteCount) sites; the fastest of \(runs) runs; the server runs in this process")
        try await BenchServer.serving(store, port: port) { server in
            try await fetch(lines: lines, from: server, baseline: baseline)
        }
    }

    private func fetch(lines: Int, from server: BenchServer, baseline: (String) -> Double?) async throws {
        let token = server.token, base = server.base
        for _ in 0..<100 where Self.fetch(base + "/health", token: nil) == nil {
            try await Task.sleep(for: .milliseconds(100))
        }

        // Kenya's synthetic sites sit within a few km of (0.02, 37.9): the zooms close in there.
        let pages: [(String, String)] = [
            ("/map (world, zoom 0)", "/map"),
            ("/map (zoom 2, East Africa)", "/map?zoom=2&lat=0.0&lon=37.9"),
            ("/map (zoom 5, Kenya)", "/map?zoom=5&lat=0.0&lon=37.9"),
            ("/map, table page 100", "/map?page=100"),
            ("/api/v1/map/clusters (zoom 0)", "/api/v1/map/clusters?zoom=0"),
            ("/api/v1/map/clusters (zoom 5, Kenya)", "/api/v1/map/clusters?zoom=5&bbox=36,-1.5,40,1.5"),
        ]
        for (name, path) in pages {
            let result = try Self.fastest(runs) { Self.fetch(base + path, token: token) }
            print(String(format: "%@: %.3f s, %@ (target ≤ 0.300 s, ≤ 500 KB)", name, result.seconds, Self.size(result.bytes)))
        }

        Self.resetPeakMemory()
        let before = Self.peakMemoryMB()
        let geojson = try Self.fastest(runs) { Self.fetch(base + "/api/v1/sites.geojson", token: token) }
        print(
            String(
                format: "/api/v1/sites.geojson: %.3f s, %@, the server's peak RSS %d MB → %d MB while streaming", geojson.seconds,
                Self.size(geojson.bytes), before, Self.peakMemoryMB()))

        var export = ImportBench.Timings(), sqlite = ImportBench.Timings()
        var exportBytes = 0
        Self.resetPeakMemory()
        let beforeExport = Self.peakMemoryMB()
        for _ in 0..<max(1, runs) {
            let result = Self.fetch(base + "/api/v1/stock.hxl.csv", token: token)
            export.add(result?.seconds)
            exportBytes = result?.bytes ?? 0
            sqlite.add(baseline(Self.baselineSQL))
        }
        let peakExport = Self.peakMemoryMB()
        print(
            String(
                format: "/api/v1/stock.hxl.csv, every line: %.2f s = %.0f lines/s, %@, the server's peak RSS %d MB → %d MB",
                export.fastest, Double(lines) / export.fastest, Self.size(exportBytes), beforeExport, peakExport))
        if let reference = sqlite.available {
            print(
                String(
                    format: "baseline, the same joined columns as CSV: %.2f s → Corridor / baseline = %@ (target ≥ 0.5×)", reference,
                    Measure.ratio(reference / export.fastest)))
        } else {
            print("baseline: not measured (sqlite3 or psql missing or failed)")
        }
    }

    struct Fetched {
        var seconds: Double
        var bytes: Int
    }

    static func fastest(_ runs: Int, _ body: () -> Fetched?) throws -> Fetched {
        var best: Fetched?
        for _ in 0..<max(1, runs) {
            guard let result = body() else { throw ValidationError("a request failed") }
            if best == nil || result.seconds < best!.seconds { best = result }
        }
        return best!
    }

    /// One GET with curl, the body thrown away as it arrives: wall time to the last byte, and bytes.
    static func fetch(_ url: String, token: String?) -> Fetched? {
        var arguments = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{size_download} %{time_total}"]
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments + [url]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch { return nil }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let parts = output.split(separator: " ")
        guard parts.count == 3, parts[0] == "200", let bytes = Int(parts[1]), let seconds = Double(parts[2]) else { return nil }
        return Fetched(seconds: seconds, bytes: bytes)
    }

    /// Wall time of a command whose output is thrown away; nil when it fails.
    /// - Parameter quiet: the program's errors are not shown either (a failure it may have).
    static func run(_ arguments: [String], environment: [String: String] = [:], quiet: Bool = false) -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment, uniquingKeysWith: { $1 })
        process.standardOutput = FileHandle.nullDevice
        if quiet { process.standardError = FileHandle.nullDevice }
        let start = ContinuousClock.now
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? Measure.seconds(ContinuousClock.now - start) : nil
    }

    static func psql(_ raw: String, schema: String, _ command: String, quiet: Bool = false) -> Double? {
        guard var parts = URLComponents(string: raw) else { return nil }
        let password = parts.password ?? ""
        parts.password = nil
        parts.query = nil
        guard let connection = parts.string else { return nil }
        return run(
            ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", connection, "-c", command],
            environment: ["PGPASSWORD": password, "PGOPTIONS": "-c search_path=\(schema)"], quiet: quiet)
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1_000_000 ? String(format: "%.1f MB", Double(bytes) / 1e6) : String(format: "%.0f KB", Double(bytes) / 1e3)
    }

    /// Linux keeps the peak resident set (VmHWM) until 5 is written to clear_refs.
    static func resetPeakMemory() {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    }

    static func peakMemoryMB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return Measure.peakRSSMegabytes() }
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
    }
}

/// The synthetic stock the read benchmarks share, loaded once into a store.
enum BenchStock {
    static let countries = ["KE", "NP", "PH", "HT", "TR", "MZ", "IT", "AE", "GH", "PA", "MY", "ES"]

    /// Imports `rows` synthetic lines over `sites` sites as BENCH unless the store holds them already.
    static func load(into store: Store, rows: Int, sites: Int, folder: URL) async throws {
        let lines = try await store.database.read { db in
            try await db.raw("SELECT COUNT(*) AS n FROM stock_lines").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        guard lines < rows else { return }
        print("loading \(rows) synthetic stock rows over \(sites) sites…")
        if try await store.organisations.find(code: "BENCH") == nil {
            _ = try await store.organisations.create(
                NewOrganisation(code: "BENCH", name: "Benchmark", type: "other", hqCountry: "IT"), by: .console)
        }
        let file = try await report(rows: rows, sites: sites, folder: folder, store: store)
        var reader = try CSVReader(url: file)
        _ = try await store.stockImporter.run(&reader, StockImportRequest(org: "BENCH", fileName: file.lastPathComponent), by: .console)
    }

    /// The synthetic report of `rows` lines over `sites` sites in `folder`, written unless it is there.
    static func report(rows: Int, sites: Int, folder: URL, store: Store) async throws -> URL {
        let file = folder.appendingPathComponent("stock-\(rows).hxl.csv")
        if !FileManager.default.fileExists(atPath: file.path) {
            let countries = try await store.reference.countries().filter { $0.lat != nil && Self.countries.contains($0.alpha2) }
            try BenchGenerator(rows: rows, sites: sites).write(
                to: file, org: "BENCH", items: try await store.items.all().map(\.code), countries: countries, today: .today())
        }
        return file
    }
}
