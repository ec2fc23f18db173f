import CorridorCore
import CorridorStore
import Foundation
import Hummingbird

/// Entry points, emergencies with their needs lists, and accreditation.
struct CustomsSetupController {
    let store: Store

    struct EmergencyDTO: ResponseEncodable, Sendable {
        var id: Int64
        var country, name, hazard, declared: String
        var ends: String?
        var active: Bool
        var facilities: EmergencyFacilities
        var needs: [NeedsListEntry]?
        init(_ e: Emergency, needs: [NeedsListEntry]? = nil) {
            (id, country, name, hazard, declared, ends) = (e.id, e.country, e.name, e.hazard, e.declared.description, e.ends?.description)
            (active, facilities, self.needs) = (e.isActive(on: .today()), e.facilities, needs)
        }
    }

    struct NeedInput: Decodable {
        var itemCode: String?
        var hsHeading: String?
        var priority: Int
        var note: String?
    }

    struct AccreditationRequest: Decodable { var org: String; var country: String }
    struct Decision: Decodable { var status: String; var validUntil: String?; var reason: String? }

    func addRoutes(to group: RouterGroup<CorridorRequestContext>) {
        group.get("entry-points") { request, _ in
            ItemList(items: try await store.customs.entryPoints(country: QueryParameters(request)["country"]))
        }
        group.get("emergencies") { request, _ in
            ItemList(items: try await store.customs.emergencies(country: QueryParameters(request)["country"]).map { EmergencyDTO($0) })
        }
        group.get("emergencies/{id}") { request, context in
            let emergency = try await emergency(request, context)
            return EmergencyDTO(emergency, needs: try await store.customs.needs(of: emergency.id))
        }
        group.get("emergencies/{id}/needs") { request, context in
            ItemList(items: try await store.customs.needs(of: try await emergency(request, context).id))
        }
        group.post("emergencies") { request, context in
            try Policy.authorizeForSomeScope(context.actor, .manageEmergencies)
            let input = try await request.decodeJSON(EmergencyInput.self, context: context)
            let created = try await store.customs.createEmergency(input, by: context.actor)
            return EditedResponse(
                status: .created, headers: [.location: "/api/v1/emergencies/\(created.id)"], response: EmergencyDTO(created))
        }
        group.post("emergencies/{id}/needs") { request, context in
            let emergency = try await emergency(request, context)
            try Policy.authorize(context.actor, .manageEmergencies, .country(emergency.country))
            let input = try await request.decodeJSON(NeedInput.self, context: context)
            guard let priority = NeedsListEntry.Priority(rawValue: input.priority) else {
                throw DomainError.invalid(field: "priority", "must be 1 (urgent), 2 (can wait) or 3 (not needed)")
            }
            try await store.customs.addNeed(
                NeedsListEntry(itemCode: input.itemCode, hsHeading: input.hsHeading, priority: priority, note: input.note),
                to: emergency.id, by: context.actor)
            return EditedResponse(status: .created, response: ItemList(items: try await store.customs.needs(of: emergency.id)))
        }
        group.get("accreditations") { _, context in
            guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in to see accreditations") }
            return ItemList(items: try await store.accreditations.visible(to: context.actor))
        }
        group.post("accreditations") { request, context in
            try Policy.authorizeForSomeScope(context.actor, .requestAccreditation)
            let input = try await request.decodeJSON(AccreditationRequest.self, context: context)
            return EditedResponse(
                status: .created,
                response: try await store.accreditations.request(org: input.org, country: input.country, by: context.actor))
        }
        group.post("accreditations/{id}/decision") { request, context in
            try Policy.authorizeForSomeScope(context.actor, .decideAccreditation)
            guard let id = Int64(try request.required("id", context)) else { throw DomainError.notFound("no such accreditation") }
            let input = try await request.decodeJSON(Decision.self, context: context)
            guard let status = AccreditationStatus(rawValue: input.status), status != .pending else {
                throw DomainError.invalid(field: "status", "must be approved or revoked")
            }
            var validUntil: Day?
            if let raw = input.validUntil {
                guard let day = Day.parse(raw) else { throw DomainError.invalid(field: "valid_until", "must be a date (YYYY-MM-DD)") }
                validUntil = day
            }
            return try await store.accreditations.decide(id: id, status, validUntil: validUntil, reason: input.reason, by: context.actor)
        }
    }

    private func emergency(_ request: Request, _ context: CorridorRequestContext) async throws -> Emergency {
        guard let id = Int64(try request.required("id", context)), let emergency = try await store.customs.emergency(id: id) else {
            throw DomainError.notFound("no such emergency")
        }
        return emergency
    }
}

extension EntryPoint: ResponseEncodable {}
extension NeedsListEntry: ResponseEncodable {}
extension Accreditation: ResponseEncodable {}
