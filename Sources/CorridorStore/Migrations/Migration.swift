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

    /// A migration that is only DDL/DML statements; `$ID` stands for the dialect's identity key.
    init(version: Int, name: String, statements: [String]) {
        self.init(version: version, name: name) { db, dialect in
            for statement in statements {
                let sql = statement.replacingOccurrences(of: "$ID", with: dialect.identityPrimaryKey)
                try await db.raw(SQLQueryString(sql)).run()
            }
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
    ]
}
