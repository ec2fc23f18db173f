import CorridorCore
import CorridorLanguages
import CorridorStore
import Foundation
import Hummingbird

/// Declarations in the browser: the list (the customs queue for officers), a form with line rows
/// that works without JavaScript, and one declaration with its documents and the steps the caller
/// may take.
struct DeclarationPages {
    let store: Store
    let pages: PageRenderer
    static let pageSize = 50

    /// `uploads` takes the forms that send files, under the larger body limit.
    func addRoutes(to router: RouterGroup<CorridorRequestContext>, uploads: RouterGroup<CorridorRequestContext>) {
        router.get("customs/declarations") { request, context in
            guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in to see declarations") }
            let now = UnixTime.now()
            let query = QueryParameters(request)
            var filter = try DeclarationListQuery.filter(query)
            // An officer's queue is their own country's unless they ask for another.
            if query["country"] == nil, let own = context.actor.customsCountries.first { filter.country = own }
            filter.limit = 5_000
            let all = try await store.declarations.list(by: context.actor, filter: filter, now: now)
            let page = max(1, (try query.int("page", in: 1...10_000)) ?? 1)
            let shown = all.dropFirst((page - 1) * Self.pageSize).prefix(Self.pageSize)
            let country = filter.country ?? ""
            let emergencies = try await store.customs.emergencies(country: country.isEmpty ? nil : country)
            let entryPoints = try await store.customs.entryPoints(country: country.isEmpty ? nil : country)
            func link(_ page: Int) -> String {
                var items = query.parameters.filter { $0.key != "page" }.map { ($0.key, $0.value) }
                items.append(("page", String(page)))
                var components = URLComponents()
                components.queryItems = items.sorted { $0.0 < $1.0 }.map { URLQueryItem(name: $0.0, value: $0.1) }
                return "/customs/declarations?" + (components.percentEncodedQuery ?? "")
            }
            return pages.page(
                DeclarationsPageView(
                    declarations: shown.map { d in
                        .init(
                            id: d.id, reference: d.reference, org: d.org, destination: d.destination, entryPoint: d.entryPoint,
                            state: d.state.shown, lane: d.lane?.rawValue ?? "", laneName: d.lane?.shown ?? "",
                            arrival: d.expectedArrival.map { Localizer.current.date(iso: $0) } ?? "", lines: d.lines.count,
                            priority: d.needsPriority.map { [L("1 urgent"), L("2 can wait"), L("3 not needed")][$0 - 1] }
                                ?? (d.emergencyId == nil ? "" : L("not on list")),
                            age: d.state.isBeforeRelease && d.state != .draft ? Numbers.hours(Double(d.ageSeconds(now: now)) / 3600) : "",
                            sla: d.serviceLevel?.rawValue ?? "", hasSla: d.serviceLevel != nil, slaLabel: d.serviceLevel?.shown ?? "",
                            warned: !d.warnings.isEmpty, amendmentPending: d.pendingAmendment != nil)
                    },
                    canDraft: Policy.decideForSomeScope(context.actor, .draftDeclaration) == .allow,
                    country: country,
                    states: DeclarationState.allCases.map { .init(value: $0.rawValue, text: $0.shown, selected: filter.state == $0) },
                    lanes: Lane.allCases.map { .init(value: $0.rawValue, text: $0.shown, selected: filter.lane == $0) },
                    entryPoints: entryPoints.map {
                        .init(value: $0.code, text: "\($0.name) (\($0.code))", selected: filter.entryPoint?.uppercased() == $0.code)
                    },
                    emergencies: emergencies.map {
                        .init(value: String($0.id), text: "\($0.name) (\($0.country))", selected: filter.emergencyId == $0.id)
                    },
                    org: filter.org ?? "", overdue: filter.overdue,
                    total: all.count, from: shown.isEmpty ? 0 : (page - 1) * Self.pageSize + 1,
                    to: (page - 1) * Self.pageSize + shown.count,
                    previous: page > 1 ? link(page - 1) : nil, next: page * Self.pageSize < all.count ? link(page + 1) : nil
                ), title: L("Declarations"), context: context, path: "/customs")
        }
        router.get("customs/declarations/{id}") { request, context in
            try await detail(request, context)
        }
        router.get("customs/declarations/{id}/release-note") { request, context in
            try await releaseNote(request, context)
        }
        DeclarationActionPages(store: store, pages: pages).addRoutes(to: router, uploads: uploads)
        DeclarationFormPages(store: store, pages: pages).addRoutes(to: router)
    }

    private func detail(_ request: Request, _ context: CorridorRequestContext) async throws -> Response {
        guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in first") }
        guard let id = Int64(try request.required("id", context)) else { throw DomainError.notFound("no such declaration") }
        return try await detail(id: id, context: context)
    }

    /// One declaration as the caller may act on it; `error` is a step or decision just refused,
    /// shown above it with what to do.
    func detail(id: Int64, context: CorridorRequestContext, error: DomainError? = nil) async throws -> Response {
        guard let d = try await store.declarations.view(id: id, by: context.actor) else {
            throw DomainError.notFound("no such declaration")
        }
        let party = DeclarationLifecycle.party(of: context.actor, declarant: d.org, destination: d.destination)
        let trail = try await store.declarations.audit(id: id, by: context.actor)
        let names = try await store.declarations.names(
            of: d.messages.map(\.author) + (trail?.events.map(\.actor) ?? [])
                + d.amendments.flatMap { [$0.requestedBy] + ($0.decidedBy.map { [$0] } ?? []) })
        func person(_ actor: String) -> String { names[actor] ?? Self.readable(actor) }
        let declarantSide = party == .declarant || context.actor.isAdmin
        let customsSide = party == .customs || context.actor.isAdmin
        let releasable = [.released, .completed, .closed].contains(d.state)
        let route = DeclarationAmendment.route(for: d.state)
        let changeable = d.state.isBeforeRelease && declarantSide && (route == .edit || d.pendingAmendment == nil)
        let gapsTitle =
            d.state == .draft
            ? L("To lodge, the declaration still needs:")
            : d.times.completionDue.map { L("Particulars to follow by \(Numbers.dateTime($0)):") }
                ?? L("Particulars to follow before completion:")
        return pages.page(
            DeclarationPageView(
                id: d.id, reference: d.reference, org: d.org, consignee: d.consignee, destination: d.destination,
                entryPoint: d.entryPoint, mode: d.transportMode, transportDocument: d.transportDocument,
                transportDocumentLabel: d.transportDocumentType.flatMap(TransportDocumentType.init(rawValue:))?.shown
                    ?? L("transport document"),
                packages: d.packages.map { "\(Numbers.wholeNumber(Double($0))) \(d.packagesKind ?? "")" } ?? L("not stated"),
                arrival: d.expectedArrival.map { Localizer.current.date(iso: $0) } ?? L("not stated"), state: d.state.shown,
                laneName: d.lane?.shown ?? "",
                lane: d.lane?.rawValue ?? "", reasons: d.laneReasons.joined(separator: "; "), version: d.version,
                lines: d.lines.map {
                    .init(
                        no: $0.lineNo, description: $0.description, hs: $0.hsCode, quantity: Numbers.grouped($0.quantity),
                        unit: $0.unit, kg: Numbers.wholeNumber($0.grossKg), value: Numbers.grouped($0.value), currency: $0.currency,
                        ncv: $0.noCommercialValue, indicative: $0.indicativeValueUSD.map { Numbers.money($0, decimals: 2) },
                        origin: $0.origin, unNumber: $0.unNumber.flatMap(UNNumber.init)?.description ?? "", hasUNNumber: $0.unNumber != nil,
                        reExportBy: $0.reExportBy ?? "",
                        reExported: $0.reExportedAt.map(Numbers.dateTime) ?? "", isReExported: $0.reExportedAt != nil,
                        canReExport: $0.reExportBy != nil && $0.reExportedAt == nil && customsSide && releasable)
                },
                specialCargo: d.specialCargo.map(\.shown).joined(separator: ", "), hasSpecialCargo: !d.specialCargo.isEmpty,
                warnings: d.warnings, hasWarnings: !d.warnings.isEmpty,
                messages: d.messages.map {
                    .init(
                        step: $0.step.shown, party: $0.party.rawValue, partyName: $0.party == .customs ? L("customs") : L("declarant"),
                        author: person($0.author), at: Numbers.dateTime($0.at),
                        text: $0.text)
                },
                hasMessages: !d.messages.isEmpty,
                gaps: d.lodgingGaps.map { TextRow(text: FieldNames.sentence($0)) },
                hasGaps: !d.lodgingGaps.isEmpty && (d.state == .draft || d.state.isBeforeRelease || d.state == .released),
                gapsTitle: gapsTitle,
                amendments: d.amendments.map { a in
                    .init(
                        sequence: a.sequence, requestedBy: person(a.requestedBy), requestedAt: Numbers.dateTime(a.requestedAt),
                        differences: a.differences.map(TextRow.init), status: a.status.rawValue, statusLabel: a.status.shown,
                        decided: a.decidedAt != nil, decidedBy: a.decidedBy.map(person) ?? "",
                        decidedAt: a.decidedAt.map(Numbers.dateTime) ?? "",
                        reason: a.reason, canDecide: customsSide && a.status == .pending && d.state.isBeforeRelease)
                },
                hasAmendments: !d.amendments.isEmpty,
                canEdit: changeable && route == .edit, canRequestAmendment: changeable && route == .request,
                canUploadPackingList: changeable,
                packingListLabel: route == .edit ? L("Replace the lines from a packing list") : L("Request new lines from a packing list"),
                completionDue: d.times.completionDue.map(Numbers.dateTime) ?? "", hasCompletionDue: d.times.completionDue != nil,
                arrivedAt: d.times.arrived.map(Numbers.dateTime) ?? "", hasArrived: d.times.arrived != nil,
                canRecordArrival: customsSide && DeclarationLifecycle.canRecordArrival(state: d.state, arrived: d.times.arrived != nil),
                hasLane: d.lane != nil,
                documents: d.documents.map { doc in
                    let status = DocumentsChecklist.Status(rawValue: doc.status) ?? .missing
                    let name = (doc.fileName ?? "").lowercased()
                    let isPDF = name.hasSuffix(".pdf")
                    let isImage = [".png", ".jpg", ".jpeg", ".gif", ".webp"].contains { name.hasSuffix($0) }
                    let open = !d.state.isFinal
                    return .init(
                        document: doc.document, label: RequiredDocument(rawValue: doc.document)?.shown ?? doc.label, status: doc.status,
                        statusLabel: status.shown, reason: doc.verdictReason,
                        fileName: doc.fileName ?? "", stored: doc.stored, sha256: doc.sha256.map { String($0.prefix(12)) } ?? "",
                        isPDF: doc.stored && isPDF, isImage: doc.stored && isImage,
                        canProvide: open && declarantSide && (status == .missing || status == .rejected || status == .provided),
                        provideLabel: status == .missing ? L("Provide") : L("Send a new file"),
                        canAccept: open && customsSide && status == .provided,
                        canWaive: open && customsSide && (status == .missing || status == .rejected || status == .provided))
                },
                steps: d.allowedSteps.map {
                    .init(
                        step: $0.rawValue, label: $0.shown, needsMessage: DeclarationMessage.isRequired(for: $0),
                        destructive: $0.isDestructive)
                },
                audit: (trail?.events ?? []).map {
                    .init(seq: $0.sequence, action: $0.action, before: $0.before, after: $0.after, actor: person($0.actor))
                },
                verified: trail?.broken == nil,
                releasable: releasable,
                error: error.map { Localizer.current.message($0) },
                details: (error?.problems ?? []).map { TextRow(text: FieldNames.sentence($0)) }
            ), title: L("Declaration \(d.reference)"), context: context, path: "/customs", status: error?.status ?? .ok)
    }

    /// An audit name without a user behind it, as a person reads it.
    static func readable(_ actor: String) -> String {
        actor == "console" ? L("the server's console") : actor
    }

    /// The printable release note and exemption certificate of a released consignment: what duty
    /// and tax would have applied, what the emergency waived, who released it and when, and the
    /// hash of that audit event so a printed copy can be checked against the record.
    private func releaseNote(_ request: Request, _ context: CorridorRequestContext) async throws -> Response {
        guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in first") }
        guard let id = Int64(try request.required("id", context)), let d = try await store.declarations.view(id: id, by: context.actor)
        else {
            throw DomainError.notFound("no such declaration")
        }
        guard [.released, .completed, .closed].contains(d.state) else {
            throw DomainError.conflict("a release note exists once the consignment is released (this one is \(d.state.rawValue))")
        }
        let rates = try await store.customs.dutyRates(country: d.destination)
        var emergency: Emergency?
        if let emergencyID = d.emergencyId { emergency = try await store.customs.emergency(id: emergencyID) }
        let waiver = emergency?.facilities.dutyTaxWaiver ?? false
        let minorUnits = Dictionary(uniqueKeysWithValues: try await store.reference.currencies().map { ($0.code, $0.minorUnit ?? 2) })
        let release = try await store.declarations.audit(id: id, by: context.actor)?.events.last { $0.action == "release" }
        let certificate = try await store.declarations.certificate(id: id, by: context.actor)
        let profile = try await store.customsProfiles.get(country: d.destination)
        let recorded = profile?.recorded == true ? profile?.profile : nil
        let country = try await store.reference.country(d.destination)
        let officerActor = certificate?.officer ?? release?.actor ?? ""
        let officer = try await store.declarations.names(of: [officerActor])[officerActor] ?? Self.readable(officerActor)
        let zone = recorded?.timeZone.flatMap(TimeZone.init(identifier:))
        let releasedAt = certificate?.issuedAt ?? release?.at
        let basis = waiver ? ExemptionBasis.cited(emergencyBasis: emergency?.legalBasis, profile: recorded) : nil
        // The certificate in the reader's language, or in the country's customs language and
        // English side by side, each column written wholly in its own language.
        let customsLanguage = CustomsLanguages.language(ofCountry: d.destination)
        let second = customsLanguage.flatMap { $0 == .en ? nil : $0 }
        func note(bilingual: Bool) -> ReleaseNotePageView {
            let priced = valued()
            let countryName = Localizer.current.country(d.destination, or: country?.name ?? d.destination)
            return ReleaseNotePageView(
                reference: d.reference, org: d.org, consignee: d.consignee, destination: d.destination,
                countryName: countryName, entryPoint: d.entryPoint,
                administration: recorded?.customsAdministration ?? L("Customs administration of \(countryName)"),
                administrationRecorded: recorded?.customsAdministration != nil,
                certificateNumber: certificate?.identifier ?? L("not numbered (released before certificates were numbered)"),
                transportDocument: d.transportDocument ?? "", lane: d.lane?.rawValue ?? "", laneName: d.lane?.shown ?? "",
                reasons: d.laneReasons.joined(separator: "; "),
                emergency: emergency.map { L("\($0.name) (declared \(Localizer.current.date($0.declared)))") } ?? L("none"),
                waiver: waiver, legalBasis: basis ?? "", hasLegalBasis: basis != nil,
                officer: officer,
                released: releasedAt.map { Numbers.localDateTime($0, zone: zone ?? .gmt) } ?? "",
                zoneRecorded: zone != nil, hash: release?.hash ?? "",
                lines: d.lines.map { Self.noteLine($0, decimals: minorUnits[$0.currency] ?? 2, basis: basis) },
                assessments: priced.assessments, valuation: priced.valuation,
                bilingualLink: bilingual || second == nil ? nil : "/customs/declarations/\(id)/release-note?bilingual=1",
                bilingualText: second.map { L("Print in \($0.shownName) and English") } ?? "")
        }
        func valued() -> (assessments: [ReleaseNotePageView.Assessment], valuation: ReleaseNotePageView.Valuation) {
            ReleaseNoteValuation.make(d, rates: rates, waiver: waiver, minorUnits: minorUnits)
        }
        let title = L("Release note \(d.reference)")
        guard let second, request.uri.queryParameters.get("bilingual") == "1" else {
            return pages.page(note(bilingual: false), title: title, context: context, path: "/customs")
        }
        let columns = Self.bilingualColumns(second, country: d.destination, pages: pages) { note(bilingual: true) }
        return pages.page(
            BilingualReleaseNotePageView(columns: columns, single: "/customs/declarations/\(id)/release-note"),
            title: title, context: context, path: "/customs")
    }

    /// The certificate rendered wholly in `language` (with the country's way of writing numbers)
    /// and wholly in English: each column's values are made in its own language.
    static func bilingualColumns(
        _ language: Language, country: String, pages: PageRenderer, note: () -> ReleaseNotePageView
    ) -> [BilingualReleaseNotePageView.Column] {
        let columns: [(language: Language, region: String?)] = [(language, country), (.en, nil)]
        return columns.map { column in
            let localizer = Localizer(language: column.language, region: column.region, translations: pages.translations)
            return Localizer.$current.withValue(localizer) {
                BilingualReleaseNotePageView.Column(
                    lang: column.language.rawValue, dir: column.language.direction,
                    html: pages.fragment(note(), in: column.language))
            }
        }
    }

    static func noteLine(_ line: DeclarationView.Line, decimals: Int, basis: String?) -> ReleaseNotePageView.Line {
        .init(
            no: line.lineNo, description: line.description, hs: line.hsCode, quantity: Numbers.grouped(line.quantity),
            unit: line.unit,
            value: line.noCommercialValue
                ? line.indicativeValueUSD.map { L("no commercial value (indicative \(Numbers.money($0, decimals: 2)) USD)") }
                    ?? L("no commercial value")
                : Numbers.money(line.value, decimals: decimals) + " " + line.currency,
            origin: line.origin, basis: basis ?? L("none: duties and taxes apply"))
    }
}
