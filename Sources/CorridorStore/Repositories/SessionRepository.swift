import Foundation
import CorridorCore
import SQLKit

/// Browser sessions. The cookie holds a random token; the database holds only its hash and the
/// session's CSRF token, which every form must echo.
public struct SessionRepository: Sendable {
    let database: Database
    public static let lifetimeSeconds: Int64 = 12 * 3600

    public struct Session: Sendable, Equatable {
        public var user: User
        public var csrfToken: String
    }

    /// Starts a session; returns the cookie value (shown once) and the CSRF token.
    public func start(for user: User, now: Int64 = UnixTime.now()) async throws -> (token: String, csrf: String) {
        let token = Secrets.randomToken(prefix: "s_")
        let csrf = Secrets.randomToken(bytes: 24)
        try await database.transaction { db in
            try await db.raw(
                """
                INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)
                VALUES (\(bind: Secrets.sha256Hex(token)), \(bind: user.id), \(bind: csrf), \(bind: now),
                        \(bind: now + Self.lifetimeSeconds))
                """
            ).run()
            try await db.raw("DELETE FROM sessions WHERE expires_at < \(bind: now)").run()
        }
        return (token, csrf)
    }

    public func find(token: String, now: Int64 = UnixTime.now()) async throws -> Session? {
        guard let found = try await CredentialLookup.session(hash: Secrets.sha256Hex(token), now: now).find(in: database) else {
            return nil
        }
        return Session(user: found.user, csrfToken: try found.credential.string("csrf_token"))
    }

    public func end(token: String) async throws {
        try await database.transaction { db in
            try await db.raw("DELETE FROM sessions WHERE token_hash = \(bind: Secrets.sha256Hex(token))").run()
        }
    }
}
