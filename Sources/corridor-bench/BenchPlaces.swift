import Foundation

/// Where a benchmark works: its folder, the PostgreSQL server it may use, a schema of its own there.
enum BenchPlaces {
    /// `dir`, or a new temporary folder; created if missing.
    static func folder(_ dir: String?) throws -> URL {
        let folder = URL(
            fileURLWithPath: dir
                ?? FileManager.default.temporaryDirectory.appendingPathComponent("corridor-bench-\(UUID().uuidString)").path)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The PostgreSQL URL given with --url, else in the environment; nil when there is none.
    static func postgresURL(_ given: String?) -> String? {
        let environment = ProcessInfo.processInfo.environment
        return [given, environment["CORRIDOR_BENCH_POSTGRES_URL"], environment["CORRIDOR_TEST_POSTGRES_URL"]]
            .compactMap({ $0 }).first(where: { !$0.isEmpty })
    }

    /// Waits until the files the last measurement wrote are on disk, so that the kernel's
    /// writing them back does not fall on the next measurement's time.
    static func settle() {
        sync()
    }

    static let noPostgresURL = "no PostgreSQL URL (--url, CORRIDOR_BENCH_POSTGRES_URL or CORRIDOR_TEST_POSTGRES_URL)"

    /// A new schema name, so runs never meet.
    static func newSchema() -> String {
        "bench_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }
}
