import Foundation
import CorridorCore
import HummingbirdBcrypt
import SQLKit

/// Checks passwords, and remembers failures per account and per address so that guessing slows
/// down and then locks (rule: `LoginThrottle` in the core: an address's lock never refuses a
/// correct password). Failures live in the database, so
/// every server instance sees them.
public struct SignInRepository: Sendable {
    let database: Database
    let throttle: LoginThrottle

    public enum Outcome: Sendable, Equatable {
        case signedIn(User)
        /// Wrong e-mail or password; the caller should wait `delayMilliseconds` before answering.
        case rejected(delayMilliseconds: Int)
    }

    /// A real bcrypt hash of a random string, checked when the e-mail is unknown so that the answer
    /// takes as long as for a known account.
    private static let decoyHash = Bcrypt.hash(Secrets.randomToken(), cost: 12)

    public func signIn(email rawEmail: String, password: String, address: String, now: Int64 = UnixTime.now()) async throws -> Outcome {
        let email = rawEmail.trimmingCharacters(in: .whitespaces).lowercased()
        let accountKey = "account:" + email, addressKey = "address:" + address
        // An account attacked past its own limit is refused even with the right password.
        if case .locked(let retry) = throttle.verdict(failures: try await failures(accountKey, now: now), now: now) {
            throw Self.locked(retry)
        }
        let stored = try await database.read { db in
            try await db.raw("SELECT id, password_hash, disabled FROM users WHERE email = \(bind: email)").first()
        }
        let hash = try stored?.string("password_hash") ?? Self.decoyHash
        let matches = try await PasswordHashing.verify(password, hash: hash)
        if matches, let stored, try stored.int("disabled") == 0 {
            let user = try await database.transaction { db in
                try await db.raw("DELETE FROM login_failures WHERE throttle_key = \(bind: accountKey)").run()
                return try await UserRepository.find(id: try stored.int64("id"), on: db)
            }
            if let user { return .signedIn(user) }
        }
        try await database.transaction { db in
            for key in [accountKey, addressKey] {
                try await db.raw("INSERT INTO login_failures (throttle_key, failed_at) VALUES (\(bind: key), \(bind: now))").run()
            }
            // Old failures are forgotten by the rule; delete them so the table stays small.
            try await db.raw("DELETE FROM login_failures WHERE failed_at < \(bind: now - Int64(throttle.windowSeconds) * 2)").run()
        }
        if case .locked(let retry) = throttle.addressVerdict(failures: try await failures(addressKey, now: now), now: now) {
            throw Self.locked(retry)
        }
        switch throttle.verdict(failures: try await failures(accountKey, now: now), now: now) {
        case .proceed(let ms): return .rejected(delayMilliseconds: ms)
        case .locked: return .rejected(delayMilliseconds: throttle.baseDelayMilliseconds)
        }
    }

    static func locked(_ retry: Int) -> DomainError {
        .locked("too many failed sign-ins; try again in \(retry / 60 + 1) minutes", retryAfterSeconds: retry)
    }

    private func failures(_ key: String, now: Int64) async throws -> [Int64] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT failed_at FROM login_failures
                WHERE throttle_key = \(bind: key) AND failed_at > \(bind: now - Int64(throttle.windowSeconds))
                """
            ).all().map { try $0.int64("failed_at") }
        }
    }
}
