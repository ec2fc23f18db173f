import CorridorCore
import CorridorFormats
import CorridorLanguages
import CorridorStore
import Foundation
import Hummingbird

/// Stock in the browser: the filtered list, the upload form and its result, the country /
/// region / global lists, alerts, and one site's stock.
struct StockPages {
    let store: Store
    let pages: PageRenderer

    /// `uploads` takes the upload form, under the larger body limit.
    func addRoutes(to router: RouterGroup<CorridorRequestContext>, uploads: RouterGroup<CorridorRequestContext>) {
        router.get("stock") { request, context in
            let query = QueryParameters(request)
            let filter = try query.filter()
            let days = try query.coverageDays()
            let lines = try await store.stock.lines(filter, visibleTo: context.actor, limit: 300, days: days)
            let orgs = uploadOrganisations(context.actor, all: try await store.organisations.all().map(\.code))
            return pages.page(
                StockPageView(
                    filters: .init(country: query["country"] ?? "", item: query["item"] ?? "", org: query["org"] ?? ""),
                    countries: CountryChoice.list(try await store.reference.countries(), selected: query["country"]),
                    sectors: Sector.allCases.map { Choice(value: $0.rawValue, selected: query["sector"] == $0.rawValue) },
                    tiers: Site.Tier.allCases.map { Choice(value: $0.rawValue, selected: query["tier"] == $0.rawValue) },
                    lines: lines.map(lineRow),
                    count: lines.count,
                    more: lines.count == 300,
                    query: request.uri.query ?? "",
                    uploadOrgs: CodeRow.list(orgs),
                    canUpload: !orgs.isEmpty,
                    days: days, dayChoices: Self.dayChoices(days),
                    columns: StockPageView.acceptedColumns
                ), title: L("Stock"), context: context, path: "/stock")
        }
        router.get("stock/templates/{file}") { request, context -> Response in
            let file = try request.required("file", context)
            let (body, type): (Data, String)
            switch file {
            case "stock-report.csv": (body, type) = (Data(StockReportTemplate.csv().utf8), "text/csv; charset=utf-8")
            case "stock-report.hxl.csv": (body, type) = (Data(StockReportTemplate.hxl().utf8), "text/csv; charset=utf-8")
            case "stock-report.xlsx":
                (body, type) = (try StockReportTemplate.xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            default: throw DomainError.notFound("no template \(file): stock-report.csv, stock-report.hxl.csv or stock-report.xlsx")
            }
            return Response(
                status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(file)\""],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        }
        uploads.post("stock/upload") { request, context in
            // A browser form arrives as one multipart body, read into memory: keep it modest. Larger
            // reports go through the API or `corridor import stock`, which stream to disk.
            let limit = min(context.maxUploadSize, Self.formUploadLimit)
            let form = try await Forms.multipart(
                request, context: context, limit: limit,
                tooLarge: Phrase(
                    "files over \(limit / 1_048_576) MB go through the API (POST /api/v1/stock/imports) or `corridor import stock`"))
            guard let file = form.file else { throw DomainError.invalid(field: "file", "choose a CSV or XLSX file to upload") }
            let (name, fields) = (file.name, form.fields)
            let org = fields["org"] ?? ""
            do {
                let report = try await StockUpload.importFile(
                    try StockUpload.write(file.data, fileName: name),
                    request: StockImportRequest(
                        org: org, fileName: name, dryRun: fields["dry_run"] == "on",
                        dateConvention: fields["dates"] == "day_first" ? .dayFirst : .isoOnly),
                    store: store, actor: context.actor)
                return pages.page(
                    StockImportedPageView(
                        summary: StockWords.importSummary(report), dryRun: report.dryRun, hxl: report.usesHXL,
                        created: report.sitesCreated.joined(separator: ", "), hasCreated: !report.sitesCreated.isEmpty,
                        ignored: report.ignoredColumns.joined(separator: ", "), hasIgnored: !report.ignoredColumns.isEmpty,
                        warnings: report.warnings.map(RowProblem.init), warningCount: report.warningCount,
                        hasWarnings: !report.warnings.isEmpty
                    ), title: L("Stock report"), context: context, path: "/stock")
            } catch let error as DomainError where error.status == .unprocessableContent || error.status == .notFound {
                return pages.page(
                    StockRejectedPageView(
                        file: name, message: Localizer.current.string(error.phrase), problems: error.problems.map(RowProblem.init)),
                    title: L("Stock report rejected"), context: context, path: "/stock", status: error.status)
            }
        }
        router.get("stock/lists") { request, context in
            let iso = QueryParameters(request)["country"] ?? defaultCountry(context.actor)
            let days = try QueryParameters(request).coverageDays()
            guard let tiers = try await store.stock.prepositioned(for: iso, visibleTo: context.actor, days: days),
                let country = try await store.reference.country(iso)
            else {
                throw DomainError.notFound("no country with ISO code '\(iso)'")
            }
            return pages.page(
                PrepositionedPageView(
                    country: Localizer.current.country(country.alpha2, or: country.name), iso: country.alpha2, subregion: country.subregion,
                    region: country.region,
                    countries: CountryChoice.list(try await store.reference.countries(), selected: country.alpha2),
                    tiers: tiers.map { tier in
                        .init(
                            label: StockWords.prepositionedTier(tier, country: country), countries: tier.countries.joined(separator: ", "),
                            empty: tier.items.isEmpty,
                            items: tier.items.map { item in
                                .init(
                                    name: Localizer.current.item(item.itemCode, or: item.itemName), code: item.itemCode,
                                    sector: item.sector, quantity: Numbers.grouped(item.quantity),
                                    unit: StockWords.unit(item.unit), people: item.peopleCovered.map { Numbers.wholeNumber($0) } ?? "—",
                                    owners: item.owners.joined(separator: ", "), sites: item.sites,
                                    latest: Localizer.current.date(iso: item.latestReport),
                                    stale: item.stale)
                            })
                    },
                    days: days, dayChoices: Self.dayChoices(days)
                ), title: L("Pre-positioned for \(Localizer.current.country(country.alpha2, or: country.name))"), context: context,
                path: "/stock")
        }
        router.get("stock/alerts") { request, context in
            guard context.actor != .anonymous else { throw DomainError.unauthenticated("sign in to see stock alerts") }
            let query = QueryParameters(request)
            let country = try query.country(), kind = try query.alertKind(), page = try query.int("page", in: 1...10_000) ?? 1
            let listed: Set<StockAlert.Kind> = kind.map { [$0] } ?? Set(StockAlert.Kind.allCases)
            // Only the alerts up to this page are read; every kind is counted.
            let shown = try await store.stock.alertPage(
                visibleTo: context.actor, country: country, listing: listed, first: page * AlertsPageView.size)
            let place = country.map { ["country=\($0)"] } ?? []
            let address = { (more: [String]) -> String in
                place + more == [] ? "/stock/alerts" : "/stock/alerts?" + (place + more).joined(separator: "&")
            }
            let paging = ListPaging(page: page, of: shown.count(of: listed), size: AlertsPageView.size) { page in
                address((kind.map { ["kind=\($0.rawValue)"] } ?? []) + ["page=\(page)"])
            }
            return pages.page(
                AlertsPageView(
                    alerts: shown.alerts[paging.range].map { alert in
                        .init(
                            kind: alert.kind.label, severity: alert.severity.rawValue, severityLabel: StockWords.severity(alert.severity),
                            siteId: alert.siteId, country: alert.country, site: alert.siteName, org: alert.org,
                            item: alert.itemCode.map { Localizer.current.item($0, or: alert.itemName ?? $0) } ?? "",
                            message: Localizer.current.string(alert.phrase))
                    },
                    count: Numbers.wholeNumber(Double(shown.counts.values.reduce(0, +))),
                    kinds: StockAlert.Kind.allCases.map { each in
                        .init(
                            label: each.label, count: Numbers.wholeNumber(Double(shown.counts[each] ?? 0)),
                            link: address(["kind=\(each.rawValue)"]), value: each.rawValue, selected: each == kind)
                    },
                    paging: paging,
                    countries: CountryChoice.list(try await store.reference.countries(), selected: country)
                ), title: L("Stock alerts"), context: context, path: "/stock")
        }
        router.get("sites/{id}") { request, context in
            let days = try QueryParameters(request).coverageDays()
            guard let id = Int64(try request.required("id", context)),
                let totals = try await store.stock.siteTotals(visibleTo: context.actor, siteID: id, days: days).first
            else {
                throw DomainError.notFound("no such site")
            }
            let lines =
                totals.detailVisible
                ? try await store.stock.lines(StockFilter(siteID: id), visibleTo: context.actor, limit: 5_000, days: days)
                : []
            let site = totals.site
            return pages.page(
                SitePageView(
                    name: site.name, code: site.code, org: site.orgCode, country: site.country,
                    tier: StockWords.tier(site.tier), sharing: StockWords.sharing(site.sharing),
                    lat: site.lat, lon: site.lon, latest: totals.latestReport.map { Localizer.current.date(iso: $0) } ?? L("no report yet"),
                    sectors: totals.sectors.map {
                        .init(
                            sector: $0.sector, lines: $0.lines, weight: Numbers.wholeNumber($0.weightKg),
                            volume: String(format: "%.1f", $0.volumeM3))
                    },
                    families: totals.families.map {
                        .init(
                            family: $0.familyLabel, people: Numbers.wholeNumber($0.peopleCovered),
                            personDays: $0.personDays.map { Numbers.wholeNumber($0) } ?? L("— (durable)"))
                    },
                    days: days, dayChoices: Self.dayChoices(days),
                    detail: totals.detailVisible, lines: lines.map(lineRow),
                    canEdit: Policy.can(context.actor, .manageSites, .organisation(code: site.orgCode)),
                    adm1: site.adm1 ?? "", capacity: site.capacityM3.map { String($0) } ?? "",
                    free: site.freeM3.map { String($0) } ?? "", id: site.id,
                    tiers: Site.Tier.allCases.map { Choice(value: $0.rawValue, selected: $0 == site.tier) },
                    sharings: Site.Sharing.allCases.map { Choice(value: $0.rawValue, selected: $0 == site.sharing) },
                    countries: CountryChoice.list(try await store.reference.countries(), selected: site.country),
                    overCapacity: site.capacityM3.flatMap { capacity in
                        site.excessM3(stockM3: totals.volumeM3).map { _ in
                            L(
                                "\(Localizer.current.number(String(format: "%.1f", totals.volumeM3))) m³ of available stock at a site of \(Localizer.current.number(String(format: "%.1f", capacity))) m³ capacity"
                            )
                        }
                    }
                ), title: site.name, context: context, path: "/map")
        }
    }

    static let formUploadLimit = 64 * 1024 * 1024

    /// The horizons offered for people covered, with the one asked for among them.
    static func dayChoices(_ days: Int) -> [Choice] {
        Set([7, 14, 30, 60, 90, 180, 365, days]).sorted().map { Choice(value: String($0), selected: $0 == days) }
    }

    private func uploadOrganisations(_ actor: Actor, all: [String]) -> [String] {
        actor.isAdmin ? all : actor.roles.compactMap(\.orgCode)
    }

    private func defaultCountry(_ actor: Actor) -> String {
        actor.roles.compactMap(\.country).first ?? "NP"
    }

    private func lineRow(_ line: StockLineView) -> StockLineRow {
        .init(
            site: line.siteName, country: line.country, item: Localizer.current.item(line.itemCode, or: line.itemName), code: line.itemCode,
            quantity: Numbers.grouped(line.quantity), unit: StockWords.unit(line.unit), owner: line.owner,
            status: StockWords.status(line.status),
            expiry: line.expiry.map { Localizer.current.date(iso: $0) } ?? "", reported: Localizer.current.date(iso: line.reportedAt),
            people: line.peopleCovered.map { Numbers.wholeNumber($0) } ?? "—")
    }
}
