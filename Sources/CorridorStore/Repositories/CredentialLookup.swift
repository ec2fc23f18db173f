import CorridorCore
import PostgresKit
import SQLKit
import SQLiteNIO

/// How a request's credential is found, read with its user and their roles in one statement:
/// every authenticated request runs it, so PostgreSQL keeps it prepared and SQLite's read
/// connections keep it too.
enum CredentialLookup {
    /// A browser session that has not expired by `now`.
    case session(hash: String, now: Int64)
    /// An API token that is not revoked.
    case apiToken(hash: String)

    /// The enabled user the credential leads to and the credential's own columns (a session's
    /// `csrf_token`; a token's `credential_id` and `last_used_at`); nil when none matches or the
    /// user is disabled.
    func find(in database: Database) async throws -> (user: User, credential: any SQLRow)? {
        return try await database.shortReadDriver { driver in
            switch driver {
            case .sqlite(let sqlite):
                // One row per role, found by the credential's unique hash: run on the calling
                // thread (`executeHere`). SQLite reads `$1`, `$2` as parameters 1 and 2.
                var binds: [SQLiteData] = [.text(parameters.hash)]
                if let now = parameters.now { binds.append(.integer(Int(now))) }
                return try Self.user(from: try sqlite.executeHere(text.sql, binds).map { SQLiteDirectRow(values: $0) })
            case .postgres(let connection):
                var bindings = PostgresBindings()
                bindings.append(parameters.hash)
                if let now = parameters.now { bindings.append(now) }
                return try Self.user(from: try await connection.rows(of: text, bindings, logger: database.logger).map { $0.sql() })
            }
        }
    }

    /// The statement's parameters, `$1` and (for a session) `$2`.
    private var parameters: (hash: String, now: Int64?) {
        switch self {
        case .session(let hash, let now): (hash, now)
        case .apiToken(let hash): (hash, nil)
        }
    }

    /// The statement, one text for both databases.
    private var text: any PostgresKeptText.Type {
        switch self {
        case .session: SessionText.self
        case .apiToken: APITokenText.self
        }
    }

    private static let sessionColumns = "c.csrf_token"
    private static let tokenColumns = "c.id AS credential_id, c.last_used_at"
    private static let userColumns = "u.id, u.email, u.name, u.disabled, u.language, r.role, o.code AS org_code, r.country AS role_country"
    private static let joins =
        "JOIN users u ON u.id = c.user_id LEFT JOIN user_roles r ON r.user_id = u.id LEFT JOIN organisations o ON o.id = r.org_id"

    private enum SessionText: PostgresKeptText {
        static let sql =
            "SELECT \(sessionColumns), \(userColumns) FROM sessions c \(joins) WHERE c.token_hash = $1 AND c.expires_at > $2 ORDER BY r.id"
    }

    private enum APITokenText: PostgresKeptText {
        static let sql =
            "SELECT \(tokenColumns), \(userColumns) FROM api_tokens c \(joins) WHERE c.token_hash = $1 AND c.revoked_at IS NULL ORDER BY r.id"
    }

    /// One row per role (one with no role when the user has none).
    private static func user(from rows: [any SQLRow]) throws -> (user: User, credential: any SQLRow)? {
        guard let first = rows.first, try first.int("disabled") == 0 else { return nil }
        let roles = try rows.compactMap { try UserRepository.role($0, countryColumn: "role_country") }
        let user = User(
            id: try first.int64("id"), email: try first.string("email"), name: try first.string("name"), roles: roles,
            disabled: false, language: try first.optionalString("language"))
        return (user, first)
    }
}
