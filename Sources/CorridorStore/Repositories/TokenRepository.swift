import Foundation
import CorridorCore
import SQLKit

/// API tokens for scripts and other systems (`Authorization: Bearer …`), stored hashed, revocable.
public struct TokenRepository: Sendable {
    let database: Database

    /// Creates a token for `ownerID`; the secret is returned once and never again.
    public func create(for ownerID: Int64, name: String, by actor: Actor) async throws -> (secret: String, info: APITokenInfo) {
        try Policy.authorize(actor, .createToken, .account(ownerID: ownerID))
        let label = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(label.count) else { throw DomainError.invalid(field: "name", "must be 1 to 100 characters") }
        let secret = Secrets.randomToken(prefix: "cor_")
        let prefix = String(secret.prefix(12))
        let now = UnixTime.now()
        let id = try await database.transaction { db -> Int64 in
            guard try await UserRepository.find(id: ownerID, on: db) != nil else {
                throw DomainError.notFound("no user with id \(ownerID)")
            }
            guard
                let id = try await db.raw(
                    """
                    INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at)
                    VALUES (\(bind: ownerID), \(bind: label), \(bind: Secrets.sha256Hex(secret)), \(bind: prefix), \(bind: now))
                    RETURNING id
                    """
                ).first()?.int64("id")
            else { throw DomainError.conflict("the token was not stored") }
            return id
        }
        return (secret, APITokenInfo(id: id, name: label, prefix: prefix, createdAt: now, lastUsedAt: nil, revokedAt: nil))
    }

    public func list(of ownerID: Int64, by actor: Actor) async throws -> [APITokenInfo] {
        try Policy.authorize(actor, .readTokens, .account(ownerID: ownerID))
        return try await database.read { db in
            try await db.raw("SELECT * FROM api_tokens WHERE user_id = \(bind: ownerID) ORDER BY id").all().map(Self.info)
        }
    }

    public func revoke(id: Int64, by actor: Actor) async throws -> APITokenInfo {
        try await database.transaction { db in
            guard let row = try await db.raw("SELECT * FROM api_tokens WHERE id = \(bind: id)").first() else {
                throw DomainError.notFound("no API token with id \(id)")
            }
            try Policy.authorize(actor, .revokeToken, .account(ownerID: try row.int64("user_id")))
            var info = try Self.info(row)
            if info.revokedAt == nil {
                let now = UnixTime.now()
                try await db.raw("UPDATE api_tokens SET revoked_at = \(bind: now) WHERE id = \(bind: id)").run()
                info.revokedAt = now
            }
            return info
        }
    }

    /// The user a bearer token speaks for, or nil when it is unknown or revoked.
    public func authenticate(_ secret: String) async throws -> User? {
        let now = UnixTime.now()
        guard let found = try await CredentialLookup.apiToken(hash: Secrets.sha256Hex(secret)).find(in: database) else { return nil }
        let (tokenID, lastUsed) = (try found.credential.int64("credential_id"), try found.credential.optionalInt64("last_used_at"))
        // Record use at most once a minute, to keep reads from turning into writes; as a
        // transaction, so it queues behind other writers instead of blocking a thread.
        if (lastUsed ?? 0) < now - 60 {
            try await database.transaction { db in
                try await db.raw("UPDATE api_tokens SET last_used_at = \(bind: now) WHERE id = \(bind: tokenID)").run()
            }
        }
        return found.user
    }

    static func info(_ row: any SQLRow) throws -> APITokenInfo {
        APITokenInfo(
            id: try row.int64("id"), name: try row.string("name"), prefix: try row.string("prefix"),
            createdAt: try row.int64("created_at"), lastUsedAt: try row.optionalInt64("last_used_at"),
            revokedAt: try row.optionalInt64("revoked_at"))
    }
}
