import Foundation

/// A site on the map: one the viewer may see, with the volume of its available stock.
public struct MapSite: Sendable, Equatable {
    public var site: Site
    public var volumeM3: Double

    public init(site: Site, volumeM3: Double) {
        (self.site, self.volumeM3) = (site, volumeM3)
    }
}

/// The sites of one cell of the map's grid, drawn as one marker.
public struct SiteCluster: Sendable, Equatable, Codable {
    /// The mean position of its sites.
    public var lat: Double
    public var lon: Double
    public var sites: Int
    public var volumeM3: Double
    /// The highest tier among its sites, which the marker is coloured by.
    public var tier: String
    /// The organisation holding all of its sites, or nil when they are several.
    public var org: String?
    /// West, south, east, north edges of its sites' positions.
    public var bbox: [Double]
    /// The site itself when the cluster holds only one.
    public var site: Member?

    public struct Member: Sendable, Equatable, Codable {
        public var id: Int64
        public var code: String
        public var name: String
        public var org: String
        public var country: String
        public var tier: String
    }
}

/// Clusters sites on a grid per zoom level, so that a map of ten thousand sites draws at most a
/// marker per cell. Zoom 0 is the whole world; each level halves the cell, as the map's zoom
/// halves the view.
public enum MapGrid {
    public static let zoomLevels = 0...5
    /// Cells across the world at zoom 0: about 20 pixels each on the 1,000-unit-wide map.
    public static let worldCells = 50

    public static func cellDegrees(zoom: Int) -> Double {
        360 / Double(worldCells << min(max(zoom, zoomLevels.lowerBound), zoomLevels.upperBound))
    }

    /// The clusters of `sites` at `zoom` whose cells meet `box` (the whole world when nil),
    /// largest volume first, so a map that draws them in order puts small markers on top.
    public static func clusters(_ sites: [MapSite], zoom: Int, within box: Geodesy.BoundingBox? = nil) -> [SiteCluster] {
        let cell = cellDegrees(zoom: zoom)
        struct Key: Hashable { var x: Int, y: Int }
        struct Sum {
            var sites = 0, volume = 0.0, lat = 0.0, lon = 0.0
            var minLat = Double.infinity, minLon = Double.infinity, maxLat = -Double.infinity, maxLon = -Double.infinity
            var tier = Site.Tier.field
            var org: String?
            var orgs = 0
            var only: Site?
        }
        var cells: [Key: Sum] = [:]
        for entry in sites {
            let site = entry.site
            // A cell is kept whole when any part of it is in the view.
            if let box, !box.contains(lat: site.lat, lon: site.lon, marginDegrees: cell) { continue }
            let key = Key(x: Int(((site.lon + 180) / cell).rounded(.down)), y: Int(((90 - site.lat) / cell).rounded(.down)))
            var sum = cells[key] ?? Sum()
            sum.sites += 1
            sum.volume += entry.volumeM3
            sum.lat += site.lat
            sum.lon += site.lon
            (sum.minLat, sum.maxLat) = (min(sum.minLat, site.lat), max(sum.maxLat, site.lat))
            (sum.minLon, sum.maxLon) = (min(sum.minLon, site.lon), max(sum.maxLon, site.lon))
            if rank(site.tier) < rank(sum.tier) || sum.sites == 1 { sum.tier = site.tier }
            if sum.sites == 1 {
                sum.org = site.orgCode
                sum.only = site
            } else {
                if sum.org != site.orgCode { sum.org = nil }
                sum.only = nil
            }
            cells[key] = sum
        }
        return cells.sorted { a, b in
            (a.value.volume, b.key.y, b.key.x) > (b.value.volume, a.key.y, a.key.x)
        }.map { _, sum in
            SiteCluster(
                lat: sum.lat / Double(sum.sites), lon: sum.lon / Double(sum.sites), sites: sum.sites, volumeM3: sum.volume,
                tier: sum.tier.rawValue, org: sum.org, bbox: [sum.minLon, sum.minLat, sum.maxLon, sum.maxLat],
                site: sum.only.map {
                    .init(id: $0.id, code: $0.code, name: $0.name, org: $0.orgCode, country: $0.country, tier: $0.tier.rawValue)
                })
        }
    }

    private static func rank(_ tier: Site.Tier) -> Int {
        Site.Tier.allCases.firstIndex(of: tier) ?? Site.Tier.allCases.count
    }
}
