import ArgumentParser
import CorridorCore
import CorridorFormats
import CorridorIngest
import CorridorStore
import Foundation
import SQLKit

struct ImportBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a synthetic HXL stock report and compare with sqlite3 .import and libhxl-python.",
        discussion: "Build with -c release. Writes the file and a fresh SQLite database under --dir.")
    @Option(help: "Rows in the synthetic report.") var rows = 1_000_000
    @Option(help: "Sites the rows are spread over.") var sites = 10_000
    @Option(help: "Working folder (default: a new temporary folder).") var dir: String?
    @Flag(help: "Skip the sqlite3 and libhxl baselines.") var noBaselines = false
    @Flag(help: "Only the dry run (no import, no baselines): for profiling.") var checkOnly = false

    @Option(
        help:
            "Rounds; each runs every measurement once, baselines included, and the fastest of each is kept (the machine's noise only ever adds time)."
    ) var runs = 5

    func run() async throws {
        let folder = try BenchPlaces.folder(dir)
        let file = folder.appendingPathComponent("stock-\(rows).hxl.csv")
        let dbPath = folder.appendingPathComponent("bench.sqlite").path
        let today = Day.today()
        var store = try await Self.freshStore(at: dbPath)
        if !FileManager.default.fileExists(atPath: file.path) {
            let items = try await store.items.all().map(\.code)
            let countries = try await store.reference.countries().filter {
                $0.lat != nil && ["KE", "NP", "PH", "HT", "TR", "MZ", "IT", "AE", "GH", "PA", "MY", "ES"].contains($0.alpha2)
            }
            try BenchGenerator(rows: rows, sites: sites).write(to: file, org: "BENCH", items: items, countries: countries, today: today)
        }
        let bytes = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        print("file: \(file.path) (\(rows) rows, \(sites) sites, \(bytes / 1_000_000) MB); the fastest of \(runs) rounds")

        // Rounds: each runs every measurement once, the baselines next to Corridor's, so that a
        // slow spell of this shared machine falls on both sides of a ratio rather than one.
        let baseline = folder.appendingPathComponent("baseline.sqlite").path
        var check = Timings(), dry = Timings(), importing = Timings(), reimporting = Timings(), sqlite = Timings(), hxl = Timings()
        var checked = 0
        var report: StockImportReport?
        let request = StockImportRequest(org: "BENCH", fileName: file.lastPathComponent, today: today)
        for round in 0..<max(1, runs) {
            // Each round's import goes into a fresh SQLite file.
            if round > 0 && !checkOnly { store = try await Self.freshStore(at: dbPath) }
            // Reading and checking alone: the scanner over the file, every row checked, no tally.
            let context = try await store.stockImporter.context(org: "BENCH", request)
            BenchPlaces.settle()
            var start = ContinuousClock.now
            checked = 0
            try await StockReportScanner(try CSVReader(url: file)).checkAll(against: context) { rows in
                for index in rows.indices where rows[index].passed { checked += 1 }
            }
            check.add(Measure.seconds(ContinuousClock.now - start))
            // The dry run end to end: the same, with the tally (problems, warnings, repeated rows, sites).
            BenchPlaces.settle()
            start = ContinuousClock.now
            var dryReader = try CSVReader(url: file)
            var dryRequest = request
            dryRequest.dryRun = true
            _ = try await store.stockImporter.run(&dryReader, dryRequest, by: .console)
            dry.add(Measure.seconds(ContinuousClock.now - start))
            if checkOnly { continue }

            // End to end: the importer, one transaction.
            BenchPlaces.settle()
            start = ContinuousClock.now
            var reader = try CSVReader(url: file)
            report = try await store.stockImporter.run(&reader, request, by: .console)
            importing.add(Measure.seconds(ContinuousClock.now - start))
            // The monthly case: the same file again over that snapshot, every site replaced. A month
            // on, the snapshot's log has long been copied into the file and the file written to disk.
            await store.close()
            store = try await Store.open(.sqlite(path: dbPath), logger: CorridorBench.logger)
            BenchPlaces.settle()
            start = ContinuousClock.now
            reader = try CSVReader(url: file)
            let again = try await store.stockImporter.run(&reader, request, by: .console)
            reimporting.add(Measure.seconds(ContinuousClock.now - start))
            let left = try await store.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM stock_lines").first()?.decode(column: "n", as: Int.self) ?? -1
            }
            guard left == again.linesWritten, again.sitesReplaced == sites else {
                throw ValidationError("the re-import left \(left) lines instead of \(again.linesWritten)")
            }
            await store.close()
            if noBaselines { continue }

            // A fresh file each round: .import into an existing table appends after a CREATE error.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: baseline + suffix) }
            BenchPlaces.settle()
            sqlite.add(
                Self.time(
                    "sqlite3",
                    [
                        baseline,
                        "-cmd", "CREATE TABLE stock(org, site_code, site, country, lat, lon, item, quantity, status, expiry, reported)",
                        "-cmd", ".mode csv", "-cmd", ".import --skip 2 \(file.path) stock", ".quit",
                    ]))
            let script = "import hxl,sys\nn=0\nfor r in hxl.data(sys.argv[1], hxl.InputOptions(allow_local=True)):\n    n+=1\nprint(n)"
            BenchPlaces.settle()
            hxl.add(Self.time("python3", ["-c", script, file.path]))
        }
        if checkOnly { await store.close() }
        let checkRate = Double(checked) / check.fastest
        print(String(format: "read + check: %d rows in %.2f s = %.0f rows/s%@", checked, check.fastest, checkRate, check.spread))
        print(
            String(format: "dry run (read + check + tally): %.2f s = %.0f rows/s%@", dry.fastest, Double(checked) / dry.fastest, dry.spread)
        )
        guard let report else { return }
        let importRate = Double(report.linesWritten) / importing.fastest
        print(
            String(
                format: "import: %d lines, %d new sites in %.2f s = %.0f rows/s%@", report.linesWritten, report.sitesCreated.count,
                importing.fastest, importRate, importing.spread))
        print(
            String(
                format: "re-import over the previous snapshot: %d lines, %d sites replaced in %.2f s = %.0f rows/s%@",
                report.linesWritten, sites, reimporting.fastest, Double(report.linesWritten) / reimporting.fastest,
                reimporting.spread))
        print("peak RSS: \(Measure.peakRSSMegabytes()) MB (this process, every round; one import alone: --runs 1 --no-baselines)")
        guard !noBaselines else { return }
        if let seconds = sqlite.available {
            let rate = Double(rows) / seconds
            print(
                String(
                    format: "sqlite3 .import: %.2f s = %.0f rows/s%@ → Corridor import / sqlite3 = %@, re-import / sqlite3 = %@",
                    seconds, rate, sqlite.spread, Measure.ratio(importRate / rate),
                    Measure.ratio(Double(report.linesWritten) / reimporting.fastest / rate)))
        } else {
            print("sqlite3 .import: not measured (sqlite3 missing or failed)")
        }
        if let seconds = hxl.available {
            let rate = Double(rows) / seconds
            print(
                String(
                    format: "libhxl-python read: %.2f s = %.0f rows/s%@ → Corridor read + check / libhxl = %@, dry run / libhxl = %@",
                    seconds, rate, hxl.spread, Measure.ratio(checkRate / rate), Measure.ratio(seconds / dry.fastest)))
        } else {
            print("libhxl-python read: not measured (python3 or libhxl missing, or it failed)")
        }
    }

    /// One measurement's times over the rounds. The fastest is reported: this machine's noise
    /// only ever adds time. The median shows how much noise there was.
    struct Timings {
        private var times: [Double] = []
        private var missing = false

        /// nil: the baseline program is missing or failed; it is then left out.
        mutating func add(_ seconds: Double?) {
            if let seconds { times.append(seconds) } else { missing = true }
        }

        var fastest: Double { times.min() ?? .infinity }
        var available: Double? { missing || times.isEmpty ? nil : fastest }
        var spread: String {
            guard times.count > 2 else { return "" }
            return String(format: " (median of %d: %.2f s)", times.count, times.sorted()[times.count / 2])
        }
    }

    /// A new benchmark database with the reporting organisation.
    static func freshStore(at path: String) async throws -> Store {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store = try await Store.open(.sqlite(path: path), logger: CorridorBench.logger)
        _ = try await store.organisations.create(
            NewOrganisation(code: "BENCH", name: "Benchmark", type: "other", hqCountry: "IT"), by: .console)
        return store
    }

    /// Runs a baseline program found on PATH and returns its wall time, or nil when it is missing or fails.
    static func time(_ program: String, _ arguments: [String]) -> Double? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        process.standardOutput = FileHandle.nullDevice
        let start = ContinuousClock.now
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return Measure.seconds(ContinuousClock.now - start)
    }
}
