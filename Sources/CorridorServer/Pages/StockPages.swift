import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation
import Hummingbird

/// Stock in the browser: the filtered list, the upload form and its result, the country /
/// region / global lists, alerts, and one site's stock.
struct StockPages {
    let store: Store
    let pages: PageRenderer

    func addRoutes(to router: Router<CorridorRequestContext>) {
        router.get("stock") { request, context in
            let query = QueryParameters(request)
            let filter = try query.filter()
            let lines = try await store.stock.lines(filter, visibleTo: context.actor, limit: 300)
            let orgs = uploadOrganisations(context.actor, all: try await store.organisations.all().map(\.code))
            return pages.page("stock", title: "Stock", data: [
                "filters": filterFields(query),
                "sectors": Sector.allCases.map { ["value": $0.rawValue, "selected": query["sector"] == $0.rawValue] },
                "tiers": Site.Tier.allCases.map { ["value": $0.rawValue, "selected": query["tier"] == $0.rawValue] },
                "lines": lines.map(lineRow),
                "count": lines.count,
                "more": lines.count == 300,
                "query": request.uri.query ?? "",
                "uploadOrgs": orgs.map { ["code": $0] },
                "canUpload": !orgs.isEmpty,
            ], context: context, path: "/stock")
        }
        router.post("stock/upload") { request, context in
            // A browser form arrives as one multipart body, read into memory: keep it modest. Larger
            // reports go through the API or `corridor import stock`, which stream to disk.
            let limit = min(context.maxUploadSize, Self.formUploadLimit)
            if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
                throw DomainError.tooLarge("files over \(limit / 1_048_576) MB go through the API (POST /api/v1/stock/imports) or `corridor import stock`")
            }
            let body = try await request.body.collect(upTo: limit)
            guard let form = MultipartForm(contentType: request.headers[.contentType] ?? "", body: Data(body.readableBytesView)) else {
                throw DomainError.invalid(field: "file", "send the form as multipart/form-data")
            }
            let fields = Dictionary(form.parts.filter { $0.fileName == nil }.map { ($0.name, String(decoding: $0.data, as: UTF8.self)) },
                                    uniquingKeysWith: { a, _ in a })
            try Forms.checkCSRF(fields, context: context)
            guard let filePart = form.part(named: "file"), let name = filePart.fileName, !name.isEmpty, !filePart.data.isEmpty else {
                throw DomainError.invalid(field: "file", "choose a CSV or XLSX file to upload")
            }
            let org = fields["org"] ?? ""
            do {
                let report = try await StockUpload.importFile(
                    try StockUpload.write(filePart.data, fileName: name),
                    request: StockImportRequest(org: org, fileName: name, dryRun: fields["dry_run"] == "on",
                                                dateConvention: fields["dates"] == "day_first" ? .dayFirst : .isoOnly),
                    store: store, actor: context.actor)
                return pages.page("stock-import", title: "Stock report", data: [
                    "ok": true, "summary": report.summary, "dryRun": report.dryRun, "hxl": report.usesHXL,
                    "created": report.sitesCreated.joined(separator: ", "), "hasCreated": !report.sitesCreated.isEmpty,
                    "ignored": report.ignoredColumns.joined(separator: ", "), "hasIgnored": !report.ignoredColumns.isEmpty,
                    "warnings": report.warnings.map(problemRow), "warningCount": report.warningCount,
                    "hasWarnings": !report.warnings.isEmpty,
                ], context: context, path: "/stock")
            } catch let error as DomainError where error.status == .unprocessableContent || error.status == .notFound {
                return pages.page("stock-import", title: "Stock report rejected", data: [
                    "ok": false, "file": name, "message": error.message, "problems": error.problems.map(problemRow),
                ], context: context, path: "/stock", status: error.status)
            }
        }
        router.get("stock/lists") { request, context in
            let iso = QueryParameters(request)["country"] ?? defaultCountry(context.actor)
            guard let tiers = try await store.stock.prepositioned(for: iso, visibleTo: context.actor),
                  let country = try await store.reference.country(iso) else {
                throw DomainError.notFound("no country with ISO code '\(iso)'")
            }
            return pages.page("prepositioned", title: "Pre-positioned for \(country.name)", data: [
                "country": country.name, "iso": country.alpha2, "subregion": country.subregion, "region": country.region,
                "countries": try await store.reference.countries().map { ["alpha2": $0.alpha2, "name": $0.name, "selected": $0.alpha2 == country.alpha2] },
                "tiers": tiers.map { tier in
                    ["label": tier.label, "countries": tier.countries.joined(separator: ", "), "empty": tier.items.isEmpty,
                     "items": tier.items.map { item in
                         ["name": item.itemName, "code": item.itemCode, "sector": item.sector, "quantity": Numbers.grouped(item.quantity),
                          "unit": item.unit, "people": item.peopleCovered.map { Numbers.wholeNumber($0) } ?? "—",
                          "owners": item.owners.joined(separator: ", "), "sites": item.sites, "latest": item.latestReport,
                          "stale": item.stale] as [String: Any]
                     }] as [String: Any]
                },
            ], context: context, path: "/stock")
        }
        router.get("stock/alerts") { request, context in
            guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in to see stock alerts") }
            let alerts = try await store.stock.alerts(visibleTo: context.actor)
            return pages.page("alerts", title: "Stock alerts", data: [
                "alerts": alerts.map { ["kind": $0.kind.rawValue.replacingOccurrences(of: "_", with: " "), "site": $0.siteName,
                                        "org": $0.org, "item": $0.itemName ?? "", "message": $0.message] },
                "count": alerts.count,
            ], context: context, path: "/stock")
        }
        router.get("sites/{id}") { request, context in
            guard let id = Int64(try request.required("id", context)),
                  let totals = try await store.stock.siteTotals(visibleTo: context.actor, siteID: id).first else {
                throw DomainError.notFound("no such site")
            }
            let lines = totals.detailVisible
                ? try await store.stock.lines(StockFilter(siteID: id), visibleTo: context.actor, limit: 5_000)
                : []
            return pages.page("site", title: totals.site.name, data: [
                "name": totals.site.name, "code": totals.site.code, "org": totals.site.orgCode, "country": totals.site.country,
                "tier": totals.site.tier.rawValue.replacingOccurrences(of: "_", with: " "), "sharing": totals.site.sharing.rawValue,
                "lat": totals.site.lat, "lon": totals.site.lon, "latest": totals.latestReport ?? "no report yet",
                "sectors": totals.sectors.map { ["sector": $0.sector, "lines": $0.lines, "weight": Numbers.wholeNumber($0.weightKg),
                                                 "volume": String(format: "%.1f", $0.volumeM3), "people": Numbers.wholeNumber($0.peopleCovered)] },
                "detail": totals.detailVisible, "lines": lines.map(lineRow),
                "canEdit": Policy.can(context.actor, .manageSites, .organisation(code: totals.site.orgCode)),
                "adm1": totals.site.adm1 ?? "", "capacity": totals.site.capacityM3.map { String($0) } ?? "",
                "free": totals.site.freeM3.map { String($0) } ?? "", "id": totals.site.id,
                "tiers": Site.Tier.allCases.map { ["value": $0.rawValue, "selected": $0 == totals.site.tier] },
                "sharings": Site.Sharing.allCases.map { ["value": $0.rawValue, "selected": $0 == totals.site.sharing] },
            ], context: context, path: "/map")
        }
    }

    static let formUploadLimit = 64 * 1024 * 1024

    private func uploadOrganisations(_ actor: Actor, all: [String]) -> [String] {
        actor.isAdmin ? all : actor.roles.compactMap(\.orgCode)
    }

    private func defaultCountry(_ actor: Actor) -> String {
        actor.roles.compactMap(\.country).first ?? "NP"
    }

    private func filterFields(_ query: QueryParameters) -> [String: String] {
        ["country": query["country"] ?? "", "item": query["item"] ?? "", "org": query["org"] ?? ""]
    }

    private func lineRow(_ line: StockLineView) -> [String: Any] {
        ["site": line.siteName, "country": line.country, "item": line.itemName, "code": line.itemCode,
         "quantity": Numbers.grouped(line.quantity), "unit": line.unit, "owner": line.owner, "status": line.status,
         "expiry": line.expiry ?? "", "reported": line.reportedAt,
         "people": line.peopleCovered.map { Numbers.wholeNumber($0) } ?? "—"]
    }

    private func problemRow(_ problem: Problem) -> [String: Any] {
        ["row": problem.row.map(String.init) ?? "", "column": problem.column ?? problem.field ?? "", "problem": problem.problem]
    }

}
