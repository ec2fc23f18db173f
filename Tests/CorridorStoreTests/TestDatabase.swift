import CorridorCore
import CorridorStore
import Foundation
import Logging
import SQLKit
import Testing

/// The databases the same store suite runs on: SQLite always; PostgreSQL when
/// CORRIDOR_TEST_POSTGRES_URL names a server (each test gets its own schema there).
enum TestDatabase: String, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    static let postgresURL = ProcessInfo.processInfo.environment["CORRIDOR_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    static var available: [TestDatabase] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }
    var testDescription: String { rawValue }

    static let settings = StoreSettings(
        bcryptCost: 4,
        loginThrottle: LoginThrottle(freeFailures: 2, lockAfter: 4, lockSeconds: 600, windowSeconds: 900, baseDelayMilliseconds: 1))

    /// A fresh, empty database (not yet migrated).
    func fresh() async throws -> (url: DatabaseURL, schema: String?) {
        switch self {
        case .sqlite:
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("corridor-test-\(UUID().uuidString).sqlite").path
            return (.sqlite(path: path), nil)
        case .postgres:
            let url = DatabaseURL.postgres(url: Self.postgresURL!)
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let admin = try Database(url, logger: Logger(label: "test"))
            try await admin.withConnection { db in try await db.raw("CREATE SCHEMA \(ident: schema)").run() }
            await admin.close()
            return (url, schema)
        }
    }

    /// Runs `body` with a migrated store that is closed afterwards, pass or fail.
    func withStore(_ body: (Store) async throws -> Void) async throws {
        let (url, schema) = try await fresh()
        do {
            try await Store.using(url, settings: Self.settings, logger: Logger(label: "test"), postgresSchema: schema, body)
        } catch {
            await Self.discard(url, schema: schema)
            throw error
        }
        await Self.discard(url, schema: schema)
    }

    /// Removes a test database: the SQLite files, or the PostgreSQL schema.
    static func discard(_ url: DatabaseURL, schema: String?) async {
        switch url {
        case .sqlite(let path):
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        case .postgres:
            guard let schema, let admin = try? Database(url, logger: Logger(label: "test")) else { return }
            try? await admin.withConnection { db in try await db.raw("DROP SCHEMA \(ident: schema) CASCADE").run() }
            await admin.close()
        }
    }

    /// Runs `body` with an unmigrated database that is closed afterwards, pass or fail.
    func withDatabase(_ body: (Database) async throws -> Void) async throws {
        let (url, schema) = try await fresh()
        let database = try Database(url, logger: Logger(label: "test"), postgresSchema: schema)
        do { try await body(database) } catch {
            await database.close()
            await Self.discard(url, schema: schema)
            throw error
        }
        await database.close()
        await Self.discard(url, schema: schema)
    }
}
