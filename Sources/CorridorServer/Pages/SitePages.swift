import CorridorCore
import CorridorLanguages
import CorridorStore
import Foundation
import Hummingbird

/// Creating and editing sites in the browser; the same repository (and policy) as the API.
struct SitePages {
    let store: Store
    let pages: PageRenderer

    func addRoutes(to router: RouterGroup<CorridorRequestContext>) {
        router.get("sites") { request, context in
            let query = QueryParameters(request)
            return try await sitesPage(
                context: context, country: try query.country(), org: query["org"], page: try query.int("page", in: 1...Int.max) ?? 1)
        }
        router.post("sites") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            do {
                let site = try await store.sites.create(try Self.input(fields), org: fields["org"] ?? "", by: context.actor)
                return Response(status: .seeOther, headers: [.location: "/sites/\(site.id)"])
            } catch let error as DomainError where error.status == .unprocessableContent || error.status == .conflict {
                return try await sitesPage(context: context, error: error, fields: fields)
            }
        }
        router.post("sites/{id}") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            guard let id = Int64(try request.required("id", context)) else { throw DomainError.notFound("no such site") }
            _ = try await store.sites.update(id: id, with: try Self.input(fields), by: context.actor)
            return Response(status: .seeOther, headers: [.location: "/sites/\(id)"])
        }
    }

    /// The sites the visitor may see, in `country` and of `org` if given, a hundred to a page, and the form to add one.
    private func sitesPage(
        context: CorridorRequestContext, country: String? = nil, org: String? = nil, page: Int = 1, error: DomainError? = nil,
        fields: [String: String] = [:]
    ) async throws -> Response {
        let sites = try await store.sites.visible(to: context.actor, country: country, org: org)
        let filters = (country.map { ["country=\($0)"] } ?? []) + (org.map { ["org=\(ShellPages.encoded($0))"] } ?? [])
        let paging = ListPaging(page: page, of: sites.count, size: 100) { page in
            "/sites?" + (filters + ["page=\(page)"]).joined(separator: "&")
        }
        let orgs = context.actor.isAdmin ? try await store.organisations.all().map(\.code) : context.actor.roles.compactMap(\.orgCode)
        let countries = try await store.reference.countries()
        let view = SitesPageView(
            sites: sites[paging.range].map {
                .init(
                    id: $0.id, code: $0.code, name: $0.name, org: $0.orgCode, country: $0.country,
                    tier: StockWords.tier($0.tier), sharing: StockWords.sharing($0.sharing))
            },
            orgs: CodeRow.list(orgs), canCreate: !orgs.isEmpty,
            tiers: Site.Tier.allCases.map { ValueRow(value: $0.rawValue) },
            sharings: Site.Sharing.allCases.map { ValueRow(value: $0.rawValue) },
            paging: paging, shownCountries: CountryChoice.list(countries, selected: country), shownOrg: org ?? "",
            countries: CountryChoice.list(countries, selected: fields["country"]),
            form: .init(fields), error: error.map { Localizer.current.string($0.phrase) }, details: TextRow.located(error?.problems ?? []))
        return pages.page(view, title: L("Sites"), context: context, path: "/stock", status: error?.status ?? .ok)
    }

    static func input(_ fields: [String: String]) throws -> SiteInput {
        var problems = ProblemList()
        func degrees(_ name: String) -> Double? {
            guard let raw = fields[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            // Coordinates have no thousands: a decimal comma is a decimal point.
            guard let value = Double(raw.replacingOccurrences(of: ",", with: ".").replacingOccurrences(of: "\u{2212}", with: "-")) else {
                problems.add(field: name, "'\(raw)' is not a number"); return nil
            }
            return value
        }
        func number(_ name: String) -> Double? {
            guard let raw = fields[name], !raw.trimmedCell.isEmpty else { return nil }
            switch Quantity.parse(raw, convention: .form) {
            case .success(let value): return value.doubleValue
            case .failure(let problem):
                problems.add(field: name, "'\(raw)' \(problem)")
                return nil
            }
        }
        let lat = degrees("lat"), lon = degrees("lon")
        if fields["lat"]?.isEmpty ?? true { problems.add(field: "lat", "is required") }
        if fields["lon"]?.isEmpty ?? true { problems.add(field: "lon", "is required") }
        let capacity = number("capacity_m3"), free = number("free_m3")
        try problems.check()
        return SiteInput(
            code: fields["code"] ?? "", name: fields["name"] ?? "", country: fields["country"] ?? "",
            adm1: fields["adm1"].flatMap { $0.isEmpty ? nil : $0 }, lat: lat ?? 0, lon: lon ?? 0,
            tier: fields["tier"] ?? "national", capacityM3: capacity, freeM3: free, sharing: fields["sharing"] ?? "public")
    }
}
