import CorridorCore
import Foundation
@testable import CorridorStore
import SQLKit
import Testing

/// The import's SQLite path: a direct connection of its own, one statement prepared once and
/// bound from a buffer. Every value must arrive exactly as given, whether it went in a full batch
/// or in the one-row statement for the rows left at the end.
@Suite struct SQLiteBulkInsertTests {
    /// Sent every `sendEvery` rows: one statement's worth at a time, or many statements' worth
    /// and a rest in one trip to SQLite's thread.
    @Test(arguments: [4, 11, 8])
    func everyValueArrivesExactlyInFullAndPartialBatches(sendEvery: Int) async throws {
        try await TestDatabase.sqlite.withDatabase { database in
            let texts = ["it's", "'", "a\u{0}b", "naïve — ☂", "", "?", "); DROP TABLE t; --", String(repeating: "x", count: 70_000)]
            let numbers: [Int64] = [0, -1, 42, Int64.max, Int64.min]
            let days = [Day(year: 2026, month: 2, day: 28)!, Day(year: 1999, month: 12, day: 31)!]
            // 4 rows per statement: 11 rows make two full statements (sent every 4 rows, one in
            // flight while the next fills) and three rows left for the one-row statement.
            let count = 11
            let stored = try await database.transaction(driver: { db, driver in
                try await db.raw("CREATE TABLE t (n BIGINT, text TEXT, day TEXT, missing TEXT)").run()
                guard case .sqlite(let connection) = driver else { throw CancellationError() }
                var insert = SQLiteBulkInsert(
                    connection: connection, table: "t", columns: ["n", "text", "day", "missing"], rowsPerStatement: 4)
                for index in 0..<count {
                    insert.append(.integer(numbers[index % numbers.count]))
                    insert.append(.text(texts[index % texts.count]))
                    insert.append(.day(days[index % days.count]))
                    insert.append(.null)
                    if insert.bufferedRows == sendEvery { try await insert.send() }
                }
                #expect(insert.bufferedRows == count % sendEvery)
                try await insert.send()
                try await insert.drain()
                return try await db.raw("SELECT n, text, day, missing, typeof(n) AS kind FROM t ORDER BY rowid").all().map {
                    (
                        try $0.decode(column: "n", as: Int64.self), try $0.decode(column: "text", as: String.self),
                        try $0.decode(column: "day", as: String.self), try $0.decode(column: "missing", as: String?.self),
                        try $0.decode(column: "kind", as: String.self)
                    )
                }
            })
            #expect(stored.count == count)
            for (index, row) in stored.enumerated() {
                #expect(row.0 == numbers[index % numbers.count], "row \(index)")
                #expect(row.1 == texts[index % texts.count], "row \(index)")  // a NUL inside the text included
                #expect(row.2 == days[index % days.count].description, "row \(index)")
                #expect(row.3 == nil && row.4 == "integer", "row \(index)")
            }
            // Committed: the pool's connections see the rows.
            let seen = try await database.read { db in try await db.count("SELECT COUNT(*) AS n FROM t") }
            #expect(seen == count)
        }
    }

    /// A failed batch surfaces its error at the next drain, and the transaction then writes nothing.
    @Test func aRefusedBatchFailsTheTransactionAndLeavesNothing() async throws {
        try await TestDatabase.sqlite.withDatabase { database in
            try await database.transaction { db in try await db.raw("CREATE TABLE u (n BIGINT NOT NULL UNIQUE)").run() }
            await #expect(throws: SQLiteDirectError.self) {
                try await database.transaction(driver: { db, driver in
                    guard case .sqlite(let connection) = driver else { throw CancellationError() }
                    var insert = SQLiteBulkInsert(connection: connection, table: "u", columns: ["n"], rowsPerStatement: 2)
                    for n: Int64 in [1, 2, 3, 1] {
                        insert.append(.integer(n))
                        if insert.bufferedRows == 2 { try await insert.send() }
                    }
                    try await insert.drain()
                })
            }
            let left = try await database.read { db in try await db.count("SELECT COUNT(*) AS n FROM u") }
            #expect(left == 0)
        }
    }

    /// Repositories run on the direct connection through SQLKit: binds of every kind, repeated
    /// statements (kept prepared), errors that name the problem, and foreign keys as asked.
    @Test func sqlKitQueriesRunOnTheDirectConnection() async throws {
        try await TestDatabase.sqlite.withDatabase { database in
            try await database.transaction { db in
                try await db.raw("CREATE TABLE parent (id INTEGER PRIMARY KEY)").run()
                try await db.raw("CREATE TABLE child (parent_id BIGINT REFERENCES parent (id), label TEXT, score DOUBLE PRECISION)").run()
            }
            let rows = try await database.transaction(driver: { db, _ in
                #expect(try await db.raw("PRAGMA foreign_keys").first()?.decode(column: "foreign_keys", as: Int64.self) == 1)
                for index in 0..<3 {
                    try await db.raw("INSERT INTO parent (id) VALUES (\(bind: Int64(index)))").run()
                    try await db.raw(
                        "INSERT INTO child (parent_id, label, score) VALUES (\(bind: Int64(index)), \(bind: "n°\(index)"), \(bind: 0.5 + Double(index)))"
                    ).run()
                }
                let error = await #expect(throws: SQLiteDirectError.self) {
                    try await db.raw("INSERT INTO child (parent_id) VALUES (99)").run()
                }
                #expect(error?.description.contains("FOREIGN KEY") == true, "\(String(describing: error))")
                await #expect(throws: SQLiteDirectError.self) { try await db.raw("SELECT nope FROM child").run() }
                return try await db.raw("SELECT parent_id, label, score FROM child WHERE label <> \(bind: "") ORDER BY parent_id").all().map
                {
                    (
                        try $0.decode(column: "parent_id", as: Int64.self), try $0.decode(column: "label", as: String.self),
                        try $0.decode(column: "score", as: Double.self)
                    )
                }
            })
            #expect(rows.map(\.0) == [0, 1, 2] && rows.map(\.1) == ["n°0", "n°1", "n°2"] && rows.map(\.2) == [0.5, 1.5, 2.5])
            let relaxed = try await database.transaction(
                driver: { db, _ in
                    try await db.raw("PRAGMA foreign_keys").first()?.decode(column: "foreign_keys", as: Int64.self)
                }, foreignKeysAlreadyChecked: true)
            #expect(relaxed == 0)
        }
    }
}
