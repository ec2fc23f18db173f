import CorridorCore
import CorridorStore
import Foundation
import Hummingbird

/// Warehouses and hubs: listed to everyone as their sharing level allows, managed by their organisation.
struct SiteController {
    let store: Store

    struct SiteDTO: ResponseEncodable, Sendable {
        var id: Int64
        var org: String
        var code, name, country: String
        var adm1: String?
        var lat, lon: Double
        var tier, sharing: String
        var capacityM3, freeM3: Double?
        init(_ s: Site) {
            (id, org, code, name, country, adm1, lat, lon) = (s.id, s.orgCode, s.code, s.name, s.country, s.adm1, s.lat, s.lon)
            (tier, sharing, capacityM3, freeM3) = (s.tier.rawValue, s.sharing.rawValue, s.capacityM3, s.freeM3)
        }
    }

    struct MinimumInput: Decodable { var minimum: String }

    func addRoutes(to group: RouterGroup<CorridorRequestContext>) {
        group.put("sites/{id}/minimums/{item}") { request, context in
            guard let id = Int64(try request.required("id", context)) else { throw DomainError.notFound("no such site") }
            let item = try request.required("item", context)
            if context.actor == .anonymous { throw DomainError.unauthenticated("sign in first") }
            if let site = try await store.sites.find(id: id, visibleTo: context.actor) {
                try Policy.authorize(context.actor, .manageSites, .organisation(code: site.orgCode))
            }
            let input = try await request.decodeJSON(MinimumInput.self, context: context)
            guard case .success(let minimum) = Quantity.parse(input.minimum) else {
                throw DomainError.invalid(field: "minimum", "'\(input.minimum)' is not a quantity")
            }
            try await store.stock.setMinimum(siteID: id, itemCode: item, minimum: minimum, by: context.actor)
            return Response(status: .noContent)
        }
        group.get("sites") { request, context in
            let query = QueryParameters(request)
            return ItemList(
                items: try await store.sites.visible(to: context.actor, country: try query.country(), org: query["org"]).map(SiteDTO.init))
        }
        group.get("sites/{id}") { request, context in
            guard let id = Int64(try request.required("id", context)),
                let site = try await store.sites.find(id: id, visibleTo: context.actor)
            else {
                throw DomainError.notFound("no such site")
            }
            return SiteDTO(site)
        }
        group.post("sites") { request, context in
            let org = try QueryParameters(request).required("org")
            try Policy.authorize(context.actor, .manageSites, .organisation(code: org.uppercased()))
            let input = try await request.decodeJSON(SiteInput.self, context: context)
            let site = try await store.sites.create(input, org: org, by: context.actor)
            return EditedResponse(status: .created, headers: [.location: "/api/v1/sites/\(site.id)"], response: SiteDTO(site))
        }
        group.put("sites/{id}") { request, context in
            guard let id = Int64(try request.required("id", context)) else { throw DomainError.notFound("no such site") }
            if context.actor == .anonymous { throw DomainError.unauthenticated("sign in first") }
            if let site = try await store.sites.find(id: id, visibleTo: context.actor) {
                try Policy.authorize(context.actor, .manageSites, .organisation(code: site.orgCode))
            }
            let input = try await request.decodeJSON(SiteInput.self, context: context)
            return SiteDTO(try await store.sites.update(id: id, with: input, by: context.actor))
        }
    }
}
