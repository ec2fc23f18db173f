import CorridorCore
import CorridorStore
import Foundation
import Hummingbird

/// What clearance needs around the declarations: obligations after release, counts for
/// coordinators, the countries' selectivity rules, organisations' webhooks, re-exports, and the
/// catalogue's indicative values.
struct ClearanceController {
    let store: Store

    struct VersionInput: Decodable { var version: Int64 }
    struct WebhookInput: Decodable { var url: String }
    /// An amount of US dollars, as a string ("0.02") or a JSON number, read from its digits and
    /// kept exact; null clears it. The key must be present, so a misspelt one cannot clear a value.
    struct ValueInput: Decodable {
        var valueUsd: Quantity?
        enum CodingKeys: String, CodingKey { case valueUsd }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            if try container.decodeNil(forKey: .valueUsd) { valueUsd = nil; return }
            let text: String
            if let written = try? container.decode(String.self, forKey: .valueUsd) {
                text = written
            } else {
                text = "\(try container.decode(Decimal.self, forKey: .valueUsd))"
            }
            switch Quantity.parse(text) {
            case .success(let value): valueUsd = value
            case .failure(let problem): throw DomainError.invalid(field: "value_usd", "'\(text)' \(problem)")
            }
        }
    }

    func addRoutes(to group: RouterGroup<CorridorRequestContext>) {
        group.get("declarations/obligations") { _, context in
            guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in to see obligations") }
            return try await store.declarations.obligations(by: context.actor)
        }
        group.get("declarations/summary") { _, context in
            try await store.declarations.summary(by: context.actor)
        }
        group.post("declarations/{id}/lines/{line}/re-export") { request, context in
            try Policy.authorizeForSomeScope(context.actor, .recordReExport)
            guard let id = Int64(try request.required("id", context)),
                let declaration = try await store.declarations.view(id: id, by: context.actor)
            else {
                throw DomainError.notFound("no such declaration")
            }
            try Policy.authorize(context.actor, .recordReExport, .country(declaration.destination))
            guard let line = Int(try request.required("line", context)) else {
                throw DomainError.invalid(field: "line", "must be a line number")
            }
            let input = try await request.decodeJSON(VersionInput.self, context: context)
            return try await store.declarations.recordReExport(id: id, line: line, version: input.version, by: context.actor)
        }
        group.get("countries/{iso}/selectivity-rules") { request, context in
            let iso = try request.country(context)
            try Policy.authorize(context.actor, .manageSelectivityRules, .country(iso))
            return try await store.selectivityRules.get(country: iso)
        }
        group.put("countries/{iso}/selectivity-rules") { request, context in
            let iso = try request.country(context)
            try Policy.authorize(context.actor, .manageSelectivityRules, .country(iso))
            let rules = try await request.decodeJSON(SelectivityRuleSet.self, context: context)
            return try await store.selectivityRules.put(country: iso, rules, by: context.actor)
        }
        group.get("organisations/{code}/webhooks") { request, context in
            let org = try request.required("code", context)
            return ItemList(items: try await store.webhooks.list(org: org, by: context.actor))
        }
        group.post("organisations/{code}/webhooks") { request, context in
            let org = try request.required("code", context)
            try Policy.authorize(context.actor, .manageWebhooks, .organisation(code: org.uppercased()))
            let input = try await request.decodeJSON(WebhookInput.self, context: context)
            let hook = try await store.webhooks.register(org: org, url: input.url, by: context.actor)
            return EditedResponse(status: .created, response: hook)
        }
        group.delete("organisations/{code}/webhooks/{id}") { request, context -> Response in
            let org = try request.required("code", context)
            try Policy.authorize(context.actor, .manageWebhooks, .organisation(code: org.uppercased()))
            guard let id = Int64(try request.required("id", context)) else { throw DomainError.notFound("no such webhook") }
            try await store.webhooks.revoke(org: org, id: id, by: context.actor)
            return Response(status: .noContent)
        }
        group.put("items/{code}/indicative-value") { request, context in
            try Policy.authorize(context.actor, .createItem)
            let input = try await request.decodeJSON(ValueInput.self, context: context)
            return try await store.items.setIndicativeValue(
                code: try request.required("code", context), valueUSD: input.valueUsd, by: context.actor)
        }
    }
}

extension DeclarationRepository.Obligations: ResponseEncodable {}
extension DeclarationRepository.Summary: ResponseEncodable {}
extension SelectivityRuleRepository.Stored: ResponseEncodable {}
extension WebhookRepository.Webhook: ResponseEncodable {}
