import SQLKit

/// SQLite indexes dropped while a large write runs and built again at the end in one sorted pass,
/// from the statements that defined them: keeping them up to date row by row costs more. Within
/// the writer's transaction, so a write that fails rolls the drop back too.
struct SQLiteSetAsideIndexes {
    /// The statements that build them again, as their migrations wrote them.
    private(set) var definitions: [String] = []

    /// Drops the indexes of `table` (only `name`, when given) and keeps their definitions.
    static func drop(of table: String, named name: String? = nil, on db: any SQLDatabase) async throws -> SQLiteSetAsideIndexes {
        var named: SQLQueryString = ""
        if let name { named = " AND name = \(bind: name)" }
        let rows = try await db.raw(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = \(bind: table) AND sql IS NOT NULL\(named) ORDER BY name"
        ).all()
        var aside = SQLiteSetAsideIndexes()
        for row in rows {
            aside.definitions.append(try row.string("sql"))
            // A name the schema itself holds, as its migration spelled it.
            try await db.raw("DROP INDEX \(unsafeRaw: try row.string("name"))").run()
        }
        return aside
    }

    /// Builds them again. SQLite sorts for CREATE INDEX on helper threads when allowed; the
    /// setting is per connection, so it is set back for the pool.
    func rebuild(on db: any SQLDatabase) async throws {
        guard !definitions.isEmpty else { return }
        try await db.raw("PRAGMA threads = 2").run()
        for statement in definitions { try await db.raw(SQLQueryString(statement)).run() }
        try await db.raw("PRAGMA threads = 0").run()
    }
}
