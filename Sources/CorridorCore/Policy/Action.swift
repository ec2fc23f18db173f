import Foundation

/// Everything a caller may try to do. New capabilities add cases here and a rule in `Policy`,
/// never a check in a route.
public enum Action: String, Sendable, CaseIterable {
    case readReferenceData
    case readOrganisations
    case createOrganisation
    case updateOrganisation
    case readUsers
    case createUser
    case readOwnAccount
    /// Change one's own settings (the language pages speak).
    case updateOwnAccount
    case createToken
    case readTokens
    case revokeToken
    case readAdministration
    case readMetrics
    case importStock
    case manageItemAliases
    case manageSites
    case createItem
    case manageEmergencies
    case requestAccreditation
    case decideAccreditation
    case draftDeclaration
    case manageWebhooks
    case manageSelectivityRules
    case manageExchangeRates
    case recordReExport
    case managePreparedness
    case manageCustomsProfile
    case managePlanningFigures
    case runScenario
    case dispatchStock
}

/// What the action is aimed at, with the scope the policy needs to decide.
public enum Resource: Sendable, Equatable {
    case system
    case organisation(code: String)
    case country(String)
    /// A user account or something it owns (an API token), identified by its user id.
    case account(ownerID: Int64)
}
