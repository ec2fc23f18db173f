import CorridorCore
import Foundation
import SQLKit

/// Events wait here for delivery. They are written in the same transaction as the change they
/// describe, so an event exists exactly when its change does, and delivery (slow, failing,
/// retried) never holds a declaration up.
public enum WebhookOutbox {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    /// One delivery per active webhook of the event's organisation, in one statement.
    static func enqueue(_ event: DeclarationEvent, on db: any SQLDatabase) async throws {
        let payload = String(decoding: try encoder.encode(event), as: UTF8.self)
        try await db.raw(
            """
            INSERT INTO webhook_deliveries (webhook_id, event, payload, attempts, next_attempt_at, created_at)
            SELECT w.id, \(bind: event.event), \(bind: payload), 0, \(bind: event.at), \(bind: UnixTime.now())
            FROM webhooks w JOIN organisations o ON o.id = w.org_id WHERE o.code = \(bind: event.org) AND w.revoked_at IS NULL
            """
        ).run()
    }

    /// A delivery that is due, with what signing it needs.
    public struct Due: Sendable {
        public var id: Int64
        public var url: String
        public var secret: String
        public var event: String
        public var payload: String
        public var attempts: Int
    }

    /// How long a claimed delivery stays with the server that claimed it: longer than posting a
    /// whole claim takes (each post times out after 10 s). A server that dies holding a claim only
    /// delays those deliveries until it runs out.
    public static let claimSeconds: Int64 = 300

    /// Claims up to `limit` due deliveries for this server alone: they stop being due for every
    /// other server (several may share the database) until `record` or the claim's end. On
    /// PostgreSQL, rows another server is claiming at the same moment are skipped, not waited for.
    public static func claim(_ database: Database, now: Int64 = UnixTime.now(), limit: Int = 10) async throws -> [Due] {
        try await database.transaction { db in
            let ids = try await db.raw(
                """
                UPDATE webhook_deliveries SET next_attempt_at = \(bind: now + claimSeconds)
                WHERE id IN (
                    SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
                    WHERE d.delivered_at IS NULL AND d.next_attempt_at <= \(bind: now) AND d.attempts < \(bind: WebhookRules.maximumAttempts)
                      AND w.revoked_at IS NULL
                    ORDER BY d.next_attempt_at, d.id LIMIT \(unsafeRaw: String(limit)) \(unsafeRaw: database.dialect.skipLockedRows))
                  AND delivered_at IS NULL AND next_attempt_at <= \(bind: now)
                RETURNING id
                """
            ).all().map { try $0.int64("id") }
            guard !ids.isEmpty else { return [] }
            return try await db.raw(
                """
                SELECT d.id, d.event, d.payload, d.attempts, w.url, w.secret FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
                WHERE d.id IN (\(binds: ids)) ORDER BY d.id
                """
            ).all().map { row in
                Due(
                    id: try row.int64("id"), url: try row.string("url"), secret: try row.string("secret"), event: try row.string("event"),
                    payload: try row.string("payload"), attempts: try row.int("attempts"))
            }
        }
    }

    /// Records one attempt of a claimed delivery: delivered, or the next try pushed back by the
    /// backoff rule (which also ends the claim).
    public static func record(_ delivery: Due, status: Int?, error: String?, database: Database, now: Int64 = UnixTime.now()) async throws {
        let attempts = delivery.attempts + 1
        let delivered = status.map { (200..<300).contains($0) } ?? false
        try await database.transaction { db in
            try await db.raw(
                """
                UPDATE webhook_deliveries SET attempts = \(bind: attempts), last_status = \(bind: status), last_error = \(bind: error),
                    delivered_at = \(bind: delivered ? now : nil), next_attempt_at = \(bind: now + WebhookRules.delay(afterAttempt: attempts))
                WHERE id = \(bind: delivery.id)
                """
            ).run()
        }
    }
}

extension DeclarationEvent {
    init(declaration d: DeclarationView, event: String, at time: Int64) {
        self.init(
            event: event, declarationId: d.id, reference: d.reference, org: d.org, destination: d.destination, state: d.state,
            lane: d.lane, version: d.version, at: time)
    }
}
