import Foundation
import SQLKit

/// One versioned change to the schema or its reference data. Versions are applied in order,
/// each in its own transaction, and recorded in `schema_migrations` so none runs twice.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    let apply: @Sendable (any SQLDatabase, Dialect) async throws -> Void

    init(version: Int, name: String, apply: @escaping @Sendable (any SQLDatabase, Dialect) async throws -> Void) {
        self.version = version
        self.name = name
        self.apply = apply
    }

    /// A migration that is only DDL/DML statements; `$ID` stands for the dialect's identity key
    /// and `$BLOB` for its bytes type.
    init(version: Int, name: String, statements: [String]) {
        self.init(version: version, name: name) { db, dialect in try await Self.run(statements, on: db, dialect) }
    }

    /// Runs statements in order, `$ID` replaced by the dialect's identity key (also for migrations
    /// that load data after their DDL).
    static func run(_ statements: [String], on db: any SQLDatabase, _ dialect: Dialect) async throws {
        for statement in statements {
            let sql = statement.replacingOccurrences(of: "$ID", with: dialect.identityPrimaryKey)
                .replacingOccurrences(of: "$BLOB", with: dialect.blobType)
            try await db.raw(SQLQueryString(sql)).run()
        }
    }
}

/// Every migration Corridor knows, oldest first. Append only: never edit one that has shipped.
public enum Migrations {
    public static let all: [Migration] = [
        FoundationSchema.migration,
        ReferenceDataMigration.migration,
        StockSchema.migration,
        CustomsSchema.migration,
        DeclarationSchema.migration,
        ClearanceSchema.migration,
        PreparednessSchema.migration,
        StockIndexSchema.migration,
        IndicativeValueSchema.migration,
        PreparednessOverrideSchema.migration,
        CatalogueCustomsSchema.migration,
        ExchangeRateSchema.migration,
        EntryPointCodeSchema.migration,
        StockLineReferencesSchema.migration,
        CustomsControlsSchema.migration,
        StockTotalsSchema.migration,
        LanguagePreferenceSchema.migration,
        SiteEarthPositionSchema.migration,
        StockTotalsByItemSchema.migration,
        StockSiteSummarySchema.migration,
    ]
}

/// A migration that cannot run on this database as it is, with what the operator can do about it.
public struct MigrationError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
