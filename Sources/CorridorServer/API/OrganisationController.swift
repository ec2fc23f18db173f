import Foundation
import CorridorCore
import CorridorStore
import Hummingbird

struct OrganisationController {
    let store: Store

    struct Input: Decodable {
        var code: String
        var name: String
        var type: String
        var hqCountry: String
    }

    func addRoutes(to group: RouterGroup<CorridorRequestContext>) {
        group.get("organisations") { _, _ in
            ItemList(items: try await store.organisations.all())
        }
        group.get("organisations/{code}") { request, context in
            let code = try request.required("code", context)
            guard let org = try await store.organisations.find(code: code) else {
                throw DomainError.notFound("no organisation with code '\(code)'")
            }
            return org
        }
        group.post("organisations") { request, context in
            try Policy.authorize(context.actor, .createOrganisation)
            let input = try await request.decodeJSON(Input.self, context: context)
            let org = try await store.organisations.create(
                NewOrganisation(code: input.code, name: input.name, type: input.type, hqCountry: input.hqCountry),
                by: context.actor)
            return EditedResponse(status: .created, headers: [.location: "/api/v1/organisations/\(org.code)"], response: org)
        }
    }
}

extension Organisation: ResponseEncodable {}
