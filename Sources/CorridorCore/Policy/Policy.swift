import Foundation

/// The single authorization policy. Routes and commands ask it; nobody else decides.
public enum Policy {
    public enum Decision: Sendable, Equatable {
        case allow
        /// No identity, and the action needs one: 401.
        case needsIdentity
        /// An identity that lacks the right: 403.
        case deny
    }

    public static func decide(_ actor: Actor, _ action: Action, _ resource: Resource = .system) -> Decision {
        switch action {
        case .readReferenceData, .readOrganisations:
            return .allow
        default:
            break
        }
        if actor.isAdmin { return .allow }
        guard case .user(let userID, _, _) = actor else { return .needsIdentity }
        switch (action, resource) {
        case (.readOwnAccount, _):
            return .allow
        case (.createToken, .account(let ownerID)), (.readTokens, .account(let ownerID)),
            (.revokeToken, .account(let ownerID)), (.updateOwnAccount, .account(let ownerID)):
            return ownerID == userID ? .allow : .deny
        case (.updateOrganisation, .organisation(let code)), (.importStock, .organisation(let code)),
            (.manageItemAliases, .organisation(let code)), (.manageSites, .organisation(let code)),
            (.requestAccreditation, .organisation(let code)), (.draftDeclaration, .organisation(let code)),
            (.manageWebhooks, .organisation(let code)), (.dispatchStock, .organisation(let code)):
            return actor.isMember(of: code) ? .allow : .deny
        case (.manageEmergencies, .country(let iso)), (.decideAccreditation, .country(let iso)),
            (.manageSelectivityRules, .country(let iso)), (.recordReExport, .country(let iso)),
            (.manageCustomsProfile, .country(let iso)), (.manageExchangeRates, .country(let iso)):
            return actor.isCustomsOfficer(of: iso) ? .allow : .deny
        case (.managePreparedness, .country(let iso)):
            // The country's coordinators and its customs administration keep the checklist.
            return actor.isCoordinator(of: iso) || actor.isCustomsOfficer(of: iso) ? .allow : .deny
        case (.runScenario, _):
            return .allow
        default:
            return .deny
        }
    }

    public static func can(_ actor: Actor, _ action: Action, _ resource: Resource = .system) -> Bool {
        decide(actor, action, resource) == .allow
    }

    /// Throws the error that tells the caller why, or returns when allowed.
    public static func authorize(_ actor: Actor, _ action: Action, _ resource: Resource = .system) throws(DomainError) {
        switch decide(actor, action, resource) {
        case .allow: return
        case .needsIdentity: throw .unauthenticated("sign in or send an API token to do this")
        case .deny: throw .forbidden("your roles do not allow \(action.rawValue) here")
        }
    }
}

extension Policy {
    /// The decision for the most favourable of the caller's own scopes (its organisations and
    /// countries). Routes ask this before reading a body that names the exact scope, so that a
    /// caller who could never do the action hears 401/403 rather than about the body; the exact
    /// scope is then checked with `authorize`.
    public static func decideForSomeScope(_ actor: Actor, _ action: Action) -> Decision {
        let scopes: [Resource] = actor.roles.flatMap { role -> [Resource] in
            (role.orgCode.map { [Resource.organisation(code: $0)] } ?? []) + (role.country.map { [Resource.country($0)] } ?? [])
        }
        let decisions = ([Resource.system] + scopes).map { decide(actor, action, $0) }
        return decisions.contains(.allow) ? .allow : decisions[0]
    }

    public static func authorizeForSomeScope(_ actor: Actor, _ action: Action) throws(DomainError) {
        switch decideForSomeScope(actor, action) {
        case .allow: return
        case .needsIdentity: throw .unauthenticated("sign in or send an API token to do this")
        case .deny: throw .forbidden("your roles do not allow \(action.rawValue)")
        }
    }
}
