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
            global coordinator's API token and measures nearest stock and the stylesheet each under \
            --connections concurrent connections for --seconds in all, taking turns in --rounds slices so \
            that the machine's slower and faster spells fall on both (with `wrk -t1` when it is on PATH, \
            else with its own HTTP client: --client), then the pre-positioned lists of --country one \
            request at a time.
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
    @Option(help: "Client of the loads: wrk (as the issue measures), builtin (the benchmark's own), or auto: wrk when on PATH.")
    var client = "auto"
    @Flag(help: "Only SQLite, even when a PostgreSQL URL is set.") var sqliteOnly = false
    @Flag(help: "Keep the PostgreSQL schema afterwards (its name is printed), to read query plans.") var keepSchema = false

    static let item = "SHE-TENT-FAM"

    func run() async throws {
        let folder = try BenchPlaces.folder(dir)
        let store = try await ImportBench.freshStore(at: folder.appendingPathComponent("reads.sqlite").path)
        let points = try await Self.points(store)
        let file = try await BenchStock.report(rows: rows, sites: sites, folder: folder, store: store)
        let loads = try wrkPath().map { "wrk -t1 (\($0))" } ?? "the benchmark's own HTTP client"
        print(
            "file: \(file.path) (\(rows) rows, \(sites) sites); \(connections) connections for \(seconds) s each, in \(try turns()) turns, by \(loads)"
        )
        do {
            try await measure("SQLite", store: store, file: file, points: points, folder: folder)
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
        try await PostgresImportBench.withFreshStore(raw, keep: keepSchema) { postgres, _ in
            try await measure("PostgreSQL", store: postgres, file: file, points: points, folder: folder)
        }
    }

    /// Points near the synthetic sites (a few km off each country's label point, where its sites
    /// are), each request taking the next.
    static func points(_ store: Store) async throws -> [(lat: Double, lon: Double)] {
        let countries = try await store.reference.countries().filter { $0.lat != nil && BenchStock.countries.contains($0.alpha2) }
        var points: [(Double, Double)] = []
        for country in countries {
            for offset in [0.0, 0.02, 0.05] { points.append((country.lat! + offset, country.lon! - offset)) }
        }
        return points
    }

    private func measure(
        _ name: String, store: Store, file: URL, points: [(lat: Double, lon: Double)], folder: URL
    ) async throws {
        let start = ContinuousClock.now
        var reader = try CSVReader(url: file)
        let report = try await store.stockImporter.run(
            &reader, StockImportRequest(org: "BENCH", fileName: file.lastPathComponent), by: .console)
        print(String(format: "\(name): imported %d lines in %.2f s", report.linesWritten, Measure.seconds(ContinuousClock.now - start)))

        try await BenchServer.serving(store, port: port) { server in
            let token = server.token
            let client = HTTPClient(
                eventLoopGroupProvider: .singleton,
                configuration: HTTPClient.Configuration(
                    connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: connections)))
            try await BenchServer.using(client) { client in
                let base = server.base
                try await Self.waitUntilServing(client, "\(base)/static/corridor.css")
                let first = try await Self.get(client, base + Self.nearestPath(points[0]), token: token)
                let found = (try? JSONSerialization.jsonObject(with: Data(first.body.utf8)) as? [String: Any])?["items"] as? [Any]
                guard first.status == 200, found?.count == 10 else {
                    throw ValidationError("nearest answered \(first.status), not 10 sites: \(first.body.prefix(300))")
                }
                var (css, me, nearest) = (Load(), Load(), Load())
                let turns = try turns()
                let slice = Duration.seconds(Double(seconds) / Double(turns))
                let nearestPaths = points.map(Self.nearestPath)
                for _ in 0..<turns {
                    css.add(try await load(client, base: base, for: slice, paths: ["/static/corridor.css"], folder: folder))
                    me.add(try await load(client, base: base, for: slice, token: token, paths: ["/api/v1/me"], folder: folder))
                    nearest.add(try await load(client, base: base, for: slice, token: token, paths: nearestPaths, folder: folder))
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
                print(
                    String(format: "\(name): stylesheet  %8.0f req/s, p99 %7.2f ms (%d requests)", css.rate, css.p99 * 1000, css.requests))
                print(
                    String(
                        format: "\(name): /api/v1/me  %8.0f req/s, p99 %7.2f ms (%d requests; any API request with a token pays this)",
                        me.rate, me.p99 * 1000, me.requests))
                print(
                    String(
                        format: "\(name): nearest     %8.0f req/s, p99 %7.2f ms (%d requests, %d failed)", nearest.rate, nearest.p99 * 1000,
                        nearest.requests, nearest.failed))
                print(
                    String(
                        format: "\(name): nearest / stylesheet: req/s %@ (target ≥ 0.3×), p99 %@ (target ≤ 10×)",
                        Measure.ratio(nearest.rate / css.rate), Measure.ratio(nearest.p99 / css.p99, lessIsBetter: true, decimals: 1)))
                // The cores the load, the server and the database share, over the requests they
                // answered: what each request took of the machine, and what 0.3× leaves it.
                let cores = Double(ProcessInfo.processInfo.activeProcessorCount)
                print(
                    String(
                        format:
                            "\(name): machine time per request: stylesheet %.0f µs, /api/v1/me %.0f µs, nearest %.0f µs; 0.3× allows %.0f µs",
                        cores / css.rate * 1e6, cores / me.rate * 1e6, cores / nearest.rate * 1e6, cores / (0.3 * css.rate) * 1e6))
                print(
                    String(
                        format:
                            "\(name): prepositioned \(country): median %.1f ms of %d (fastest %.1f, slowest %.1f) → %@ the 200 ms target",
                        median * 1000, times.count, times.first! * 1000, times.last! * 1000, Measure.ratio(median / 0.2, lessIsBetter: true)
                    ))
            }
        }
    }

    static func nearestPath(_ point: (lat: Double, lon: Double)) -> String {
        "/api/v1/stock/nearest?item=\(item)&lat=\(point.lat)&lon=\(point.lon)&limit=10"
    }

    /// Requests answered under one load, over the rounds: how many, in what time, and each
    /// round's 99th percentile of latency.
    struct Load {
        var requests = 0
        var failed = 0
        var elapsed = 0.0
        var p99s: [Double] = []

        var rate: Double { Double(requests) / elapsed }
        /// The median of the rounds' 99th percentiles: wrk reports each round's, not its latencies.
        var p99: Double { p99s.sorted()[p99s.count / 2] }

        mutating func add(_ other: Load) {
            requests += other.requests
            failed += other.failed
            elapsed += other.elapsed
            p99s += other.p99s
        }
    }

    /// One load of `duration`: by `wrk` when it is on PATH (unless --client builtin), else by
    /// the benchmark's own client.
    private func load(
        _ client: HTTPClient, base: String, for duration: Duration, token: String? = nil, paths: [String], folder: URL
    ) async throws -> Load {
        if let wrk = try wrkPath() {
            let seconds = Int(Measure.seconds(duration).rounded())
            return try await WrkLoad.run(
                wrk: wrk, base: base, paths: paths, token: token, connections: connections, seconds: seconds, folder: folder)
        }
        return try await load(client, for: duration, token: token) { base + paths[$0 % paths.count] }
    }

    /// How many turns the loads take: wrk runs for whole seconds, so never more than --seconds.
    private func turns() throws -> Int {
        try wrkPath() == nil ? max(1, rounds) : max(1, min(rounds, seconds))
    }

    /// The `wrk` the loads run, nil for the benchmark's own client.
    private func wrkPath() throws -> String? {
        switch client {
        case "builtin": return nil
        case "wrk":
            guard let path = WrkLoad.path else { throw ValidationError("--client wrk: no wrk on PATH") }
            return path
        default: return WrkLoad.path
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
        let sorted = results.0.sorted()
        let p99 = sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.99).rounded(.up)) - 1)]
        return Load(
            requests: sorted.count, failed: results.1, elapsed: Measure.seconds(ContinuousClock.now - started), p99s: [p99])
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
