import CorridorCore
import CorridorLanguages
import CorridorStore
import Foundation
import Hummingbird

/// The release-time dashboard of a country (WCO Time Release Study). Public, like
/// GET /api/v1/countries/{iso}/release-times, whose figures it draws.
struct ReleaseTimePages {
    let store: Store
    let pages: PageRenderer

    func addRoutes(to router: RouterGroup<CorridorRequestContext>) {
        router.get("countries/{iso}/release-times") { request, context in
            let raw = try request.required("iso", context)
            guard CountryCode(raw) != nil, let country = try await store.reference.country(raw) else {
                throw DomainError.notFound("no country with ISO code '\(raw)'")
            }
            let query = QueryParameters(request)
            let today = Day.today()
            let period = try ReleasePeriod(from: query["from"], to: query["to"], today: today)
            let times = try await store.declarations.releaseTimes(country: country.alpha2, period: period)
            let points = try await store.customs.entryPoints(country: country.alpha2)
            // Busiest first: that is where a slow stretch holds up the most relief.
            let measured = points.filter { times.entryPoints[$0.code] != nil }
                .sorted { a, b in
                    let (countA, countB) = (
                        times.entryPoints[a.code]![.lodgementToLane].count, times.entryPoints[b.code]![.lodgementToLane].count
                    )
                    return countA != countB ? countA > countB : a.name < b.name
                }
            // Entry points no longer in the reference list still had releases; they keep their code as a name.
            let unknown = times.entryPoints.keys.filter { code in !points.contains { $0.code == code } }.sorted()
            let countryName = Localizer.current.country(country.alpha2, or: country.name)
            var groups = [ReleaseTimeChart.Group(title: L("All entry points of \(countryName)"), breakdown: times.all)]
            groups += measured.map { ReleaseTimeChart.Group(title: "\($0.name) (\($0.code))", breakdown: times.entryPoints[$0.code]!) }
            groups += unknown.map { ReleaseTimeChart.Group(title: $0, breakdown: times.entryPoints[$0]!) }
            let unmeasured = points.filter { times.entryPoints[$0.code] == nil }.map { "\($0.name) (\($0.code))" }
            let title = L("Release times in \(countryName), \(period.from) to \(period.to)")
            return pages.page(
                ReleaseTimesPageView(
                    country: country.alpha2, countryName: countryName,
                    from: period.from.description, to: period.to.description,
                    hasData: times.all[.arrivalToRelease].count + times.all[.lodgementToLane].count > 0,
                    chart: ReleaseTimeChart.svg(groups: groups, title: title),
                    segments: ReleaseSegment.allCases.map { .init(label: $0.shown) },
                    rows: groups.enumerated().map { index, group in
                        .init(
                            name: group.title, total: index == 0,
                            cells: ReleaseSegment.allCases.map { segment in
                                let summary = group.breakdown[segment]
                                return .init(
                                    count: summary.count, median: summary.medianHours.map(ReleaseTimeChart.hours) ?? "–",
                                    p90: summary.p90Hours.map(ReleaseTimeChart.hours) ?? "–")
                            })
                    },
                    unmeasured: unmeasured.joined(separator: ", "), hasUnmeasured: !unmeasured.isEmpty,
                    ranges: [30, 90, 365].map { days in
                        .init(label: L("last \(days) days"), from: today.adding(days: -(days - 1)).description, to: today.description)
                    }
                ), title: L("Release times — \(countryName)"), context: context, path: "/customs")
        }
    }
}
