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
        let outlines = try ReferenceFiles.outlines()
        var paths: [String] = []
        for (iso, polygons) in outlines.polygons.sorted(by: { $0.key < $1.key }) {
            var d = ""
            for ring in polygons.joined() {
                for (index, point) in ring.enumerated() {
                    let (x, y) = project(lat: point.lat, lon: point.lon)
                    d += (index == 0 ? "M" : "L") + String(format: "%.1f %.1f", x, y)
                }
                d += "Z"
            }
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
    /// `picking` marks a map on which a click picks a point (map.js fills the page's lat and lon).
    func svg(sites: [SiteTotals], focus: Geodesy.BoundingBox? = nil, picking: Bool = false) -> String {
        var markers = ""
        for entry in sites.sorted(by: { $0.volumeM3 > $1.volumeM3 }) {
            let site = entry.site
            let (x, y) = Self.project(lat: site.lat, lon: site.lon)
            // Area grows with volume; a site without stock still shows as a small dot.
            let radius = min(14, 2.5 + sqrt(entry.volumeM3) / 6)
            // The data attributes let the map's script filter markers in place, without a reload.
            markers +=
                "<a href=\"/sites/\(site.id)\" data-tier=\"\(site.tier.rawValue)\" data-org=\"\(Self.escape(site.orgCode))\" data-country=\"\(site.country)\">"
            // A larger clear circle under the marker makes it easier to tap on a phone.
            markers += String(format: "<circle class=\"hit\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>", x, y, max(radius, 5))
            markers += String(format: "<circle class=\"site %@\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\">", site.tier.rawValue, x, y, radius)
            let stock = L("\(Numbers.wholeNumber(entry.volumeM3)) m³ of stock")
            markers +=
                "<title>\(Self.escape(site.name)) (\(Self.escape(site.orgCode)), \(site.country)) — \(Self.escape(stock))</title></circle></a>"
        }
        let label = Self.escape(L("World map of sites: each marker links to its site"))
        return """
            <svg class="worldmap" xmlns="http://www.w3.org/2000/svg" viewBox="\(Self.viewBox(focus))" \
            data-world="0 0 \(Int(Self.width)) \(Int(Self.height))"\(picking ? " data-pick" : "") \
            role="group" aria-label="\(label)"><image href="/map/world.svg" aria-hidden="true" width="\(Int(Self.width))" \
            height="\(Int(Self.height))"/>\(markers)</svg>
            """
    }

    /// The whole world, or the box around a country with a margin, in the map's proportions.
    static func viewBox(_ focus: Geodesy.BoundingBox?) -> String {
        guard let focus, focus.maxLon - focus.minLon < 300 else { return "0 0 \(Int(width)) \(Int(height))" }
        let (left, top) = project(lat: focus.maxLat, lon: focus.minLon)
        let (right, bottom) = project(lat: focus.minLat, lon: focus.maxLon)
        let margin = 15.0
        var w = max(right - left + 2 * margin, 40), h = max(bottom - top + 2 * margin, 20)
        // Keep the world's 2:1 shape so the picture is not stretched.
        if w / h > 2 { h = w / 2 } else { w = h * 2 }
        let x = min(max(0, (left + right) / 2 - w / 2), max(0, width - w))
        let y = min(max(0, (top + bottom) / 2 - h / 2), max(0, height - h))
        return String(format: "%.1f %.1f %.1f %.1f", x, y, min(w, width), min(h, height))
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
