import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation
import Hummingbird

/// The ERP checklist, country customs profiles, planning figures, scenarios with their gap
/// analyses, and dispatches.
struct PreparednessController {
    let store: Store

    struct ChecklistPatch: Decodable {
        var code: String
        var status: String?
        var ownerOrg: String?
        var due: String?
        var evidence: String?
        var overrideReason: String?
    }

    struct ScenarioInput: Decodable {
        var country: String
        var lat: Double
        var lon: Double
        var people: Int
        var days: Int
        var hazard: String?
        var name: String?
    }

    func addRoutes(to group: RouterGroup<CorridorRequestContext>) {
        group.get("countries/{iso}/preparedness") { request, context in
            let iso = try request.country(context)
            guard let checklist = try await store.preparedness.checklist(country: iso) else {
                throw DomainError.notFound("no country \(iso)")
            }
            return checklist
        }
        group.patch("countries/{iso}/preparedness") { request, context in
            let iso = try request.country(context)
            try Policy.authorize(context.actor, .managePreparedness, .country(iso))
            let patch = try await request.decodeJSON(ChecklistPatch.self, context: context)
            return try await store.preparedness.update(
                country: iso, code: patch.code,
                PreparednessUpdate(
                    status: patch.status, ownerOrg: patch.ownerOrg, due: patch.due, evidence: patch.evidence,
                    overrideReason: patch.overrideReason),
                by: context.actor)
        }
        group.get("countries/{iso}/customs-profile") { request, context in
            let iso = try request.country(context)
            guard let view = try await store.customsProfiles.get(country: iso) else { throw DomainError.notFound("no country \(iso)") }
            return view
        }
        group.put("countries/{iso}/customs-profile") { request, context in
            let iso = try request.country(context)
            try Policy.authorize(context.actor, .manageCustomsProfile, .country(iso))
            var profile = try await request.decodeJSON(CustomsProfile.self, context: context)
            profile.country = iso
            return try await store.customsProfiles.put(profile, by: context.actor)
        }
        group.get("planning-figures") { _, _ in
            try await store.gaps.figures()
        }
        group.put("planning-figures") { request, context in
            try Policy.authorize(context.actor, .managePlanningFigures)
            return try await store.gaps.setFigures(try await request.decodeJSON(PlanningFigures.self, context: context), by: context.actor)
        }
        group.get("scenarios") { _, context in
            guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in to see scenarios") }
            return ItemList(items: try await store.gaps.scenarios())
        }
        group.post("scenarios") { request, context in
            guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in to run a scenario") }
            let input = try await request.decodeJSON(ScenarioInput.self, context: context)
            let report = try await store.gaps.save(
                Scenario(
                    country: input.country, lat: input.lat, lon: input.lon, people: input.people, days: input.days, hazard: input.hazard),
                name: input.name, by: context.actor)
            return EditedResponse(status: .created, headers: [.location: "/api/v1/scenarios/\(report.scenario?.id ?? 0)"], response: report)
        }
        group.get("scenarios/{id}") { request, context -> Response in
            guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in to run a scenario") }
            guard let id = Int64(try request.required("id", context)), let report = try await store.gaps.run(id: id, by: context.actor)
            else {
                throw DomainError.notFound("no such scenario")
            }
            switch QueryParameters(request)["format"] ?? "json" {
            case "json": return try report.response(from: request, context: context)
            case "csv", "hxl":
                let hxl = QueryParameters(request)["format"] == "hxl"
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "text/csv; charset=utf-8",
                        .contentDisposition: "attachment; filename=\"scenario-\(id)\(hxl ? ".hxl" : "").csv\"",
                    ], body: ResponseBody(byteBuffer: ByteBuffer(string: GapTable.csv(report.result, hxl: hxl))))
            case let other: throw DomainError.invalid(field: "format", "'\(other)' is not a format; use json, csv or hxl")
            }
        }
        group.get("dispatches") { _, context in
            guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in to see dispatches") }
            return ItemList(items: try await store.dispatches.list(by: context.actor))
        }
        group.post("dispatches") { request, context in
            let org = try QueryParameters(request).required("org")
            try Policy.authorize(context.actor, .dispatchStock, .organisation(code: org.uppercased()))
            let input = try await request.decodeJSON(DispatchRepository.Input.self, context: context)
            let created = try await store.dispatching.create(input, org: org, by: context.actor)
            return EditedResponse(
                status: .created, headers: [.location: "/api/v1/declarations/\(created.declaration.id)"],
                response: DispatchCreated(dispatch: created.dispatch, declaration: created.declaration))
        }
        group.post("dispatches/{id}/cancel") { request, context in
            try Policy.authorizeForSomeScope(context.actor, .dispatchStock)
            guard let id = Int64(try request.required("id", context)) else { throw DomainError.notFound("no such dispatch") }
            return try await store.dispatching.cancel(id: id, by: context.actor)
        }
    }

    struct DispatchCreated: ResponseEncodable, Sendable {
        var dispatch: DispatchRepository.Dispatch
        var declaration: DeclarationView
    }
}

extension PreparednessRepository.Checklist: ResponseEncodable {}
extension PreparednessRepository.ActionView: ResponseEncodable {}
extension CustomsProfileRepository.View: ResponseEncodable {}
extension PlanningFigures: ResponseEncodable {}
extension GapRepository.Report: ResponseEncodable {}
extension GapRepository.SavedScenario: ResponseEncodable {}
extension DispatchRepository.Dispatch: ResponseEncodable {}
