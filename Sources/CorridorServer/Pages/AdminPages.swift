import Foundation
import CorridorCore
import CorridorLanguages
import CorridorStore
import Hummingbird

/// Administration in the browser: organisations and users. Each form goes through the same
/// repositories (and so the same policy) as the API.
struct AdminPages {
    let store: Store
    let pages: PageRenderer

    func addRoutes(to router: RouterGroup<CorridorRequestContext>) {
        router.get("admin") { request, context in
            try Policy.authorize(context.actor, .readAdministration)
            return try await adminPage(context: context, notice: request.uri.queryParameters["done"].map(String.init))
        }
        router.post("admin/organisations") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            do {
                let org = try await store.organisations.create(
                    NewOrganisation(
                        code: fields["code"] ?? "", name: fields["name"] ?? "", type: fields["type"] ?? "",
                        hqCountry: fields["hq_country"] ?? ""), by: context.actor)
                return Response(status: .seeOther, headers: [.location: "/admin?done=Organisation%20\(org.code)%20added"])
            } catch let error as DomainError where error.status == .unprocessableContent || error.status == .conflict {
                return try await adminPage(context: context, problems: error, status: error.status)
            }
        }
        router.post("admin/users") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            do {
                let role = try Role.parse(kind: fields["role"] ?? "", orgCode: fields["org"], country: fields["country"])
                let user = try await store.users.create(
                    NewUser(
                        email: fields["email"] ?? "", name: fields["name"] ?? "", password: fields["password"] ?? "",
                        roles: [role]), by: context.actor)
                return Response(status: .seeOther, headers: [.location: "/admin?done=User%20\(user.email)%20added"])
            } catch let error as DomainError where error.status == .unprocessableContent || error.status == .conflict {
                return try await adminPage(context: context, problems: error, status: error.status)
            }
        }
    }

    private func adminPage(
        context: CorridorRequestContext, notice: String? = nil, problems: DomainError? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let users = try await store.users.all(by: context.actor)
        let view = AdminPageView(
            users: users.map { .init(email: $0.email, name: $0.name, roles: $0.roles.map(\.label).joined(separator: ", ")) },
            types: OrganisationType.allCases.map { LabelledValue(value: $0.rawValue, label: StockWords.organisationType($0)) },
            // The least privileged role first, so the form never defaults to making an administrator.
            roles: [Role.Kind.orgMember, .customsOfficer, .coordinator, .admin].map { ValueRow(value: $0.rawValue) },
            organisations: CodeRow.list(try await store.organisations.all().map(\.code)),
            countries: CountryChoice.list(try await store.reference.countries(), selected: nil),
            notice: notice, error: problems.map { Localizer.current.string($0.phrase) }, details: TextRow.located(problems?.problems ?? []))
        return pages.page(view, title: L("Administration"), context: context, path: "/admin", status: status)
    }
}

/// The signed-in user's own account: roles and API tokens.
struct AccountPages {
    let store: Store
    let pages: PageRenderer

    func addRoutes(to router: RouterGroup<CorridorRequestContext>) {
        router.get("account") { request, context in
            try await accountPage(context: context, newToken: nil)
        }
        router.post("account/tokens") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            guard let id = context.actor.userID else { throw DomainError.unauthenticated("sign in first") }
            let created = try await store.tokens.create(for: id, name: fields["name"] ?? "", by: context.actor)
            return try await accountPage(context: context, newToken: created.secret)
        }
        router.post("account/webhooks") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            do {
                let created = try await store.webhooks.register(org: fields["org"] ?? "", url: fields["url"] ?? "", by: context.actor)
                return try await accountPage(context: context, newToken: nil, newWebhook: created)
            } catch let error as DomainError where error.status == .unprocessableContent {
                return try await accountPage(
                    context: context, newToken: nil,
                    webhookError: error.problems.first.map { Localizer.current.string($0.phrase) } ?? Localizer.current.message(error))
            }
        }
        router.post("account/webhooks/{id}/revoke") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            guard let id = Int64(try request.required("id", context)) else { throw DomainError.notFound("no such webhook") }
            try await store.webhooks.revoke(org: fields["org"] ?? "", id: id, by: context.actor)
            return Response(status: .seeOther, headers: [.location: "/account#webhooks"])
        }
        router.post("account/tokens/{id}/revoke") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            guard let id = Int64(try request.required("id", context)) else { throw DomainError.notFound("no such token") }
            _ = try await store.tokens.revoke(id: id, by: context.actor)
            return Response(status: .seeOther, headers: [.location: "/account"])
        }
    }

    private func accountPage(
        context: CorridorRequestContext, newToken: String?, newWebhook: WebhookRepository.Webhook? = nil,
        webhookError: String? = nil
    ) async throws -> Response {
        try Policy.authorize(context.actor, .readOwnAccount)
        guard let id = context.actor.userID, let user = try await store.users.find(id: id) else {
            throw DomainError.unauthenticated("sign in first")
        }
        let tokens = try await store.tokens.list(of: id, by: context.actor)
        // Webhooks of the organisations the user acts for: one secret per receiver, shown once.
        let orgs = user.roles.compactMap(\.orgCode)
        var hooks: [AccountPageView.Webhook] = []
        for org in orgs {
            for hook in try await store.webhooks.list(org: org, by: context.actor) {
                hooks.append(
                    .init(
                        id: hook.id, org: hook.org, url: hook.url, delivered: hook.delivered, pending: hook.pending,
                        failing: hook.failing))
            }
        }
        let view = AccountPageView(
            email: user.email, name: user.name, roles: user.roles.map { .init(label: $0.label) },
            tokens: tokens.map { .init(id: $0.id, name: $0.name, prefix: $0.prefix, revoked: $0.revokedAt != nil) },
            newToken: newToken, canWebhook: !orgs.isEmpty, orgs: CodeRow.list(orgs), webhooks: hooks,
            newWebhook: newWebhook.map { .init(url: $0.url, secret: $0.secret ?? "") }, webhookError: webhookError)
        return pages.page(view, title: L("My account"), context: context, path: "/account")
    }
}
