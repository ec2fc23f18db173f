import CorridorCore
import CorridorLanguages
import CorridorStore
import Foundation
import Hummingbird

/// A country's hub: its stock in the country, the region and at the global hubs, its sites on a
/// map zoomed to it, preparedness progress, customs profile, active emergencies, entry points and
/// release times, from the queries the pages of each already use (each filtered for the viewer).
struct CountryPages {
    let store: Store
    let pages: PageRenderer
    let map: WorldMap
    /// Sites listed on a country's page, the largest first.
    static let sitesShown = 25

    func addRoutes(to router: RouterGroup<CorridorRequestContext>) {
        router.get("countries/{iso}") { request, context in
            let raw = try request.required("iso", context)
            guard CountryCode(raw) != nil, let country = try await store.reference.country(raw) else {
                throw DomainError.notFound("no country with ISO code '\(raw)'")
            }
            let iso = country.alpha2
            let today = Day.today()
            let tiers = try await store.stock.prepositioned(for: iso, visibleTo: context.actor) ?? []
            let sites = try await store.stock.mapSites(MapFilter(country: iso), visibleTo: context.actor)
            let checklist = try await store.preparedness.checklist(country: iso)
            let profile = try await store.customsProfiles.get(country: iso)
            let emergencies = try await store.customs.emergencies(country: iso).filter { $0.isActive(on: today) }
            let entryPoints = try await store.customs.entryPoints(country: iso)
            let measured = profile?.measured
            return pages.page(
                CountryPageView(
                    iso: iso, name: Localizer.current.country(iso, or: country.name), region: country.region, subregion: country.subregion,
                    map: map.svg(sites: sites, focus: try? ReferenceFiles.outlines().boundingBox(of: iso)),
                    hasSites: !sites.isEmpty,
                    // The largest first, a page's worth: the whole list is a link away.
                    sites: sites.sorted { $0.volumeM3 > $1.volumeM3 }.prefix(Self.sitesShown).map {
                        .init(
                            id: $0.site.id, name: $0.site.name, org: $0.site.orgCode, tier: StockWords.tier($0.site.tier),
                            stock: "\(Numbers.wholeNumber($0.volumeM3)) m³")
                    },
                    moreSites: sites.count > Self.sitesShown
                        ? L("All \(sites.count) sites in \(Localizer.current.country(iso, or: country.name))") : nil,
                    tiers: tiers.map { tier in
                        .init(
                            label: StockWords.prepositionedTier(tier, country: country), items: tier.items.count,
                            // People covered is per item family, never added up across families.
                            top: tier.items.sorted { ($0.peopleCovered ?? 0) > ($1.peopleCovered ?? 0) }.prefix(3).map {
                                "\(Localizer.current.item($0.itemCode, or: $0.itemName)): \(Numbers.grouped($0.quantity)) \($0.unit)"
                                    + ($0.peopleCovered.map { " " + L("(\(Numbers.wholeNumber($0)) people)") } ?? "")
                            }.joined(separator: " · "))
                    },
                    progress: (checklist?.progress ?? []).map { progress in
                        .init(
                            category: progress.category, done: progress.done, applicable: progress.applicable,
                            percent: progress.applicable == 0
                                ? 0 : Int((Double(progress.done) / Double(progress.applicable) * 100).rounded()))
                    },
                    profileRecorded: profile?.recorded ?? false,
                    agreement: profile?.profile.ochaModelAgreement.map {
                        L("OCHA Model Agreement signed \(Localizer.current.date(iso: $0))")
                    }
                        ?? L("no OCHA Model Agreement recorded"),
                    kyoto: profile?.profile.kyotoAnnexJ5 == true
                        ? L("Revised Kyoto Convention Annex J5 accepted") : L("Annex J5 not accepted"),
                    releaseHours: profile?.profile.defaultReleaseHours.map { L("\(Int($0)) h by the profile") }
                        ?? L("no release time in the profile"),
                    measuredCount: measured?.count ?? 0,
                    measuredMedian: measured?.medianHours.map { Localizer.current.number(String(format: "%.1f", $0)) + " h" } ?? "—",
                    measuredP90: measured?.p90Hours.map { Localizer.current.number(String(format: "%.1f", $0)) + " h" } ?? "—",
                    emergencies: emergencies.map {
                        .init(
                            name: $0.name, hazard: CodeWords.of($0.hazard), declared: Localizer.current.date($0.declared),
                            ends: $0.ends.map { Localizer.current.date($0) } ?? L("open"))
                    },
                    entryPoints: entryPoints.map {
                        .init(code: $0.locode ?? L("\($0.code), no UN/LOCODE"), name: $0.name, kind: $0.kind.label)
                    }
                ), title: Localizer.current.country(iso, or: country.name), context: context, path: "/countries")
        }
    }
}
