import Foundation
import CorridorCore
import HummingbirdBcrypt
import NIOPosix
import SQLKit

/// Accounts and their roles.
public struct UserRepository: Sendable {
    let database: Database
    /// bcrypt work factor; tests lower it to stay fast, production keeps the default.
    let bcryptCost: UInt8

    public func create(_ input: NewUser, by actor: Actor) async throws -> User {
        try Policy.authorize(actor, .createUser)
        let valid = try input.validated()
        let hash = try await PasswordHashing.hash(valid.password, cost: bcryptCost)
        return try await database.transaction { db in try await Self.insert(valid, passwordHash: hash, on: db) }
    }

    /// Stores a user whose password was hashed already (the demo shares one hash across accounts).
    static func insert(_ valid: NewUser, passwordHash: String, on db: any SQLDatabase) async throws -> User {
        if try await db.raw("SELECT id FROM users WHERE email = \(bind: valid.email)").first() != nil {
            throw DomainError.conflict(
                "a user with e-mail \(valid.email) already exists",
                [Problem(field: "email", problem: "already registered")])
        }
        var problems = ProblemList()
        var scopes: [(role: Role, orgID: Int64?, country: String?)] = []
        for role in valid.roles {
            var orgID: Int64?
            if let code = role.orgCode {
                orgID = try await OrganisationRepository.find(code: code, on: db)?.id
                if orgID == nil { problems.add(field: "org", "no organisation has code \(code)") }
            }
            if let country = role.country, try await !ReferenceRepository.countryExists(country, on: db) {
                problems.add(field: "country", "'\(country)' is not a known country")
            }
            scopes.append((role, orgID, role.country))
        }
        try problems.check()
        guard
            let id = try await db.raw(
                """
                INSERT INTO users (email, name, password_hash, created_at)
                VALUES (\(bind: valid.email), \(bind: valid.name), \(bind: passwordHash), \(bind: UnixTime.now()))
                RETURNING id
                """
            ).first()?.int64("id")
        else { throw DomainError.conflict("the user was not stored") }
        for scope in scopes {
            try await db.raw(
                """
                INSERT INTO user_roles (user_id, role, org_id, country)
                VALUES (\(bind: id), \(bind: scope.role.kind.rawValue), \(bind: scope.orgID), \(bind: scope.country))
                """
            ).run()
        }
        return User(id: id, email: valid.email, name: valid.name, roles: valid.roles)
    }

    public func all(by actor: Actor) async throws -> [User] {
        try Policy.authorize(actor, .readUsers)
        return try await database.read { db in
            let rows = try await db.raw("SELECT id, email, name, disabled, language FROM users ORDER BY email").all()
            var users: [User] = []
            for row in rows { users.append(try await Self.user(row, on: db)) }
            return users
        }
    }

    public func find(email: String) async throws -> User? {
        try await database.read { db in
            guard
                let row = try await db.raw(
                    "SELECT id, email, name, disabled, language FROM users WHERE email = \(bind: email.lowercased())"
                ).first()
            else { return nil }
            return try await Self.user(row, on: db)
        }
    }

    public func find(id: Int64) async throws -> User? {
        try await database.read { db in try await Self.find(id: id, on: db) }
    }

    static func find(id: Int64, on db: any SQLDatabase) async throws -> User? {
        guard let row = try await db.raw("SELECT id, email, name, disabled, language FROM users WHERE id = \(bind: id)").first()
        else { return nil }
        return try await user(row, on: db)
    }

    /// A role from a row of `user_roles` with its organisation's code; nil for a row without one
    /// (a user with no role, in a LEFT JOIN).
    static func role(_ row: any SQLRow, countryColumn: String) throws -> Role? {
        guard let kind = try row.optionalString("role") else { return nil }
        return try Role.parse(kind: kind, orgCode: try row.optionalString("org_code"), country: try row.optionalString(countryColumn))
    }

    static func user(_ row: any SQLRow, on db: any SQLDatabase) async throws -> User {
        let id = try row.int64("id")
        let roleRows = try await db.raw(
            """
            SELECT r.role, o.code AS org_code, r.country FROM user_roles r
            LEFT JOIN organisations o ON o.id = r.org_id WHERE r.user_id = \(bind: id) ORDER BY r.id
            """
        ).all()
        let roles = try roleRows.compactMap { try role($0, countryColumn: "country") }
        return User(
            id: id, email: try row.string("email"), name: try row.string("name"), roles: roles,
            disabled: try row.int("disabled") != 0, language: try row.optionalString("language"))
    }

    /// Keeps the language a person chose for the pages; nil goes back to their browser's.
    public func setLanguage(_ language: String?, of userID: Int64, by actor: Actor) async throws {
        try Policy.authorize(actor, .updateOwnAccount, .account(ownerID: userID))
        if let language, language.count > 8 || !language.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) {
            throw DomainError.invalid(field: "language", "is not a language tag")
        }
        try await database.transaction { db in
            try await db.raw("UPDATE users SET language = \(bind: language) WHERE id = \(bind: userID)").run()
        }
    }
}

/// bcrypt is deliberately slow; it runs on the blocking thread pool, never on an event loop.
enum PasswordHashing {
    static func hash(_ password: String, cost: UInt8) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }
}
