import CorridorCore
import Testing

/// Clusters on the map's grid, on hand-placed sites.
@Suite struct MapGridTests {
    static func site(_ id: Int64, _ org: String, lat: Double, lon: Double, tier: Site.Tier, volume: Double) -> MapSite {
        MapSite(
            site: Site(
                id: id, orgCode: org, code: "S\(id)", name: "Site \(id)", country: "KE", adm1: nil, lat: lat, lon: lon, tier: tier,
                capacityM3: nil, freeM3: nil, sharing: .public),
            volumeM3: volume)
    }

    // Zoom 0 cells are 7.2° wide: (1, 37) and (3, 40) share the cell x 30, y 12, (0, 44) is in
    // x 31; at zoom 1 (3.6°) the first two are in x 60 and 61.
    static let sites = [
        site(1, "WFP", lat: 1, lon: 37, tier: .national, volume: 10),
        site(2, "KRCS", lat: 3, lon: 40, tier: .regionalHub, volume: 30),
        site(3, "WFP", lat: 0, lon: 44, tier: .field, volume: 5),
    ]

    @Test func sitesInOneCellBecomeOneClusterAndSplitAsTheMapZoomsIn() {
        #expect(MapGrid.cellDegrees(zoom: 0) == 7.2 && MapGrid.cellDegrees(zoom: 2) == 1.8)
        let world = MapGrid.clusters(Self.sites, zoom: 0)
        #expect(world.count == 2)
        let pair = world[0]
        #expect(pair.sites == 2 && pair.volumeM3 == 40 && pair.lat == 2 && pair.lon == 38.5)
        #expect(pair.tier == "regional_hub" && pair.org == nil && pair.site == nil)
        #expect(pair.bbox == [37, 1, 40, 3])
        #expect(world[1].site?.id == 3 && world[1].org == "WFP" && world[1].sites == 1)
        let closer = MapGrid.clusters(Self.sites, zoom: 1)
        #expect(closer.count == 3 && closer.map(\.volumeM3) == [30, 10, 5], "largest first")
    }

    @Test func aViewKeepsTheCellsItMeets() {
        // East of 42°: site 3, and site 2 one cell (3.6° at zoom 1) away from the edge.
        let east = Geodesy.BoundingBox(minLon: 42, minLat: -5, maxLon: 50, maxLat: 5)
        #expect(MapGrid.clusters(Self.sites, zoom: 1, within: east).compactMap(\.site?.id).sorted() == [2, 3])
        #expect(MapGrid.clusters(Self.sites, zoom: 3, within: east).compactMap(\.site?.id) == [3])
    }
}
