import Foundation
import CorridorCore
import CorridorLanguages
import CorridorStore
import Hummingbird

/// The pages every visitor can open: home, map, stock, customs, preparedness, organisations, countries.
struct ShellPages {
    let store: Store
    let pages: PageRenderer
    let map: WorldMap

    func addRoutes(to router: RouterGroup<CorridorRequestContext>) {
        router.get("/") { _, context in
            let sites = try await store.sites.visible(to: context.actor)
            let organisations = try await store.organisations.all()
            return pages.page(
                HomePageView(
                    organisations: organisations.count,
                    sites: sites.count,
                    hubs: sites.filter { $0.tier == .globalHub }.count,
                    countries: Set(sites.map(\.country)).count,
                    signedOut: context.actor == .anonymous,
                    work: try await HomeWork.of(context.actor, sites: sites, store: store)
                ), title: "Corridor", context: context, path: "/")
        }
        router.get("map") { request, context in
            let query = QueryParameters(request)
            let organisations = try await store.organisations.all()
            let orgTypes = Dictionary(uniqueKeysWithValues: organisations.map { ($0.code, $0.type.rawValue) })
            let countries = Dictionary(uniqueKeysWithValues: try await store.reference.countries().map { ($0.alpha2, $0.region) })
            let sites = try await store.stock.siteTotals(visibleTo: context.actor).filter { entry in
                (query["region"] == nil || countries[entry.site.country] == query["region"])
                    && (query["org"] == nil || entry.site.orgCode == query["org"]?.uppercased())
                    && (query["org_type"] == nil || orgTypes[entry.site.orgCode] == query["org_type"])
                    && (query["tier"] == nil || entry.site.tier.rawValue == query["tier"])
                    && (query["sector"] == nil || entry.sectors.contains { $0.sector == query["sector"] })
            }
            return pages.page(
                MapPageView(
                    svg: map.svg(sites: sites),
                    sites: sites.map { siteRow($0.site, volume: $0.volumeM3) },
                    regions: Set(countries.values).sorted().map { Choice(value: $0, selected: query["region"] == $0) },
                    sectors: Sector.allCases.map { Choice(value: $0.rawValue, selected: query["sector"] == $0.rawValue) },
                    tiers: Site.Tier.allCases.map { Choice(value: $0.rawValue, selected: query["tier"] == $0.rawValue) },
                    orgTypes: OrganisationType.allCases.map {
                        LabelledChoice(
                            value: $0.rawValue, label: StockWords.organisationType($0), selected: query["org_type"] == $0.rawValue)
                    },
                    org: query["org"] ?? ""
                ), title: L("Map of pre-positioned stock"), context: context, path: "/map")
        }
        router.get("map/world.svg") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "public, max-age=86400"],
                body: .init(byteBuffer: .init(string: map.outlineSVG)))
        }
        router.get("organisations") { _, context in
            let organisations = try await store.organisations.all()
            return pages.page(
                OrganisationsPageView(
                    organisations: organisations.map {
                        .init(
                            code: $0.code, name: $0.name, type: StockWords.organisationType($0.type), country: $0.hqCountry,
                            fictitious: pages.demo && DemoLoader.inventedOrganisations.contains($0.code))
                    },
                    count: organisations.count
                ), title: L("Organisations"), context: context, path: "/organisations")
        }
        router.get("countries") { _, context in
            let countries = try await store.reference.countries()
            let regions = Dictionary(grouping: countries, by: \.region).sorted { $0.key < $1.key }
            return pages.page(
                CountriesPageView(
                    count: countries.count,
                    regions: regions.map { region, members in
                        .init(
                            name: region, count: members.count,
                            countries: members.map {
                                .init(
                                    alpha2: $0.alpha2, alpha3: $0.alpha3, name: Localizer.current.country($0.alpha2, or: $0.name),
                                    subregion: $0.subregion)
                            })
                    }
                ), title: L("Countries"), context: context, path: "/countries")
        }
    }

    private func siteRow(_ site: Site, volume: Double) -> MapPageView.Site {
        .init(
            id: site.id, code: site.code, name: site.name, org: site.orgCode, country: site.country,
            tier: StockWords.tier(site.tier), tierValue: site.tier.rawValue, sharing: site.sharing.rawValue,
            stock: "\(Numbers.wholeNumber(volume)) m³", capacity: site.capacityM3.map { "\(Numbers.wholeNumber($0)) m³" } ?? "—")
    }
}
