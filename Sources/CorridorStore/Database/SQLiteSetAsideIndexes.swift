import SQLKit

/// SQLite indexes dropped while a large write runs and built again at the end in one sorted pass,
/// from the statements that defined them: keeping them up to date row by row costs more. Within
/// the writer's transaction, so a write that fails rolls the drop back too.
struct SQLiteSetAsideIndexes {
    /// The statements that build them again, as their migrations wrote them.
    let definitions: [String]

    init(definitions: [String] = []) { self.definitions = definitions }

    /// The definitions of `table`'s indexes (only `name`, when given), by name.
    static func of(_ table: String, named name: String? = nil, on db: any SQLDatabase) async throws -> [(name: String, sql: String)] {
        var named: SQLQueryString = ""
        if let name { named = " AND name = \(bind: name)" }
        return try await db.raw(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = \(bind: table) AND sql IS NOT NULL\(named) ORDER BY name"
        ).all().map { (try $0.string("name"), try $0.string("sql")) }
    }

    /// Keeps the definitions of `table`'s indexes without dropping them, for a table replaced whole.
    static func keep(of table: String, on db: any SQLDatabase) async throws -> SQLiteSetAsideIndexes {
        SQLiteSetAsideIndexes(definitions: try await of(table, on: db).map(\.sql))
    }

    /// Drops the indexes of `table` (only `name`, when given) and keeps their definitions.
    static func drop(of table: String, named name: String? = nil, on db: any SQLDatabase) async throws -> SQLiteSetAsideIndexes {
        let indexes = try await of(table, named: name, on: db)
        // Names the schema itself holds, as their migrations spelled them.
        for index in indexes { try await db.raw("DROP INDEX \(unsafeRaw: index.name)").run() }
        return SQLiteSetAsideIndexes(definitions: indexes.map(\.sql))
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
