import CorridorCore
import CorridorFormats
import CorridorLanguages
import CorridorStore
import Foundation
import Hummingbird

/// The country's ERP checklist and customs profile, and scenario gap analyses with their timeline.
struct PreparednessPages {
    let store: Store
    let pages: PageRenderer

    func addRoutes(to router: RouterGroup<CorridorRequestContext>) {
        addDispatchRoute(to: router)
        router.get("preparedness") { request, context in
            let iso = (QueryParameters(request)["country"] ?? Self.defaultCountry(context.actor)).uppercased()
            guard CountryCode(iso) != nil, let checklist = try await store.preparedness.checklist(country: iso),
                let profile = try await store.customsProfiles.get(country: iso)
            else {
                throw DomainError.notFound("no country with ISO code '\(iso)'")
            }
            let canEdit = Policy.can(context.actor, .managePreparedness, .country(iso))
            let p = profile.profile
            return pages.page(
                PreparednessPageView(
                    country: iso, canEdit: canEdit,
                    countries: try await store.reference.countries().map {
                        CountryChoice(
                            alpha2: $0.alpha2, name: Localizer.current.country($0.alpha2, or: $0.name), selected: $0.alpha2 == iso)
                    }.sorted(by: PreparednessWords.byName),
                    progress: checklist.progress.map { progress in
                        .init(
                            category: L(PreparednessChecklist.category(progress.category)), done: progress.done,
                            applicable: progress.applicable,
                            percent: progress.applicable == 0
                                ? 0 : Int((Double(progress.done) / Double(progress.applicable) * 100).rounded()))
                    },
                    actions: checklist.actions.map { a in
                        let reference = PreparednessChecklist.action(a.code)
                        return .init(
                            code: a.code, framework: a.framework, category: L(reference?.category ?? Phrase(verbatim: a.category)),
                            title: L(reference?.title ?? Phrase(verbatim: a.title)), status: a.status.rawValue,
                            statusLabel: L(a.status.label), owner: a.ownerOrg ?? "", due: a.due ?? "",
                            dueShown: a.due.map { Localizer.current.date(iso: $0) } ?? "",
                            evidence: a.evidence ?? "", evidenceLink: a.evidenceLink ?? "",
                            evidenceIsLink: a.evidenceLink != nil, hasEvidence: a.evidence != nil,
                            auto: a.autoStatus != nil, autoDone: a.autoStatus == .done,
                            autoEvidence: a.autoEvidencePhrase.map(L) ?? a.autoEvidence ?? "",
                            overridden: a.overrideReason != nil, overrideReason: a.overrideReason ?? "", history: a.history,
                            hasHistory: !a.history.isEmpty,
                            statuses: PreparednessStatus.allCases.map {
                                LabelledChoice(value: $0.rawValue, label: L($0.label), selected: $0 == a.status)
                            })
                    },
                    profile: .init(
                        ocha: p.ochaModelAgreement ?? "", ochaShown: p.ochaModelAgreement.map { Localizer.current.date(iso: $0) } ?? "",
                        hasOcha: p.ochaModelAgreement != nil, kyoto: p.kyotoAnnexJ5,
                        tampere: p.tampereConvention,
                        idrl: p.idrlLaw ?? "", procedure: p.procedure, documents: p.requiredDocuments, focal: p.focalPoints,
                        hours: p.defaultReleaseHours.map { String(Int($0)) } ?? "", recorded: profile.recorded,
                        measuredCount: profile.measured.count,
                        measuredMedian: PreparednessWords.tenths(profile.measured.medianHours),
                        measuredP90: PreparednessWords.tenths(profile.measured.p90Hours)),
                    canEditProfile: Policy.can(context.actor, .manageCustomsProfile, .country(iso))
                ), title: L("Preparedness \(iso)"), context: context, path: "/preparedness")
        }
        router.post("preparedness/actions") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            let iso = (fields["country"] ?? "").uppercased()
            _ = try await store.preparedness.update(
                country: iso, code: fields["code"] ?? "",
                PreparednessUpdate(
                    status: fields["status"], ownerOrg: fields["owner"], due: fields["due"], evidence: fields["evidence"],
                    overrideReason: fields["override_reason"]),
                by: context.actor)
            return Response(status: .seeOther, headers: [.location: "/preparedness?country=\(iso)#\(fields["code"] ?? "")"])
        }
        router.post("preparedness/profile") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            let iso = (fields["country"] ?? "").uppercased()
            _ = try await store.customsProfiles.put(
                CustomsProfile(
                    country: iso, ochaModelAgreement: fields["ocha"].flatMap { $0.isEmpty ? nil : $0 },
                    kyotoAnnexJ5: fields["kyoto"] == "on",
                    tampereConvention: fields["tampere"] == "on", idrlLaw: fields["idrl"], procedure: fields["procedure"] ?? "",
                    requiredDocuments: fields["documents"] ?? "", focalPoints: fields["focal"] ?? "",
                    defaultReleaseHours: fields["hours"].flatMap(Double.init)), by: context.actor)
            return Response(status: .seeOther, headers: [.location: "/preparedness?country=\(iso)#profile"])
        }
        router.get("preparedness/scenarios") { _, context in
            guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in to run scenarios") }
            return try await scenariosPage(context: context)
        }
        router.post("preparedness/scenarios") { request, context in
            guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in to run scenarios") }
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            do {
                let report = try await store.gaps.save(try Self.scenario(fields), name: fields["name"], by: context.actor)
                return Response(status: .seeOther, headers: [.location: "/preparedness/scenarios/\(report.scenario?.id ?? 0)"])
            } catch let error as DomainError where error.status == .unprocessableContent {
                return try await scenariosPage(context: context, fields: fields, error: error)
            }
        }
        router.get("preparedness/scenarios/{id}") { request, context in
            guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in to run scenarios") }
            guard let id = Int64(try request.required("id", context)), let report = try await store.gaps.run(id: id, by: context.actor),
                let saved = report.scenario
            else { throw DomainError.notFound("no such scenario") }
            let result = report.result
            let dispatchOrgs = context.actor.roles.compactMap(\.orgCode)
            func n(_ value: Double) -> String { Numbers.wholeNumber(value) }
            let englishCountry = try await store.reference.country(saved.scenario.country)?.name ?? saved.scenario.country
            return pages.page(
                ScenarioPageView(
                    id: id, name: saved.name, country: saved.scenario.country,
                    countryName: Localizer.current.country(saved.scenario.country, or: englishCountry),
                    people: Numbers.wholeNumber(Double(saved.scenario.people)),
                    days: saved.scenario.days, lat: PreparednessWords.degrees(saved.scenario.lat),
                    lon: PreparednessWords.degrees(saved.scenario.lon), timeline: CoverageTimeline.svg(result),
                    needs: result.needs.map { need in
                        .init(
                            family: PreparednessWords.family(need.family), required: n(need.required),
                            d3: n(need.byDay["3"] ?? 0), d7: n(need.byDay["7"] ?? 0), d14: n(need.byDay["14"] ?? 0),
                            d30: n(need.byDay["30"] ?? 0),
                            shortfall: n(need.shortfall), short: need.shortfall > 0.5, note: PreparednessWords.note(need.note),
                            inCountry: n(need.availableByTier[.inCountry] ?? 0), regional: n(need.availableByTier[.regional] ?? 0),
                            global: n(need.availableByTier[.global] ?? 0),
                            sources: need.sources.map { Self.sourceRow($0, dispatchOrgs: dispatchOrgs) },
                            hasSources: !need.sources.isEmpty,
                            tonnes: PreparednessWords.tenths(need.tonnes),
                            flights: need.flights.map { Numbers.wholeNumber(Double($0)) } ?? "—",
                            trucks: need.trucks.map { Numbers.wholeNumber(Double($0)) } ?? "—",
                            shortfallTonnes: PreparednessWords.tenths(need.shortfallTonnes))
                    },
                    dispatches: report.dispatches.map {
                        .init(
                            id: $0.id, org: $0.org, site: $0.site, item: $0.itemCode,
                            quantity: Numbers.grouped($0.quantity), state: PreparednessWords.dispatchState($0.state),
                            declaration: $0.declarationId)
                    },
                    hasDispatches: !report.dispatches.isEmpty, dispatchOrg: dispatchOrgs.first ?? "",
                    figures: result.figures.needs.map {
                        .init(
                            family: PreparednessWords.family($0.family), share: Int(($0.share * 100).rounded()),
                            note: PreparednessWords.note($0.note))
                    },
                    road: Int(result.figures.roadKmPerDay), roadLimit: Int(result.figures.roadLimitKm),
                    customsDefault: Int(result.figures.defaultCustomsHours),
                    routeFigures: RouteFigureFields.rows(result.figures.routes)
                ), title: saved.name, context: context, path: "/preparedness")
        }
    }

    /// One source of a need as the scenario page lists it, with its route and the dispatch form's values.
    static func sourceRow(_ use: GapResult.Use, dispatchOrgs: [String]) -> ScenarioPageView.Source {
        func d(_ value: Double) -> String { PreparednessWords.tenths(value) }
        let arrival = use.lastArrivalDays > use.arrivalDays ? "\(d(use.arrivalDays))–\(d(use.lastArrivalDays))" : d(use.arrivalDays)
        let canDispatch = use.owner.map(dispatchOrgs.contains) == true && use.entryPoint != nil && use.siteId != nil
        return ScenarioPageView.Source(
            site: use.site ?? L("stock shared as totals only"), country: use.siteCountry ?? "—", tier: L(use.tier.label),
            item: use.item ?? "—", quantity: use.quantity.map(Numbers.grouped) ?? "—", people: Numbers.wholeNumber(use.people),
            arrival: arrival, legs: PreparednessWords.legs(use.legs), handling: d(use.handlingDays), transport: d(use.transportDays),
            customs: d(use.customsDays), mode: PreparednessWords.mode(use.mode), entryPoint: use.entryPoint ?? "—",
            entryPointCode: use.entryPoint ?? "",
            quantityValue: use.quantity?.description ?? "", siteId: use.siteId.map { String($0) } ?? "", owner: use.owner ?? "",
            byRoad: use.mode == "road", bySea: use.mode == "sea", canDispatch: canDispatch)
    }

    /// A dispatch from a row of the gap result: the caller's organisation reserves its own stock of
    /// that item at that site for the scenario's country.
    func addDispatchRoute(to router: RouterGroup<CorridorRequestContext>) {
        router.post("preparedness/scenarios/{id}/dispatch") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            guard let id = Int64(try request.required("id", context)) else { throw DomainError.notFound("no such scenario") }
            guard let siteID = Int64(fields["site_id"] ?? "") else { throw DomainError.invalid(field: "site_id", "no such site") }
            let consignee = (fields["consignee"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !consignee.isEmpty else {
                throw DomainError.invalid(field: "consignee", "name who receives the goods in the country (the consignee)")
            }
            let created = try await store.dispatching.create(
                DispatchRepository.Input(
                    siteId: siteID, itemCode: fields["item"] ?? "", quantity: fields["quantity"] ?? "",
                    entryPoint: fields["entry_point"] ?? "", transportMode: fields["mode"] ?? "", consignee: consignee, scenarioId: id),
                org: fields["org"] ?? "", by: context.actor)
            return Response(status: .seeOther, headers: [.location: "/customs/declarations/\(created.declaration.id)"])
        }
    }

    private func scenariosPage(context: CorridorRequestContext, fields: [String: String] = [:], error: DomainError? = nil) async throws
        -> Response
    {
        pages.page(
            ScenariosPageView(
                scenarios: try await store.gaps.scenarios().map {
                    .init(
                        id: $0.id, name: $0.name, country: $0.scenario.country, people: Numbers.wholeNumber(Double($0.scenario.people)),
                        days: $0.scenario.days, by: $0.createdBy)
                },
                hazards: EmergencyInput.hazards.map {
                    LabelledChoice(value: $0, label: PreparednessWords.hazard($0), selected: fields["hazard"] == $0)
                },
                countries: CountryChoice.list(try await store.reference.countries(), selected: fields["country"]).map {
                    CountryChoice(alpha2: $0.alpha2, name: Localizer.current.country($0.alpha2, or: $0.name), selected: $0.selected)
                }.sorted(by: PreparednessWords.byName),
                f: .init(
                    country: fields["country"] ?? "", lat: fields["lat"] ?? "", lon: fields["lon"] ?? "", people: fields["people"] ?? "",
                    days: fields["days"] ?? "30", name: fields["name"] ?? ""),
                error: error.map { Localizer.current.message($0) } ?? "", hasError: error != nil,
                problems: FieldProblem.list(error)
            ), title: L("Scenarios"), context: context, path: "/preparedness", status: error?.status ?? .ok)
    }

    /// The scenario as the form gives it: counts read as people type them ("50,000", "50 000").
    static func scenario(_ fields: [String: String]) throws(DomainError) -> Scenario {
        var problems = ProblemList()
        func count(_ key: String) -> Int {
            switch Quantity.wholeCount(fields[key] ?? "") {
            case .success(let value): return value
            case .failure(let problem):
                problems.add(field: key, "'\(fields[key] ?? "")' \(problem)")
                return 0
            }
        }
        func degrees(_ key: String) -> Double {
            // A decimal comma is read as a decimal point: coordinates have no thousands.
            let text = (fields[key] ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
                .replacingOccurrences(of: "\u{2212}", with: "-")
            return Double(text) ?? .nan
        }
        let scenario = Scenario(
            country: fields["country"] ?? "", lat: degrees("lat"), lon: degrees("lon"), people: count("people"), days: count("days"),
            hazard: fields["hazard"].flatMap { $0.isEmpty ? nil : $0 })
        try problems.check()
        return scenario
    }

    static func defaultCountry(_ actor: Actor) -> String {
        actor.roles.compactMap(\.country).first ?? "NP"
    }
}
