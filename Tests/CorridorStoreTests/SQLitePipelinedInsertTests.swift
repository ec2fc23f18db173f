import Foundation
@testable import CorridorStore
import SQLKit
import Testing

/// The bulk insert writes Corridor's own values into the statement text and binds report text;
/// either way every value must arrive exactly as given.
@Suite struct SQLitePipelinedInsertTests {
    @Test func literalAndBoundValuesArriveExactly() async throws {
        try await TestDatabase.sqlite.withDatabase { database in
            let texts = ["it's", "'", "''quoted''", "a\u{0}b", "naïve — ☂", "", "?", "); DROP TABLE t; --",
                         String(repeating: "'", count: 70_000)]  // longer than the statement buffer
            let numbers: [Int64] = [0, -1, 42, Int64.max, Int64.min]
            let stored = try await database.transaction(driver: { db, driver in
                try await db.raw("CREATE TABLE t (n BIGINT, literal TEXT, bound TEXT, missing TEXT)").run()
                guard case .sqlite(let connection) = driver else { throw CancellationError() }
                var insert = SQLitePipelinedInsert(connection: connection, table: "t", columns: ["n", "literal", "bound", "missing"])
                for (index, text) in texts.enumerated() {
                    insert.append(.integer(numbers[index % numbers.count]))
                    insert.append(.literal(text))
                    insert.append(.bound(text))
                    insert.append(.null)
                    if index == 3 { try await insert.send() }  // two statements, one in flight while the next is built
                }
                #expect(insert.bufferedRows == texts.count - 4)
                try await insert.send()
                try await insert.drain()
                return try await db.raw("SELECT n, literal, bound, missing FROM t ORDER BY rowid").all().map {
                    (try $0.decode(column: "n", as: Int64.self), try $0.decode(column: "literal", as: String.self),
                     try $0.decode(column: "bound", as: String.self), try $0.decode(column: "missing", as: String?.self))
                }
            })
            #expect(stored.count == texts.count)
            for (index, row) in stored.enumerated() {
                #expect(row.0 == numbers[index % numbers.count])
                if texts[index].utf8.contains(0) {
                    // Bound either way (a NUL would end the statement text); sqlite-nio reads text
                    // back only up to a NUL, so the rows after it are what shows the statement whole.
                    #expect(row.1 == row.2 && row.1 == "a")
                } else {
                    #expect(row.1 == texts[index], "literal \(index)")
                    #expect(row.2 == texts[index], "bound \(index)")
                }
                #expect(row.3 == nil)
            }
        }
    }

    @Test func aOneColumnRowOfQuotesFitsItsRoom() async throws {
        try await TestDatabase.sqlite.withDatabase { database in
            let texts = (1...3000).map { String(repeating: "'", count: $0 % 41) }
            let stored = try await database.transaction(driver: { db, driver in
                try await db.raw("CREATE TABLE q (v TEXT)").run()
                guard case .sqlite(let connection) = driver else { throw CancellationError() }
                var insert = SQLitePipelinedInsert(connection: connection, table: "q", columns: ["v"])
                for text in texts { insert.append(.literal(text)) }
                try await insert.send()
                try await insert.drain()
                return try await db.raw("SELECT v FROM q ORDER BY rowid").all().map { try $0.decode(column: "v", as: String.self) }
            })
            #expect(stored == texts)
        }
    }
}
