import CorridorCore
import CorridorStore
import Foundation
import Hummingbird

/// Declarations in the browser: the list (the customs queue for officers), a form with line rows
/// that works without JavaScript, and one declaration with its documents and the steps the caller
/// may take.
struct DeclarationPages {
    let store: Store
    let pages: PageRenderer
    static let lineRows = 5

    /// `uploads` takes the forms that send files, under the larger body limit.
    func addRoutes(to router: RouterGroup<CorridorRequestContext>, uploads: RouterGroup<CorridorRequestContext>) {
        router.get("customs/declarations") { _, context in
            guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in to see declarations") }
            let now = UnixTime.now()
            let queue = try await store.declarations.list(by: context.actor, now: now)
            return pages.page(
                DeclarationsPageView(
                    declarations: queue.map { d in
                        .init(
                            id: d.id, reference: d.reference, org: d.org, destination: d.destination, entryPoint: d.entryPoint,
                            state: d.state.label, lane: d.lane?.rawValue ?? "", arrival: d.expectedArrival ?? "", lines: d.lines.count,
                            priority: d.needsPriority.map { ["1 urgent", "2 can wait", "3 not needed"][$0 - 1] }
                                ?? (d.emergencyId == nil ? "" : "not on list"),
                            age: d.state.isBeforeRelease && d.state != .draft ? Numbers.hours(Double(d.ageSeconds(now: now)) / 3600) : "",
                            sla: d.serviceLevel?.rawValue ?? "", hasSla: d.serviceLevel != nil, slaLabel: d.serviceLevel?.label ?? "",
                            warned: !d.warnings.isEmpty)
                    },
                    canDraft: Policy.decideForSomeScope(context.actor, .draftDeclaration) == .allow
                ), title: "Declarations", context: context, path: "/customs")
        }
        router.get("customs/declarations/new") { _, context in
            try await form(context: context)
        }
        router.post("customs/declarations") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            do {
                let input = try await input(from: fields)
                let created = try await store.declarations.create(input, org: fields["org"] ?? "", by: context.actor)
                return Response(status: .seeOther, headers: [.location: "/customs/declarations/\(created.id)"])
            } catch let error as DomainError where error.status == .unprocessableContent {
                return try await form(context: context, fields: fields, error: error)
            }
        }
        router.get("customs/declarations/{id}") { request, context in
            try await detail(request, context)
        }
        router.get("customs/declarations/{id}/release-note") { request, context in
            try await releaseNote(request, context)
        }
        DeclarationActionPages(store: store, pages: pages).addRoutes(to: router, uploads: uploads)
    }

    private func detail(_ request: Request, _ context: CorridorRequestContext) async throws -> Response {
        guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in first") }
        guard let id = Int64(try request.required("id", context)), let d = try await store.declarations.view(id: id, by: context.actor)
        else {
            throw DomainError.notFound("no such declaration")
        }
        let party = DeclarationLifecycle.party(of: context.actor, declarant: d.org, destination: d.destination)
        let trail = try await store.declarations.audit(id: id, by: context.actor)
        let declarantSide = party == .declarant || context.actor.isAdmin
        let customsSide = party == .customs || context.actor.isAdmin
        let releasable = [.released, .completed, .closed].contains(d.state)
        return pages.page(
            DeclarationPageView(
                id: d.id, reference: d.reference, org: d.org, consignee: d.consignee, destination: d.destination,
                entryPoint: d.entryPoint, mode: d.transportMode, transportDocument: d.transportDocument ?? "",
                arrival: d.expectedArrival ?? "", state: d.state.label,
                lane: d.lane?.rawValue ?? "", reasons: d.laneReasons.joined(separator: "; "), version: d.version,
                lines: d.lines.map {
                    .init(
                        no: $0.lineNo, description: $0.description, hs: $0.hsCode, quantity: Numbers.grouped($0.quantity),
                        unit: $0.unit, kg: Numbers.wholeNumber($0.grossKg), value: Numbers.grouped($0.value), currency: $0.currency,
                        origin: $0.origin, unNumber: $0.unNumber.flatMap(UNNumber.init)?.description ?? "", hasUNNumber: $0.unNumber != nil,
                        reExportBy: $0.reExportBy ?? "",
                        reExported: $0.reExportedAt.map(Numbers.dateTime) ?? "", isReExported: $0.reExportedAt != nil,
                        canReExport: $0.reExportBy != nil && $0.reExportedAt == nil && customsSide && releasable)
                },
                specialCargo: d.specialCargo.map(\.label).joined(separator: ", "), hasSpecialCargo: !d.specialCargo.isEmpty,
                warnings: d.warnings, hasWarnings: !d.warnings.isEmpty,
                messages: d.messages.map {
                    .init(
                        step: $0.step.rawValue, party: $0.party.rawValue, author: $0.author, at: Numbers.dateTime($0.at),
                        text: $0.text)
                },
                hasMessages: !d.messages.isEmpty,
                canAmend: declarantSide && d.state.isBeforeRelease,
                completionDue: d.times.completionDue.map(Numbers.dateTime) ?? "", hasCompletionDue: d.times.completionDue != nil,
                arrivedAt: d.times.arrived.map(Numbers.dateTime) ?? "", hasArrived: d.times.arrived != nil,
                canRecordArrival: customsSide && DeclarationLifecycle.canRecordArrival(state: d.state, arrived: d.times.arrived != nil),
                hasArrival: d.expectedArrival != nil, hasLane: d.lane != nil,
                documents: d.documents.map { doc in
                    .init(
                        document: doc.document, label: doc.label, status: doc.status, fileName: doc.fileName ?? "", stored: doc.stored,
                        sha256: doc.sha256.map { String($0.prefix(12)) } ?? "",
                        canProvide: declarantSide && doc.status == "missing", canWaive: customsSide && doc.status == "missing")
                },
                steps: d.allowedSteps.map {
                    .init(
                        step: $0.rawValue, label: $0.label.capitalized, needsMessage: DeclarationMessage.isRequired(for: $0),
                        destructive: $0.isDestructive)
                },
                audit: (trail?.events ?? []).map {
                    .init(seq: $0.sequence, action: $0.action, before: $0.before, after: $0.after, actor: $0.actor)
                },
                verified: trail?.broken == nil,
                releasable: releasable
            ), title: "Declaration \(d.reference)", context: context, path: "/customs")
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
        let priced = ReleaseNoteValuation.make(d, rates: rates, waiver: waiver, minorUnits: minorUnits)
        let release = try await store.declarations.audit(id: id, by: context.actor)?.events.last { $0.action == "release" }
        let released = release.map { Date(timeIntervalSince1970: TimeInterval($0.at)).formatted(.iso8601) } ?? ""
        return pages.page(
            ReleaseNotePageView(
                reference: d.reference, org: d.org, consignee: d.consignee, destination: d.destination, entryPoint: d.entryPoint,
                transportDocument: d.transportDocument ?? "", lane: d.lane?.rawValue ?? "", reasons: d.laneReasons.joined(separator: "; "),
                emergency: emergency.map { "\($0.name) (declared \($0.declared))" } ?? "none", waiver: waiver,
                officer: release?.actor ?? "", released: released, hash: release?.hash ?? "",
                lines: d.lines.map { Self.noteLine($0, decimals: minorUnits[$0.currency] ?? 2) },
                assessments: priced.assessments, valuation: priced.valuation
            ), title: "Release note \(d.reference)", context: context, path: "/customs")
    }

    static func noteLine(_ line: DeclarationView.Line, decimals: Int) -> ReleaseNotePageView.Line {
        .init(
            no: line.lineNo, description: line.description, hs: line.hsCode, quantity: Numbers.grouped(line.quantity),
            unit: line.unit, value: Numbers.money(line.value, decimals: decimals), currency: line.currency, origin: line.origin)
    }

    private func form(context: CorridorRequestContext, fields: [String: String] = [:], error: DomainError? = nil) async throws -> Response {
        guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in first") }
        let orgs = context.actor.isAdmin ? try await store.organisations.all().map(\.code) : context.actor.roles.compactMap(\.orgCode)
        let emergencies = try await store.customs.emergencies(country: nil).filter { $0.isActive(on: .today()) }
        let view = DeclarationFormPageView(
            orgs: CodeRow.list(orgs),
            emergencies: emergencies.map { .init(id: $0.id, label: "\($0.name) (\($0.country))") },
            entryPoints: try await store.customs.entryPoints(country: nil).map {
                .init(code: $0.code, label: "\($0.code) — \($0.name)\($0.locode == nil ? " (no UN/LOCODE)" : "")")
            },
            items: try await store.items.all().map { .init(code: $0.code, name: $0.name) },
            countries: CountryChoice.list(try await store.reference.countries(), selected: nil),
            rows: (0..<Self.lineRows).map { i in
                func field(_ name: String, _ otherwise: String = "") -> String { fields["line\(i)_\(name)"] ?? otherwise }
                return .init(
                    i: i, description: field("description"), item: field("item"), hs: field("hs"), quantity: field("quantity"),
                    unit: field("unit"), kg: field("kg"), value: field("value"), currency: field("currency", "USD"),
                    origin: field("origin"))
            },
            form: .init(fields), error: error?.message, details: TextRow.located(error?.problems ?? []))
        return pages.page(view, title: "New declaration", context: context, path: "/customs", status: error?.status ?? .ok)
    }

    /// Builds the input from the form; a line row left empty is no line. A catalogue item fills in
    /// the HS code, unit and weight the row leaves blank.
    private func input(from fields: [String: String]) async throws -> DeclarationInput {
        var lines: [DeclarationLineInput] = []
        let items = Dictionary(uniqueKeysWithValues: try await store.items.all().map { ($0.code, $0) })
        for i in 0..<Self.lineRows {
            func field(_ name: String) -> String { (fields["line\(i)_\(name)"] ?? "").trimmingCharacters(in: .whitespaces) }
            guard !field("description").isEmpty || !field("item").isEmpty || !field("quantity").isEmpty else { continue }
            let item = items[field("item").uppercased()]
            let quantity = field("quantity")
            let kg =
                Double(field("kg").replacingOccurrences(of: ",", with: "."))
                ?? item.flatMap { item in Double(quantity).map { $0 * item.weightKg } } ?? 0
            lines.append(
                DeclarationLineInput(
                    description: field("description").isEmpty ? (item?.name ?? "") : field("description"), itemCode: item?.code,
                    hsCode: field("hs").isEmpty ? (item?.hsCode ?? "") : field("hs"), quantity: quantity,
                    unit: field("unit").isEmpty ? (item?.unit ?? "") : field("unit"), grossKg: kg,
                    value: field("value").isEmpty ? "0" : field("value"),
                    currency: field("currency"), origin: field("origin")))
        }
        return DeclarationInput(
            reference: fields["reference"] ?? "", consignee: fields["consignee"] ?? "", destination: fields["destination"] ?? "",
            entryPoint: fields["entry_point"] ?? "", emergencyId: fields["emergency_id"].flatMap { Int64($0) },
            transportMode: fields["transport_mode"] ?? "", transportDocument: fields["transport_document"],
            expectedArrival: fields["expected_arrival"], lines: lines, freight: fields["freight"], insurance: fields["insurance"],
            costsCurrency: fields["costs_currency"])
    }
}
