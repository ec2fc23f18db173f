import CorridorCore
import CorridorLanguages
import CorridorStore
import Foundation
import Hummingbird

/// The declaration form, to draft a new one or change one: a draft is edited, a lodged declaration
/// gets an amendment request that customs decides. Problems show next to their fields, in words a
/// person reads, and the form keeps what was typed.
struct DeclarationFormPages {
    let store: Store
    let pages: PageRenderer
    static let blankRows = 5
    /// More lines than this are not edited on the form; a packing list replaces them.
    static let editableLines = 50

    func addRoutes(to router: RouterGroup<CorridorRequestContext>) {
        router.get("customs/declarations/new") { _, context in
            try await newForm(context: context)
        }
        router.post("customs/declarations") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            do {
                let input = try await input(from: fields, keeping: nil)
                let created = try await store.declarations.create(input, org: fields["org"] ?? "", by: context.actor)
                return Response(status: .seeOther, headers: [.location: "/customs/declarations/\(created.id)"])
            } catch let error as DomainError where error.status == .unprocessableContent {
                return try await newForm(context: context, fields: fields, error: error)
            }
        }
        router.get("customs/declarations/{id}/edit") { request, context in
            let current = try await declaration(request, context)
            return try await editForm(current, context: context, fields: Self.fields(of: current), error: nil)
        }
        router.post("customs/declarations/{id}/edit") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            let current = try await declaration(request, context)
            do {
                let input = try await input(from: fields, keeping: fields["keep_lines"] == "1" ? current.input.lines : nil)
                guard let version = Int64(fields["version"] ?? "") else { throw DomainError.invalid(field: "version", "reload the form") }
                _ = try await store.declarations.amend(id: current.id, input, version: version, by: context.actor)
                return Response(status: .seeOther, headers: [.location: "/customs/declarations/\(current.id)"])
            } catch let error as DomainError where error.status == .unprocessableContent || error.status == .conflict {
                return try await editForm(current, context: context, fields: fields, error: error)
            }
        }
    }

    private func declaration(_ request: Request, _ context: CorridorRequestContext) async throws -> DeclarationView {
        guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in first") }
        guard let id = Int64(try request.required("id", context)), let d = try await store.declarations.view(id: id, by: context.actor)
        else { throw DomainError.notFound("no such declaration") }
        return d
    }

    private func newForm(context: CorridorRequestContext, fields: [String: String] = [:], error: DomainError? = nil) async throws
        -> Response
    {
        guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in first") }
        let orgs = context.actor.isAdmin ? try await store.organisations.all().map(\.code) : context.actor.roles.compactMap(\.orgCode)
        let view = try await formView(
            heading: L("New relief consignment declaration"), intro: nil, action: "/customs/declarations", submit: L("Save draft"),
            editing: false, version: 0, lineCount: 0, orgs: orgs, fields: fields, error: error)
        return pages.page(view, title: L("New declaration"), context: context, path: "/customs", status: error?.status ?? .ok)
    }

    private func editForm(_ current: DeclarationView, context: CorridorRequestContext, fields: [String: String], error: DomainError?)
        async throws -> Response
    {
        let draft = current.state == .draft
        let view = try await formView(
            heading: draft ? L("Edit draft \(current.reference)") : L("Request an amendment to \(current.reference)"),
            intro: draft
                ? L("The draft is yours to change until you lodge it.")
                : L(
                    "The declaration was lodged: your organisation is liable for what it stated. Customs sees each change you ask for and accepts or refuses it; until then the declaration stays as lodged."
                ),
            action: "/customs/declarations/\(current.id)/edit", submit: draft ? L("Save draft") : L("Send the amendment request"),
            editing: true, version: Int64(fields["version"] ?? "") ?? current.version, lineCount: current.lines.count, orgs: [],
            fields: fields, error: error)
        return pages.page(view, title: view.heading, context: context, path: "/customs", status: error?.status ?? .ok)
    }

    /// The form's fields as the declaration stands.
    static func fields(of d: DeclarationView) -> [String: String] {
        var fields: [String: String] = [
            "reference": d.reference, "consignee": d.consignee, "destination": d.destination, "entry_point": d.entryPoint,
            "emergency_id": d.emergencyId.map(String.init) ?? "", "transport_mode": d.transportMode,
            "transport_document_type": d.transportDocumentType ?? "", "transport_document": d.transportDocument ?? "",
            "expected_arrival": d.expectedArrival ?? "", "packages": d.packages.map(String.init) ?? "",
            "packages_kind": d.packagesKind ?? "",
            "version": String(d.version),
        ]
        for (i, line) in d.lines.prefix(editableLines).enumerated() {
            fields["line\(i)_item"] = line.itemCode ?? ""
            fields["line\(i)_description"] = line.description
            fields["line\(i)_hs"] = line.hsCode
            fields["line\(i)_quantity"] = line.quantity.description
            fields["line\(i)_unit"] = line.unit
            fields["line\(i)_kg"] = Numbers.wholeNumber(line.grossKg).replacingOccurrences(of: ",", with: "")
            fields["line\(i)_value"] = line.noCommercialValue && line.value == .zero ? "" : line.value.description
            fields["line\(i)_ncv"] = line.noCommercialValue ? "1" : ""
            fields["line\(i)_currency"] = line.currency
            fields["line\(i)_origin"] = line.origin
        }
        return fields
    }

    private func formView(
        heading: String, intro: String?, action: String, submit: String, editing: Bool, version: Int64, lineCount: Int, orgs: [String],
        fields: [String: String], error: DomainError?
    ) async throws -> DeclarationFormPageView {
        let problems = error?.problems ?? []
        var fieldErrors: [String: String] = [:]
        var lineErrors: [Int: [String]] = [:]
        for problem in problems {
            if let field = problem.field, let (number, inner) = FieldNames.line(of: field) {
                lineErrors[number - 1, default: []].append(FieldNames.sentence(Problem(field: inner, problem: problem.phrase)))
            } else if let field = problem.field, FieldNames.labels[field] != nil, field != "lines" {
                fieldErrors[field] = Localizer.current.string(problem.phrase)
            }
        }
        let countries = try await store.reference.countries().sorted { $0.name < $1.name }
        let emergencies = try await store.customs.emergencies(country: nil).filter { $0.isActive(on: .today()) }
        let entryPoints = try await store.customs.entryPoints(country: nil)
        func value(_ name: String) -> String { fields[name] ?? "" }
        func options(_ pairs: [(String, String)], _ name: String, blank: String? = nil) -> [DeclarationFormPageView.Option] {
            let all: [(String, String)] = (blank.map { [("", $0)] } ?? []) + pairs
            return all.map { .init(value: $0.0, text: $0.1, selected: $0.0 == value(name)) }
        }
        func text(_ name: String, type: String = "text", hint: String? = nil) -> DeclarationFormPageView.Field {
            .init(
                name: name, label: FieldNames.labels[name] ?? name, type: type, value: value(name), hint: hint ?? "", isSelect: false,
                options: [], invalid: fieldErrors[name] != nil, problem: fieldErrors[name] ?? "")
        }
        func select(_ name: String, _ choices: [DeclarationFormPageView.Option]) -> DeclarationFormPageView.Field {
            .init(
                name: name, label: FieldNames.labels[name] ?? name, type: "", value: value(name), hint: "", isSelect: true,
                options: choices,
                invalid: fieldErrors[name] != nil, problem: fieldErrors[name] ?? "")
        }
        let keepLines = editing && lineCount > Self.editableLines
        let rowCount = editing ? max(Self.blankRows, min(lineCount, Self.editableLines) + 2) : Self.blankRows
        let items = try await store.items.all()
        return DeclarationFormPageView(
            heading: heading, intro: intro, action: action, submit: submit, editing: editing, version: version, keepLines: keepLines,
            lineCount: lineCount, orgs: CodeRow.list(orgs),
            fields: [
                text("reference"), text("consignee"),
                select(
                    "destination",
                    options(countries.map { ($0.alpha2, "\($0.name) (\($0.alpha2))") }, "destination", blank: L("Choose the country"))),
                select(
                    "entry_point",
                    options(
                        entryPoints.map { ($0.code, "\($0.name), \($0.country) (\($0.locode ?? "\($0.code), no UN/LOCODE"))") },
                        "entry_point")),
                select(
                    "emergency_id",
                    options(emergencies.map { (String($0.id), "\($0.name) (\($0.country))") }, "emergency_id", blank: L("none"))),
                select("transport_mode", options(TransportMode.allCases.map { ($0.rawValue, $0.rawValue) }, "transport_mode")),
                select(
                    "transport_document_type",
                    options(TransportDocumentType.allCases.map { ($0.rawValue, $0.shown) }, "transport_document_type", blank: L("Choose"))),
                text("transport_document", hint: L("air waybill 176-12345675")),
                text("expected_arrival", type: "date"), text("packages", type: "number"),
                text("packages_kind", hint: L("pallets, cartons, bales, drums…")),
                text("freight", hint: L("to the border, if known")), text("insurance", hint: L("if known")),
                text("costs_currency", hint: "USD"),
            ],
            items: items.map { .init(code: $0.code, name: $0.name) },
            countries: CountryChoice.list(countries, selected: nil),
            rows: (0..<rowCount).map { i in
                func field(_ name: String, _ otherwise: String = "") -> String { fields["line\(i)_\(name)"] ?? otherwise }
                return .init(
                    i: i, no: i + 1, description: field("description"), item: field("item"), hs: field("hs"), quantity: field("quantity"),
                    unit: field("unit"), kg: field("kg"), value: field("value"), ncv: field("ncv") == "1",
                    currency: field("currency", "USD"), origin: field("origin"), invalid: lineErrors[i] != nil,
                    problem: lineErrors[i]?.joined(separator: "; ") ?? "")
            },
            error: error.map {
                problems.isEmpty ? Localizer.current.message($0) : L("The declaration was not saved: correct what is marked below.")
            },
            details: problems.map { TextRow(text: FieldNames.sentence($0)) })
    }

    /// Builds the input from the form; a line row left empty is no line. A catalogue item fills in
    /// the HS code, unit and weight the row leaves blank.
    private func input(from fields: [String: String], keeping lines: [DeclarationLineInput]?) async throws -> DeclarationInput {
        var rows: [DeclarationLineInput] = []
        let items = Dictionary(uniqueKeysWithValues: try await store.items.all().map { ($0.code, $0) })
        var i = 0
        while lines == nil, fields.keys.contains("line\(i)_description") || i < Self.blankRows {
            defer { i += 1 }
            func field(_ name: String) -> String { (fields["line\(i)_\(name)"] ?? "").trimmingCharacters(in: .whitespaces) }
            guard !field("description").isEmpty || !field("item").isEmpty || !field("quantity").isEmpty else { continue }
            let item = items[field("item").uppercased()]
            let quantity = field("quantity")
            let kg =
                Double(field("kg").replacingOccurrences(of: ",", with: "."))
                ?? item.flatMap { item in Double(quantity).map { $0 * item.weightKg } } ?? 0
            let ncv = field("ncv") == "1"
            rows.append(
                DeclarationLineInput(
                    description: field("description").isEmpty ? (item?.name ?? "") : field("description"), itemCode: item?.code,
                    hsCode: field("hs").isEmpty ? (item?.hsCode ?? "") : field("hs"), quantity: quantity,
                    unit: field("unit").isEmpty ? (item?.unit ?? "") : field("unit"), grossKg: kg,
                    value: field("value").isEmpty && !ncv ? "0" : field("value"), currency: field("currency"), origin: field("origin"),
                    noCommercialValue: ncv ? true : nil))
        }
        func optional(_ name: String) -> String? { fields[name].flatMap { $0.trimmedCell.isEmpty ? nil : $0 } }
        let packages = try optional("packages").map { raw -> Int in
            guard let number = Int(raw.filter { $0 != "," && $0 != " " }) else {
                throw DomainError.invalid(field: "packages", "'\(raw)' is not a whole number")
            }
            return number
        }
        return DeclarationInput(
            reference: fields["reference"] ?? "", consignee: fields["consignee"] ?? "", destination: fields["destination"] ?? "",
            entryPoint: fields["entry_point"] ?? "", emergencyId: fields["emergency_id"].flatMap { Int64($0) },
            transportMode: fields["transport_mode"] ?? "", transportDocument: optional("transport_document"),
            transportDocumentType: optional("transport_document_type"), expectedArrival: optional("expected_arrival"),
            packages: packages, packagesKind: optional("packages_kind"), lines: lines ?? rows, freight: optional("freight"),
            insurance: optional("insurance"), costsCurrency: optional("costs_currency"))
    }
}
