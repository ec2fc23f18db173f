import CorridorCore
import Foundation
import SQLKit

/// Writes and checks the per-declaration audit chain (SHA-256 over the previous event's hash and
/// this event's fields; the rule itself is `AuditChain` in the core).
public enum DeclarationAudit {
    static func actorName(_ actor: Actor) -> String {
        switch actor {
        case .anonymous: "anonymous"
        case .console: "console"
        case .user(let id, let email, _): "user:\(id):\(email)"
        }
    }

    static func append(
        declarationID: Int64, actor: Actor, action: String, before: String, after: String, at time: Int64 = UnixTime.now(),
        on db: any SQLDatabase
    ) async throws {
        let last = try await events(of: declarationID, on: db).last
        try await append(
            after: last, declarationID: declarationID, actor: actor, action: action, before: before, after: after, at: time, on: db)
    }

    /// Appends the event that follows `last`, the chain's last event as the caller read it in this
    /// transaction (a racing writer fails on the declaration's version before it gets here).
    @discardableResult
    static func append(
        after last: AuditEvent?, declarationID: Int64, actor: Actor, action: String, before: String, after: String,
        at time: Int64, on db: any SQLDatabase
    ) async throws -> AuditEvent {
        let event = AuditChain.next(
            after: last, declarationID: declarationID, actor: actorName(actor), at: time,
            action: action, before: before, after: after, hash: Secrets.sha256Hex)
        try await db.raw(
            """
            INSERT INTO audit_events (declaration_id, sequence, actor, at, action, before_state, after_state, previous_hash, hash)
            VALUES (\(bind: declarationID), \(bind: event.sequence), \(bind: event.actor), \(bind: event.at), \(bind: event.action),
                    \(bind: event.before), \(bind: event.after), \(bind: event.previousHash), \(bind: event.hash))
            """
        ).run()
        return event
    }

    static func events(of declarationID: Int64, on db: any SQLDatabase) async throws -> [AuditEvent] {
        try await db.raw("SELECT * FROM audit_events WHERE declaration_id = \(bind: declarationID) ORDER BY sequence").all().map { row in
            AuditEvent(
                sequence: try row.int("sequence"), declarationID: try row.int64("declaration_id"), actor: try row.string("actor"),
                at: try row.int64("at"), action: try row.string("action"), before: try row.string("before_state"),
                after: try row.string("after_state"), previousHash: try row.string("previous_hash"), hash: try row.string("hash"))
        }
    }

    /// Every declaration whose chain is broken, with the first event that does not fit.
    public static func verifyAll(_ database: Database) async throws -> [AuditEvent] {
        try await database.read { db in
            var broken: [AuditEvent] = []
            for row in try await db.raw("SELECT id FROM declarations ORDER BY id").all() {
                let events = try await events(of: try row.int64("id"), on: db)
                if let first = AuditChain.firstBroken(events, hash: Secrets.sha256Hex) { broken.append(first) }
            }
            return broken
        }
    }
}
