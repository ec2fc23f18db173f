import CorridorCore
import CorridorStore
import Foundation

/// The offline world map: Natural Earth outlines projected equirectangularly into an SVG once at
/// start-up, with sites drawn on top per request. No tiles, no scripts, nothing fetched.
public struct WorldMap: Sendable {
    static let width = 1000.0
    static let height = 500.0
    /// The outlines alone, served as /map/world.svg and referenced by every map page.
    let outlineSVG: String

    public static func load() throws -> WorldMap {
        let data = try ReferenceFiles.data("world.geojson")
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let features = root["features"] as? [[String: Any]]
        else {
            throw DomainError.invalid(field: "world.geojson", "is not a GeoJSON FeatureCollection")
        }
        var paths: [String] = []
        for feature in features {
            guard let geometry = feature["geometry"] as? [String: Any],
                let type = geometry["type"] as? String, let coordinates = geometry["coordinates"]
            else { continue }
            let polygons: [[[[Double]]]]
            switch type {
            case "Polygon": polygons = [(coordinates as? [[[Double]]]) ?? []]
            case "MultiPolygon": polygons = (coordinates as? [[[[Double]]]]) ?? []
            default: continue
            }
            var d = ""
            for polygon in polygons {
                for ring in polygon where ring.count > 2 {
                    for (index, point) in ring.enumerated() where point.count >= 2 {
                        let (x, y) = project(lat: point[1], lon: point[0])
                        d += (index == 0 ? "M" : "L") + String(format: "%.1f %.1f", x, y)
                    }
                    d += "Z"
                }
            }
            let iso = ((feature["properties"] as? [String: Any])?["iso2"] as? String) ?? ""
            paths.append("<path data-iso=\"\(iso)\" d=\"\(d)\"/>")
        }
        let svg = """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))">\
            <rect width="\(Int(width))" height="\(Int(height))" fill="#dfeaf2"/>\
            <g fill="#f6f3ea" stroke="#9aa5ad" stroke-width="0.4">\(paths.joined())</g></svg>
            """
        return WorldMap(outlineSVG: svg)
    }

    static func project(lat: Double, lon: Double) -> (x: Double, y: Double) {
        ((lon + 180) / 360 * width, (90 - lat) / 180 * height)
    }

    /// The map with one marker per site, sized by the volume of its stock and linked to its page;
    /// the outline comes from /map/world.svg so pages stay small.
    func svg(sites: [SiteTotals]) -> String {
        var markers = ""
        for entry in sites.sorted(by: { $0.volumeM3 > $1.volumeM3 }) {
            let site = entry.site
            let (x, y) = Self.project(lat: site.lat, lon: site.lon)
            // Area grows with volume; a site without stock still shows as a small dot.
            let radius = min(14, 2.5 + sqrt(entry.volumeM3) / 6)
            // The data attributes let the map's script filter markers in place, without a reload.
            markers +=
                "<a href=\"/sites/\(site.id)\" data-tier=\"\(site.tier.rawValue)\" data-org=\"\(Self.escape(site.orgCode))\" data-country=\"\(site.country)\">"
            markers += String(format: "<circle class=\"site %@\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\">", site.tier.rawValue, x, y, radius)
            markers +=
                "<title>\(Self.escape(site.name)) (\(Self.escape(site.orgCode)), \(site.country)) — \(Int(entry.volumeM3.rounded())) m³ of stock</title></circle></a>"
        }
        return """
            <svg class="worldmap" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" \
            role="img" aria-label="World map of sites"><image href="/map/world.svg" width="\(Int(Self.width))" \
            height="\(Int(Self.height))"/>\(markers)</svg>
            """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
