import Logging
import PostgresNIO

/// The SQL text of a read that PostgreSQL keeps prepared, for the statements every request or
/// every nearest search runs: an unnamed statement is parsed and planned on each call, which
/// costs more than running these. Placeholders are `$1`, `$2`, …; lists bind as arrays.
protocol PostgresKeptText: Sendable {
    static var sql: String { get }
}

/// A statement of `Text`, prepared once per pooled connection (PostgresNIO remembers which
/// connection has it) and run with `bindings`.
struct PostgresKept<Text: PostgresKeptText>: PostgresPreparedStatement {
    typealias Row = PostgresRow
    static var sql: String { Text.sql }
    static var name: String { "corridor_\(String(describing: Text.self))" }
    let bindings: PostgresBindings

    func makeBindings() throws -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

extension PostgresConnection {
    /// Every row of the kept statement `text` run with `bindings`.
    func rows<Text: PostgresKeptText>(of text: Text.Type, _ bindings: PostgresBindings, logger: Logger) async throws -> [PostgresRow] {
        var rows: [PostgresRow] = []
        for try await row in try await execute(PostgresKept<Text>(bindings: bindings), logger: logger) { rows.append(row) }
        return rows
    }
}
