import ArgumentParser
import AsyncHTTPClient
import CorridorCore
import CorridorFormats
import CorridorServer
import CorridorStore
import Foundation
import Hummingbird
import NIOCore
import NIOHTTP1
import ServiceLifecycle

/// The read paths of a large store, through the HTTP server, against the server's own stylesheet
/// measured the same way in the same run: nearest stock under concurrent load, and a country's
/// pre-positioned lists one request at a time.
struct ReadsBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reads",
        abstract: "Nearest stock and pre-positioned lists over HTTP on a large store, against the stylesheet.",
        discussion: """
            Build with -c release. Imports the synthetic report once into a SQLite file under --dir (and, \
            given a PostgreSQL URL, into a fresh schema there), starts the server in this process, signs a \
            global coordinator's API token and measures with its own HTTP client: nearest stock and the \
            stylesheet each under --connections concurrent connections for --seconds in all, taking turns \
            in --rounds slices so that the machine's slower and faster spells fall on both, then the \
            pre-positioned lists of --country one request at a time.
            """)
    @Option(help: "Rows in the synthetic report.") var rows = 1_000_000
    @Option(help: "Sites the rows are spread over.") var sites = 10_000
    @Option(help: "Working folder (default: a new temporary folder).") var dir: String?
    @Option(help: "Concurrent connections of the load.") var connections = 32
    @Option(help: "Seconds each load runs in all.") var seconds = 10
    @Option(help: "Rounds the loads take turns in, so that a slower or faster spell of the machine falls on each.")
    var rounds = 5
    @Option(help: "Requests of the pre-positioned lists, one at a time; the median is reported.") var requests = 9
    @Option(help: "The country whose pre-positioned lists are read.") var country = "KE"
    @Option(help: "Port the server listens on.") var port = 18_419
    @Option(help: "postgres://user:pass@host:port/db (default: $CORRIDOR_BENCH_POSTGRES_URL or $CORRIDOR_TEST_POSTGRES_URL).")
    var url: String?
    @Flag(help: "Only SQLite, even when a PostgreSQL URL is set.") var sqliteOnly = false
    @Flag(help: "Keep the PostgreSQL schema afterwards (its name is printed), to read query plans.") var keepSchema = false

    static let item = "SHE-TENT-FAM"
    static let countries = ["KE", "NP", "PH", "HT", "TR", "MZ", "IT", "AE", "GH", "PA", "MY", "ES"]

    func run() async throws {
        let folder = try BenchPlaces.folder(dir)
        let file = folder.appendingPathComponent("stock-\(rows).hxl.csv")
        let dbPath = folder.appendingPathComponent("reads.sqlite").path
        let store = try await ImportBench.freshStore(at: dbPath)
        let points = try await Self.points(store)
        if !FileManager.default.fileExists(atPath: file.path) {
            let items = try await store.items.all().map(\.code)
            let countries = try await store.reference.countries().filter { $0.lat != nil && Self.countries.contains($0.alpha2) }
            try BenchGenerator(rows: rows, sites: sites).write(to: file, org: "BENCH", items: items, countries: countries, today: .today())
        }
        print("file: \(file.path) (\(rows) rows, \(sites) sites); \(connections) connections for \(seconds) s each, in \(rounds) turns")
        do {
            try await measure("SQLite", store: store, file: file, points: points)
        } catch {
            await store.close()
            throw error
        }
        await store.close()

        guard !sqliteOnly, let raw = BenchPlaces.postgresURL(url)
        else {
            print("PostgreSQL: skipped, \(BenchPlaces.noPostgresURL)")
            return
        }
        let schema = BenchPlaces.newSchema()
        let postgres = try await PostgresImportBench.freshStore(.postgres(url: raw), schema: schema)
        do {
            try await measure("PostgreSQL", store: postgres, file: file, points: points)
        } catch {
            await PostgresImportBench.drop(postgres, schema: schema)
            throw error
        }
        if keepSchema {
            print("PostgreSQL: schema \(schema) kept")
            await postgres.close()
        } else {
            await PostgresImportBench.drop(postgres, schema: schema)
        }
    }

    /// Points near the synthetic sites (a few km off each country's label point, where its sites
    /// are), each request taking the next.
    static func points(_ store: Store) async throws -> [(lat: Double, lon: Double)] {
        let countries = try await store.reference.countries().filter { $0.lat != nil && Self.countries.contains($0.alpha2) }
        var points: [(Double, Double)] = []
        for country in countries {
            for offset in [0.0, 0.02, 0.05] { points.append((country.lat! + offset, country.lon! - offset)) }
        }
        return points
    }

    private func measure(_ name: String, store: Store, file: URL, points: [(lat: Double, lon: Double)]) async throws {
        let start = ContinuousClock.now
        var reader = try CSVReader(url: file)
        let report = try await store.stockImporter.run(
            &reader, StockImportRequest(org: "BENCH", fileName: file.lastPathComponent), by: .console)
        print(String(format: "\(name): imported %d lines in %.2f s", report.linesWritten, Measure.seconds(ContinuousClock.now - start)))

        let server = try await BenchServer.start(store, port: port)
        let token = server.token
        let client = HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: HTTPClient.Configuration(
                connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)))
        do {
            let base = server.base
            try await Self.waitUntilServing(client, "\(base)/static/corridor.css")
            let first = try await Self.get(client, Self.nearestURL(base, points[0]), token: token)
            let found = (try? JSONSerialization.jsonObject(with: Data(first.body.utf8)) as? [String: Any])?["items"] as? [Any]
            guard first.status == 200, found?.count == 10 else {
                throw ValidationError("nearest answered \(first.status), not 10 sites: \(first.body.prefix(300))")
            }
            var (css, me, nearest) = (Load(), Load(), Load())
            let slice = Duration.seconds(Double(seconds) / Double(max(1, rounds)))
            for _ in 0..<max(1, rounds) {
                css.add(try await load(client, for: slice) { _ in "\(base)/static/corridor.css" })
                me.add(try await load(client, for: slice, token: token) { _ in "\(base)/api/v1/me" })
                nearest.add(
                    try await load(client, for: slice, token: token) { Self.nearestURL(base, points[$0 % points.count]) })
            }
            var times: [Double] = []
            for _ in 0..<max(1, requests) {
                let began = ContinuousClock.now
                let answer = try await Self.get(client, "\(base)/api/v1/countries/\(country)/prepositioned", token: token)
                guard answer.status == 200 else { throw ValidationError("prepositioned answered \(answer.status)") }
                times.append(Measure.seconds(ContinuousClock.now - began))
            }
            times.sort()
            let median = times[times.count / 2]
            print(String(format: "\(name): stylesheet  %8.0f req/s, p99 %7.2f ms (%d requests)", css.rate, css.p99 * 1000, css.count))
            print(
                String(
                    format: "\(name): /api/v1/me  %8.0f req/s, p99 %7.2f ms (%d requests; any API request with a token pays this)",
                    me.rate, me.p99 * 1000, me.count))
            print(
                String(
                    format: "\(name): nearest     %8.0f req/s, p99 %7.2f ms (%d requests, %d failed)", nearest.rate, nearest.p99 * 1000,
                    nearest.count, nearest.failed))
            print(
                String(
                    format: "\(name): nearest / stylesheet: req/s %@ (target ≥ 0.3×), p99 %@ (target ≤ 10×)",
                    Measure.ratio(nearest.rate / css.rate), Measure.ratio(nearest.p99 / css.p99, lessIsBetter: true, decimals: 1)))
            print(
                String(
                    format:
                        "\(name): prepositioned \(country): median %.1f ms of %d (fastest %.1f, slowest %.1f) → %@ the 200 ms target",
                    median * 1000, times.count, times.first! * 1000, times.last! * 1000, Measure.ratio(median / 0.2, lessIsBetter: true)))
        } catch {
            try? await client.shutdown()
            try? await server.stop()
            throw error
        }
        try await client.shutdown()
        try await server.stop()
    }

    static func nearestURL(_ base: String, _ point: (lat: Double, lon: Double)) -> String {
        "\(base)/api/v1/stock/nearest?item=\(item)&lat=\(point.lat)&lon=\(point.lon)&limit=10"
    }

    /// Requests answered under one load, over the rounds: their latencies, and the time taken.
    struct Load {
        var latencies: [Double] = []
        var failed = 0
        var elapsed = 0.0

        var count: Int { latencies.count }
        var rate: Double { Double(latencies.count) / elapsed }
        /// The 99th percentile of the latencies.
        var p99: Double {
            let sorted = latencies.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)]
        }

        mutating func add(_ other: Load) {
            latencies += other.latencies
            failed += other.failed
            elapsed += other.elapsed
        }
    }

    /// `connections` clients, each sending its next request as soon as the previous answer has
    /// been read, for `duration`.
    private func load(
        _ client: HTTPClient, for duration: Duration, token: String? = nil, url: @escaping @Sendable (Int) -> String
    ) async throws -> Load {
        let started = ContinuousClock.now
        let deadline = started + duration
        let results = try await withThrowingTaskGroup(of: ([Double], Int).self) { group in
            for worker in 0..<connections {
                group.addTask {
                    var latencies: [Double] = [], failed = 0, index = worker
                    while ContinuousClock.now < deadline {
                        let began = ContinuousClock.now
                        let answer = try await Self.get(client, url(index), token: token)
                        if answer.status == 200 { latencies.append(Measure.seconds(ContinuousClock.now - began)) } else { failed += 1 }
                        index += connections
                    }
                    return (latencies, failed)
                }
            }
            var all: [Double] = [], failed = 0
            for try await (latencies, failures) in group {
                all += latencies
                failed += failures
            }
            return (all, failed)
        }
        guard !results.0.isEmpty else { throw ValidationError("no request succeeded") }
        return Load(latencies: results.0, failed: results.1, elapsed: Measure.seconds(ContinuousClock.now - started))
    }

    static func get(_ client: HTTPClient, _ url: String, token: String?) async throws -> (status: UInt, body: String) {
        var request = HTTPClientRequest(url: url)
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response = try await client.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 64 << 20)
        return (response.status.code, String(buffer: body))
    }

    static func waitUntilServing(_ client: HTTPClient, _ url: String) async throws {
        for _ in 0..<200 {
            if let answer = try? await get(client, url, token: nil), answer.status == 200 { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ValidationError("the server did not answer at \(url)")
    }
}
