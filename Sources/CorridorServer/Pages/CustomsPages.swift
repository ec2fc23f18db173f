import CorridorCore
import CorridorLanguages
import CorridorStore
import Foundation
import Hummingbird

/// The customs view: active emergencies with their facilities and needs lists, entry points,
/// and accreditations (with the decision form for customs officers).
struct CustomsPages {
    let store: Store
    let pages: PageRenderer

    func addRoutes(to router: RouterGroup<CorridorRequestContext>) {
        router.get("customs") { request, context in
            // A customs officer's home: their own country unless they ask for another.
            let asked = QueryParameters(request)["country"]?.uppercased()
            let country = asked ?? context.actor.customsCountries.first
            let today = Day.today()
            var emergencies: [CustomsPageView.Emergency] = []
            let items = Dictionary(uniqueKeysWithValues: try await store.items.all().map { ($0.code, $0.name) })
            for emergency in try await store.customs.emergencies(country: country) {
                let needs = try await store.customs.needs(of: emergency.id)
                emergencies.append(
                    .init(
                        id: emergency.id, name: emergency.name, country: emergency.country,
                        hazard: CodeWords.of(emergency.hazard), declared: Localizer.current.date(emergency.declared),
                        ends: emergency.ends.map { Localizer.current.date($0) } ?? L("open"), active: emergency.isActive(on: today),
                        facilities: Self.facilities(emergency.facilities), hasNeeds: !needs.isEmpty,
                        needs: needs.map { need in
                            .init(
                                what: need.itemCode.map { Localizer.current.item($0, or: items[$0] ?? $0) }
                                    ?? L("HS heading \(need.hsHeading ?? "")"),
                                priority: ["", L("urgent"), L("can wait"), L("not needed")][need.priority.rawValue], note: need.note ?? "")
                        }))
            }
            let accreditations = context.actor == .anonymous ? [] : try await store.accreditations.visible(to: context.actor)
            let entryPoints = try await store.customs.entryPoints(country: country)
            return pages.page(
                CustomsPageView(
                    emergencies: emergencies,
                    releaseTimeCountries: Set(entryPoints.map(\.country)).sorted(),
                    entryPoints: entryPoints.map {
                        .init(
                            code: $0.code, locode: $0.locode ?? "", hasLocode: $0.locode != nil, name: $0.name, country: $0.country,
                            kind: $0.kind.shown,
                            verified: $0.locodeVerified)
                    },
                    country: country ?? "",
                    countries: CountryChoice.list(try await store.reference.countries(), selected: country),
                    accreditations: accreditations.map { a in
                        .init(
                            id: a.id, org: a.orgCode, country: a.country, status: a.status.shown,
                            validUntil: a.validUntil.map { Localizer.current.date($0) } ?? "",
                            canDecide: Policy.can(context.actor, .decideAccreditation, .country(a.country)))
                    },
                    signedIn: context.actor != .anonymous,
                    rulesCountry: (context.actor.isAdmin ? country : context.actor.customsCountries.first).flatMap {
                        $0.isEmpty ? nil : $0
                    },
                    suggestedValidity: today.adding(days: 365).description
                ), title: L("Relief customs"), context: context, path: "/customs")
        }
        router.post("customs/accreditations/{id}") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            guard let id = Int64(try request.required("id", context)),
                let status = AccreditationStatus(rawValue: fields["status"] ?? ""), status != .pending
            else {
                throw DomainError.invalid(field: "status", "must be approved or revoked")
            }
            _ = try await store.accreditations.decide(
                id: id, status, validUntil: fields["valid_until"].flatMap { Day.parse($0) }, reason: fields["reason"], by: context.actor)
            return Response(status: .seeOther, headers: [.location: "/customs#accreditations"])
        }
    }

    static func facilities(_ f: EmergencyFacilities) -> String {
        var on: [String] = []
        if f.preArrivalLodgement { on.append(L("pre-arrival lodgement")) }
        if let days = f.provisionalDeadlineDays { on.append(L("provisional declarations (complete within \(days) days)")) }
        if f.dutyTaxWaiver { on.append(L("duty and tax waiver")) }
        if f.feeWaiver { on.append(L("fee waiver")) }
        if f.outOfHoursClearance { on.append(L("out-of-hours clearance")) }
        return on.isEmpty ? L("none") : on.joined(separator: ", ")
    }
}
