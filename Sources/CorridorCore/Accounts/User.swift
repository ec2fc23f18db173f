import Foundation

/// A person who signs in to Corridor.
public struct User: Sendable, Equatable, Codable {
    public var id: Int64
    public var email: String
    public var name: String
    public var roles: [Role]
    public var disabled: Bool
    /// The language the person chose for the pages (a language tag such as "fr"), if any.
    public var language: String?

    public init(id: Int64, email: String, name: String, roles: [Role], disabled: Bool = false, language: String? = nil) {
        self.id = id
        self.email = email
        self.name = name
        self.roles = roles
        self.disabled = disabled
        self.language = language
    }

    public var actor: Actor { .user(id: id, email: email, roles: roles) }
}

/// An account as requested, before it is checked and stored.
public struct NewUser: Sendable, Equatable {
    public var email: String
    public var name: String
    public var password: String
    public var roles: [Role]

    public init(email: String, name: String, password: String, roles: [Role]) {
        self.email = email
        self.name = name
        self.password = password
        self.roles = roles
    }

    /// Checks every field and reports all problems at once.
    public func validated() throws(DomainError) -> NewUser {
        var problems = ProblemList()
        var copy = self
        do { copy.email = try CredentialRules.normalisedEmail(email) } catch { problems.add(contentsOf: error) }
        do { try CredentialRules.checkPassword(password) } catch { problems.add(contentsOf: error) }
        copy.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if copy.name.isEmpty { copy.name = String(copy.email.split(separator: "@").first ?? "") }
        if roles.isEmpty { problems.add(field: "role", "a user needs at least one role") }
        try problems.check()
        return copy
    }
}

/// An API token as listed to its owner: never the secret itself, only its first characters.
public struct APITokenInfo: Sendable, Equatable, Codable {
    public var id: Int64
    public var name: String
    public var prefix: String
    public var createdAt: Int64
    public var lastUsedAt: Int64?
    public var revokedAt: Int64?

    public init(id: Int64, name: String, prefix: String, createdAt: Int64, lastUsedAt: Int64?, revokedAt: Int64?) {
        self.id = id
        self.name = name
        self.prefix = prefix
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.revokedAt = revokedAt
    }
}
