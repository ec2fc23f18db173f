import CorridorCore
import SQLKit

/// A SQLite table that a large write replaces nearly whole, inside the writer's transaction: the
/// table is renamed aside with its indexes, a fresh empty table of the same definition takes its
/// name (and, for an `AUTOINCREMENT` table, goes on numbering after it), the writer fills it and
/// copies over the rows that stay, and `finish` drops the old table and builds the indexes once.
/// Dropping a table frees its pages whole, where deleting its rows one by one costs several
/// times as much. Other connections read the last commit throughout; a failed write rolls all of
/// it back.
struct SQLiteTableSetAside {
    let table: String
    /// The old table's name until `finish`.
    var previous: String { table + "_previous" }
    private let indexes: SQLiteSetAsideIndexes

    static func begin(_ table: String, on db: any SQLDatabase) async throws -> SQLiteTableSetAside {
        guard
            let definition = try await db.raw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = \(bind: table)")
                .first()?.string("sql"),
            let columns = definition.firstIndex(of: "(")
        else { throw DomainError.internalFailure("the database has no table \(table)") }
        let aside = SQLiteTableSetAside(table: table, indexes: try await SQLiteSetAsideIndexes.keep(of: table, on: db))
        try await db.raw("ALTER TABLE \(ident: table) RENAME TO \(ident: aside.previous)").run()
        // The definition as the schema holds it, under the table's own name.
        try await db.raw(SQLQueryString("CREATE TABLE \"\(table)\" " + definition[columns...])).run()
        if definition.uppercased().contains("AUTOINCREMENT") {
            try await db.raw(
                "INSERT INTO sqlite_sequence (name, seq) SELECT \(bind: table), seq FROM sqlite_sequence WHERE name = \(bind: aside.previous)"
            ).run()
        }
        return aside
    }

    /// Drops the old table, its pages left as they are for later writes (`SQLiteFreedPages`), then
    /// builds the indexes on the new one.
    func finish(on db: any SQLDatabase) async throws {
        try await SQLiteFreedPages.leftUnzeroed(on: db) { try await db.raw("DROP TABLE \(ident: previous)").run() }
        try await indexes.rebuild(on: db)
    }
}
