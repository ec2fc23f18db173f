import Foundation
import NIOConcurrencyHelpers

/// SQLite only. sqlite-nio reads a statement's column names when it prepares it, before the
/// first step, and SQLite prepares against the connection's cached schema, checking it only when
/// the statement steps (and then re-preparing it, too late for the names). So the first
/// `SELECT *` on a pooled connection after another connection migrated the table came back with
/// the columns named as they were. Each migration that ran advances a generation; a connection
/// that has not seen the current one reads the schema once before it is handed out.
final class SchemaFreshness: Sendable {
    private struct State {
        var generation = 0
        var seen: [ObjectIdentifier: Int] = [:]
    }

    private let state = NIOLockedValueBox(State())

    /// The generation a connection must refresh to, or nil when it is current. A connection
    /// first met in generation 0 loaded its schema fresh.
    func staleGeneration(of connection: ObjectIdentifier) -> Int? {
        state.withLockedValue { state in
            let seen = state.seen[connection] ?? 0
            return seen == state.generation ? nil : state.generation
        }
    }

    func markFresh(_ connection: ObjectIdentifier, generation: Int) {
        state.withLockedValue { $0.seen[connection] = generation }
    }

    func schemaChanged() {
        state.withLockedValue { $0.generation += 1 }
    }
}
