import CorridorCore
import CorridorFormats
import CorridorStore
import Foundation
import Testing

/// The map's clusters count and sum exactly the sites their viewer may see, at every zoom.
@Suite struct MapClusterTests {
    @Test(arguments: TestDatabase.available)
    func clustersAddUpToTheSitesEachViewerMaySee(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await StockVisibilityTests.prepare(store)
            let tent = try #require(try await store.items.find(code: "SHE-TENT-FAM")).volumeM3
            for (name, actor) in StockVisibilityTests.actors {
                let expected = try #require(StockVisibilityTests.expected[name])
                let totals = try await store.stock.siteTotals(visibleTo: actor)
                let sites = try await store.stock.mapSites(MapFilter(), visibleTo: actor)
                #expect(sites.map(\.site.id) == totals.map(\.site.id), "\(name): the map lists the sites the viewer may see, in order")
                for zoom in MapGrid.zoomLevels {
                    let clusters = MapGrid.clusters(sites, zoom: zoom)
                    #expect(clusters.reduce(0) { $0 + $1.sites } == totals.count, "\(name), zoom \(zoom): counts add up")
                    let volume = clusters.reduce(0) { $0 + $1.volumeM3 }
                    #expect(abs(volume - totals.reduce(0) { $0 + $1.volumeM3 }) < 1e-9, "\(name), zoom \(zoom): volumes add up")
                }
                // PUB, AGG and PRI share one point, alone in their cell at the closest zoom: one
                // cluster, holding only the sites (and stock) the viewer may see.
                let cluster = MapGrid.clusters(sites, zoom: MapGrid.zoomLevels.upperBound).first { $0.lat == -1 && $0.lon == 37 }
                #expect(cluster?.sites == expected.exists.count, "\(name): sites in the cluster")
                let units = [("PUB", 10.0), ("AGG", 20.0), ("PRI", 30.0)].filter { expected.exists.contains($0.0) }.map(\.1)
                #expect(
                    abs((cluster?.volumeM3 ?? -1) - units.reduce(0, +) * tent) < 1e-9,
                    "\(name): private stock of another organisation is not counted")
                #expect(cluster?.org == "WFP" && cluster?.site == nil, "\(name): several sites of one organisation")
            }
        }
    }

    @Test(arguments: TestDatabase.available)
    func clustersFollowTheFiltersAndTheView(_ kind: TestDatabase) async throws {
        try await kind.withStore { store in
            try await StockQueryTests.prepare(store)
            let all = try await store.stock.mapSites(MapFilter(), visibleTo: .anonymous)
            #expect(all.count == 6)
            #expect(
                try await store.stock.mapSites(MapFilter(tier: "global_hub"), visibleTo: .anonymous).map(\.site.code).sorted() == [
                    "BRI", "DXB",
                ])
            #expect(try await store.stock.mapSites(MapFilter(sector: "nfi"), visibleTo: .anonymous).map(\.site.code) == ["BKK"])
            #expect(try await store.stock.mapSites(MapFilter(region: "Europe"), visibleTo: .anonymous).map(\.site.code) == ["BRI"])
            #expect(try await store.stock.mapSites(MapFilter(org: "wfp", orgType: "un_agency"), visibleTo: .anonymous).count == 6)
            #expect(try await store.stock.mapSites(MapFilter(orgType: "ngo"), visibleTo: .anonymous).isEmpty)
            // Asia, seen at zoom 2: the sites outside it are not drawn.
            let asia = Geodesy.BoundingBox(minLon: 60, minLat: -10, maxLon: 150, maxLat: 40)
            let view = MapGrid.clusters(all, zoom: 2, within: asia)
            #expect(Set(view.compactMap(\.site?.code)) == ["KTM", "DEL", "KUL", "BKK"] && view.count == 4)
        }
    }
}
