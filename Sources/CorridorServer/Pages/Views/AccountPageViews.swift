/// The views of sign-in, administration and the signed-in user's own account.

struct LoginPageView: PageView {
    static let template = "login"
    /// The sign-in form's own double-submit token: there is no session yet.
    let csrf: String
    let next: String
    var error: String? = nil
    var email = ""
}

struct AdminPageView: PageView {
    static let template = "admin"

    struct User: Sendable {
        let email: String
        let name: String
        let roles: String
    }

    let users: [User]
    let types: [LabelledValue]
    let roles: [ValueRow]
    let organisations: [CodeRow]
    let countries: [CountryChoice]
    var notice: String? = nil
    var error: String? = nil
    var details: [TextRow] = []
}

struct AccountPageView: PageView {
    static let template = "account"

    struct RoleRow: Sendable {
        let label: String
    }

    struct Token: Sendable {
        let id: Int64
        let name: String
        let prefix: String
        let revoked: Bool
    }

    struct Webhook: Sendable {
        let id: Int64
        let org: String
        let url: String
        let delivered: Int
        let pending: Int
        let failing: Int
    }

    /// A receiver just registered, with its secret shown once.
    struct NewWebhook: Sendable {
        let url: String
        let secret: String
    }

    let email: String
    let name: String
    let roles: [RoleRow]
    let tokens: [Token]
    /// A token just created, shown once.
    let newToken: String?
    let canWebhook: Bool
    let orgs: [CodeRow]
    let webhooks: [Webhook]
    let newWebhook: NewWebhook?
    let webhookError: String?
}
