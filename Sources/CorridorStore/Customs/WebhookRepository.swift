import CorridorCore
import Foundation
import SQLKit

/// Webhook subscriptions of organisations: a URL and a secret shared with the receiver.
public struct WebhookRepository: Sendable {
    let database: Database
    /// Where receivers may be; the deliverer checks each delivery against it again.
    public let targets: WebhookTargets

    public struct Webhook: Sendable, Codable, Equatable {
        public var id: Int64
        public var org: String
        public var url: String
        public var createdAt: Int64
        /// Shown once, when the webhook is registered; the receiver keeps it to check signatures.
        public var secret: String?
        public var pending: Int
        public var delivered: Int
        public var failing: Int
    }

    public func register(org: String, url rawURL: String, by actor: Actor) async throws -> Webhook {
        try Policy.authorize(actor, .manageWebhooks, .organisation(code: org.uppercased()))
        let (url, host) = try targets.checkedURL(rawURL)
        if !targets.isAllowedAnyway(host) { try targets.check(try await HostResolver.addresses(of: host), host: host) }
        let secret = Secrets.randomToken(prefix: "whsec_", bytes: 32)
        let now = UnixTime.now()
        let id = try await database.transaction { db -> Int64 in
            guard let organisation = try await OrganisationRepository.find(code: org, on: db) else {
                throw DomainError.notFound("no organisation \(org)")
            }
            guard
                let id = try await db.raw(
                    """
                    INSERT INTO webhooks (org_id, url, secret, created_at) VALUES (\(bind: organisation.id), \(bind: url), \(bind: secret), \(bind: now))
                    RETURNING id
                    """
                ).first()?.int64("id")
            else { throw DomainError.internalFailure("the webhook was not stored") }
            return id
        }
        return Webhook(id: id, org: org.uppercased(), url: url, createdAt: now, secret: secret, pending: 0, delivered: 0, failing: 0)
    }

    public func list(org: String, by actor: Actor) async throws -> [Webhook] {
        try Policy.authorize(actor, .manageWebhooks, .organisation(code: org.uppercased()))
        return try await database.read { db in
            try await db.raw(
                """
                SELECT w.id, w.url, w.created_at,
                    (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.delivered_at IS NULL AND d.attempts = 0) AS pending,
                    (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.delivered_at IS NOT NULL) AS delivered,
                    (SELECT COUNT(*) FROM webhook_deliveries d WHERE d.webhook_id = w.id AND d.delivered_at IS NULL AND d.attempts > 0) AS failing
                FROM webhooks w JOIN organisations o ON o.id = w.org_id
                WHERE o.code = \(bind: org.uppercased()) AND w.revoked_at IS NULL ORDER BY w.id
                """
            ).all().map { row in
                Webhook(
                    id: try row.int64("id"), org: org.uppercased(), url: try row.string("url"), createdAt: try row.int64("created_at"),
                    secret: nil, pending: try row.int("pending"), delivered: try row.int("delivered"), failing: try row.int("failing"))
            }
        }
    }

    public func revoke(org: String, id: Int64, by actor: Actor) async throws {
        try Policy.authorize(actor, .manageWebhooks, .organisation(code: org.uppercased()))
        try await database.transaction { db in
            guard
                try await db.raw(
                    """
                    UPDATE webhooks SET revoked_at = \(bind: UnixTime.now())
                    WHERE id = \(bind: id) AND revoked_at IS NULL AND org_id = (SELECT id FROM organisations WHERE code = \(bind: org.uppercased()))
                    RETURNING id
                    """
                ).first() != nil
            else { throw DomainError.notFound("no active webhook \(id) for \(org.uppercased())") }
        }
    }
}
