import CorridorCore
import CorridorStore
import Foundation
import Hummingbird

/// The map's markers, clustered on the server per zoom level and view, as the map's script asks
/// for them while the viewer pans and zooms.
struct MapController {
    let store: Store

    struct Clusters: ResponseEncodable, Sendable {
        var zoom: Int
        var cellDegrees: Double
        /// Sites that match the filters anywhere on the map, not only in the view.
        var sites: Int
        var clusters: [SiteCluster]
    }

    func addRoutes(to group: RouterGroup<CorridorRequestContext>) {
        group.get("map/clusters") { request, context in
            let query = QueryParameters(request)
            var problems = ProblemList()
            var zoom = 0
            do throws(DomainError) { zoom = try query.int("zoom", in: MapGrid.zoomLevels) ?? 0 } catch { problems.add(contentsOf: error) }
            var box: Geodesy.BoundingBox?
            if let raw = query["bbox"] {
                let edges = raw.split(separator: ",").compactMap { Double($0) }
                if edges.count == 4, (-180...180).contains(edges[0]), (-180...180).contains(edges[2]), (-90...90).contains(edges[1]),
                    (-90...90).contains(edges[3]), edges[0] <= edges[2], edges[1] <= edges[3]
                {
                    box = Geodesy.BoundingBox(minLon: edges[0], minLat: edges[1], maxLon: edges[2], maxLat: edges[3])
                } else {
                    problems.add(field: "bbox", "give west,south,east,north in degrees, e.g. 30,-5,45,5")
                }
            }
            var filter = StockFilter()
            do { filter = try query.filter() } catch let error as DomainError { problems.add(contentsOf: error) }
            try problems.check()
            let sites = try await store.stock.mapSites(
                MapFilter(region: filter.region, sector: filter.sector, tier: filter.tier, org: filter.org, orgType: filter.orgType),
                visibleTo: context.actor)
            return Clusters(
                zoom: zoom, cellDegrees: MapGrid.cellDegrees(zoom: zoom), sites: sites.count,
                clusters: MapGrid.clusters(sites, zoom: zoom, within: box))
        }
    }
}
