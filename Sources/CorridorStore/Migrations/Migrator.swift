import Foundation
import CorridorCore
import Logging
import SQLKit

public struct MigrationReport: Sendable, Equatable {
    public var applied: [Int]
    public var alreadyApplied: Int
}

extension Database {
    /// Applies every pending migration. Safe to call from several processes at once, as when
    /// several servers start together on one empty PostgreSQL database: there, one session holds
    /// an advisory lock (per schema) from creating the bookkeeping table to the last migration,
    /// so the others wait and then find nothing to do. On SQLite each migration's write
    /// transaction serializes them, and the pending set is re-read inside it.
    @discardableResult
    public func migrate(_ migrations: [Migration] = Migrations.all) async throws -> MigrationReport {
        let report: MigrationReport
        switch dialect {
        case .postgres:
            report = try await withConnection { db in
                try await db.raw("SELECT pg_advisory_lock(\(unsafeRaw: Self.migrationLockKey))").run()
                do {
                    let report = try await apply(migrations, on: { body in try await Self.run(body, on: db, dialect: .postgres) })
                    try await db.raw("SELECT pg_advisory_unlock(\(unsafeRaw: Self.migrationLockKey))").run()
                    return report
                } catch {
                    // Closing the session would release it too; the pool keeps the connection.
                    _ = try? await db.raw("SELECT pg_advisory_unlock(\(unsafeRaw: Self.migrationLockKey))").run()
                    throw error
                }
            }
        case .sqlite:
            report = try await apply(migrations, on: { body in try await transaction(body) })
        }
        if !report.applied.isEmpty { schemaChanged() }
        return report
    }

    /// The advisory lock's key: one per schema, so schemas in one database migrate independently.
    static let migrationLockKey = "hashtext('corridor.migrations:' || current_schema())"

    private func apply(
        _ migrations: [Migration], on transaction: ((any SQLDatabase) async throws -> Bool) async throws -> Bool
    ) async throws -> MigrationReport {
        _ = try await transaction { db in
            try await db.raw(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)
                """
            ).run()
            return true
        }
        var applied: [Int] = []
        var already = 0
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            let ran = try await transaction { db -> Bool in
                if dialect == .postgres {
                    // Also excludes a server of an earlier version, which took only this lock.
                    try await db.raw("LOCK TABLE schema_migrations IN EXCLUSIVE MODE").run()
                }
                let existing = try await db.raw(
                    "SELECT version FROM schema_migrations WHERE version = \(bind: migration.version)"
                ).first()
                if existing != nil { return false }
                try await migration.apply(db, dialect)
                try await db.raw(
                    """
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: UnixTime.now()))
                    """
                ).run()
                return true
            }
            if ran {
                logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                applied.append(migration.version)
            } else {
                already += 1
            }
        }
        return MigrationReport(applied: applied, alreadyApplied: already)
    }

    /// Versions recorded as applied, oldest first.
    public func appliedMigrations() async throws -> [Int] {
        try await read { db in
            try await db.raw("SELECT version FROM schema_migrations ORDER BY version").all()
                .map { try $0.decode(column: "version", as: Int.self) }
        }
    }
}
