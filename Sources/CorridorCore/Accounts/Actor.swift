import Foundation

/// Who is asking. Every decision of the authorization policy starts from one of these.
public enum Actor: Sendable, Equatable {
    case anonymous
    case user(id: Int64, email: String, roles: [Role])
    /// Someone at the server's console (the `corridor` command), who holds the database itself
    /// and so acts with an administrator's rights.
    case console

    public var roles: [Role] { if case .user(_, _, let roles) = self { roles } else { [] } }
    public var userID: Int64? { if case .user(let id, _, _) = self { id } else { nil } }
    public var isAdmin: Bool { self == .console || roles.contains(.admin) }

    public func isMember(of orgCode: String) -> Bool { roles.contains(.orgMember(orgCode: orgCode)) }
    public func isCustomsOfficer(of country: String) -> Bool { roles.contains(.customsOfficer(country: country)) }
    /// The countries whose customs administration the caller acts for.
    public var customsCountries: [String] {
        roles.compactMap { role in if case .customsOfficer(let country) = role { country } else { nil } }
    }
    public var isGlobalCoordinator: Bool { roles.contains(.coordinator(country: nil)) }
    public func isCoordinator(of country: String) -> Bool {
        isGlobalCoordinator || roles.contains(.coordinator(country: country))
    }
}
