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
            let filter = MapFilter(
                region: query["region"], sector: query["sector"], tier: query["tier"], org: query["org"], orgType: query["org_type"])
            let sites = try await store.stock.mapSites(filter, visibleTo: context.actor)
            let zoom = min(max(try query.int("zoom", in: MapGrid.zoomLevels) ?? 0, 0), MapGrid.zoomLevels.upperBound)
            let view = WorldMap.view(zoom: zoom, lat: query.double("lat"), lon: query.double("lon"))
            let filters = ["region", "sector", "tier", "org_type", "org"].compactMap { name in
                query[name].map { "\(name)=\(Self.encoded($0))" }
            }
            let page = ListPaging(page: try query.int("page", in: 1...Int.max) ?? 1, of: sites.count, size: 50) { page in
                "/map?" + (filters + ["page=\(page)"]).joined(separator: "&") + "#sites"
            }
            return pages.page(
                MapPageView(
                    svg: map.clusterSVG(
                        MapGrid.clusters(sites, zoom: zoom, within: view.box), zoom: zoom, viewBox: view.viewBox, sites: sites.count
                    ) { cluster in
                        "/map?"
                            + (filters + ["zoom=\(zoom + 1)", "lat=\(Self.short(cluster.lat))", "lon=\(Self.short(cluster.lon))"])
                            .joined(separator: "&")
                    },
                    sites: sites[page.range].map { siteRow($0.site, volume: $0.volumeM3) },
                    paging: page,
                    regions: Set(try await store.reference.countries().map(\.region)).sorted().map {
                        Choice(value: $0, selected: query["region"] == $0)
                    },
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

    static func encoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    static func short(_ degrees: Double) -> String { String(format: "%.3f", degrees) }

    private func siteRow(_ site: Site, volume: Double) -> MapPageView.Site {
        .init(
            id: site.id, code: site.code, name: site.name, org: site.orgCode, country: site.country,
            tier: StockWords.tier(site.tier), tierValue: site.tier.rawValue, sharing: site.sharing.rawValue,
            stock: "\(Numbers.wholeNumber(volume)) m³", capacity: site.capacityM3.map { "\(Numbers.wholeNumber($0)) m³" } ?? "—")
    }
}
