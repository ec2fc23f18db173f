import Foundation
import CorridorCore
import Logging
import SQLKit

public struct MigrationReport: Sendable, Equatable {
    public var applied: [Int]
    public var alreadyApplied: Int
}

extension Database {
    /// Applies every pending migration. Safe to call from several processes at once: the
    /// bookkeeping table is locked for the duration of each migration, and the pending set is
    /// re-read under that lock.
    @discardableResult
    public func migrate(_ migrations: [Migration] = Migrations.all) async throws -> MigrationReport {
        try await withConnection { db in
            try await db.raw(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)
                """
            ).run()
        }
        var applied: [Int] = []
        var already = 0
        for migration in migrations.sorted(by: { $0.version < $1.version }) {
            let ran = try await transaction { db -> Bool in
                if dialect == .postgres {
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
        if !applied.isEmpty { schemaChanged() }
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
