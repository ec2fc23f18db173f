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
    /// `picked` and `found` mark a point asked about and what was found from it, without links.
    func svg(
        sites: [MapSite], focus: Geodesy.BoundingBox? = nil, picking: Bool = false, picked: MapMark? = nil, found: [MapMark] = []
    ) -> String {
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
        // Drawn at their size on screen for the view shown; map.js keeps it as the map zooms.
        let viewBox = Self.viewBox(focus)
        let scale = max(0.15, Self.view(focus).width / Self.width)
        for mark in found {
            let (x, y) = Self.project(lat: mark.lat, lon: mark.lon)
            markers += String(format: "<circle class=\"site found\" cx=\"%.2f\" cy=\"%.2f\" r=\"%.3f\" data-r=\"4\">", x, y, 4 * scale)
            markers += "<title>\(Self.escape(mark.title))</title></circle>"
        }
        if let picked {
            let (x, y) = Self.project(lat: picked.lat, lon: picked.lon)
            markers += String(format: "<circle class=\"picked\" cx=\"%.2f\" cy=\"%.2f\" r=\"%.3f\">", x, y, 4 * scale)
            markers += "<title>\(Self.escape(picked.title))</title></circle>"
        }
        let label = Self.escape(L("World map of sites: each marker links to its site"))
        return """
            <svg class="worldmap" xmlns="http://www.w3.org/2000/svg" viewBox="\(viewBox)" \
            data-world="0 0 \(Int(Self.width)) \(Int(Self.height))"\(picking ? " data-pick" : "") \
            role="group" aria-label="\(label)"><image href="/map/world.svg" aria-hidden="true" width="\(Int(Self.width))" \
            height="\(Int(Self.height))"/>\(markers)</svg>
            """
    }

    /// The part of the world shown at `zoom` (0, the whole world, to `MapGrid.zoomLevels`' last)
    /// around a point, kept within the world: its viewBox, and its bounding box (nil for the world).
    static func view(zoom: Int, lat: Double?, lon: Double?) -> (viewBox: String, box: Geodesy.BoundingBox?) {
        guard zoom > 0 else { return ("0 0 \(Int(width)) \(Int(height))", nil) }
        let scale = Double(1 << min(zoom, MapGrid.zoomLevels.upperBound))
        let (w, h) = (width / scale, height / scale)
        let (cx, cy) = project(lat: lat ?? 0, lon: lon ?? 0)
        let x = min(max(0, cx - w / 2), width - w), y = min(max(0, cy - h / 2), height - h)
        let box = Geodesy.BoundingBox(
            minLon: x / width * 360 - 180, minLat: 90 - (y + h) / height * 180, maxLon: (x + w) / width * 360 - 180,
            maxLat: 90 - y / height * 180)
        return (String(format: "%.1f %.1f %.1f %.1f", x, y, w, h), box)
    }

    /// The map drawn from clusters: a site alone in its cell links to its page, a cluster of
    /// several to the map one zoom level closer around it (`zoomLink`), so the map works without
    /// its script. Markers keep their size on screen: `data-r` is the radius at zoom 0.
    func clusterSVG(_ clusters: [SiteCluster], zoom: Int, viewBox: String, sites: Int, zoomLink: (SiteCluster) -> String) -> String {
        let shrink = Double(1 << min(max(zoom, 0), MapGrid.zoomLevels.upperBound))
        var markers = ""
        for cluster in clusters {
            markers += Self.marker(cluster, shrink: shrink, zoomLink: zoomLink)
        }
        return """
            <svg class="worldmap" xmlns="http://www.w3.org/2000/svg" viewBox="\(viewBox)" \
            data-world="0 0 \(Int(Self.width)) \(Int(Self.height))" data-zoom="\(zoom)" data-clusters="/api/v1/map/clusters" \
            data-shown="\(sites)" role="group" aria-label="World map of sites: each marker links to its site or to a closer view of the sites it groups">\
            <image href="/map/world.svg" aria-hidden="true" width="\(Int(Self.width))" height="\(Int(Self.height))"/>\
            <g class="markers">\(markers)</g></svg>
            """
    }

    /// One cluster's marker; map.js draws the same markup from the clusters API.
    static func marker(_ cluster: SiteCluster, shrink: Double, zoomLink: (SiteCluster) -> String) -> String {
        let (x, y) = project(lat: cluster.lat, lon: cluster.lon)
        let volume = "\(Int(cluster.volumeM3.rounded())) m³ of stock"
        let org = escape(cluster.org ?? "")
        if let site = cluster.site {
            // Area grows with volume; a site without stock still shows as a small dot.
            let radius = min(14, 2.5 + sqrt(cluster.volumeM3) / 6)
            return
                "<a href=\"/sites/\(site.id)\" data-tier=\"\(site.tier)\" data-org=\"\(org)\" data-country=\"\(site.country)\" data-sites=\"1\">"
                + String(format: "<circle class=\"hit\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.2f\"/>", x, y, max(radius, 5) / shrink)
                + String(
                    format: "<circle class=\"site %@\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.2f\" data-r=\"%.1f\">", site.tier, x, y,
                    radius / shrink, radius)
                + "<title>\(escape(site.name)) (\(escape(site.org)), \(site.country)) — \(volume)</title></circle></a>"
        }
        let radius = min(18, 8 + 4 * log10(Double(cluster.sites)))
        return
            "<a href=\"\(escape(zoomLink(cluster)))\" class=\"cluster\" data-tier=\"\(cluster.tier)\" data-org=\"\(org)\" data-sites=\"\(cluster.sites)\">"
            + String(format: "<circle class=\"hit\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.2f\"/>", x, y, radius / shrink)
            + String(
                format: "<circle class=\"site cluster %@\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.2f\" data-r=\"%.1f\">", cluster.tier, x, y,
                radius / shrink, radius)
            + "<title>\(cluster.sites) sites — \(volume); select to zoom in</title></circle>"
            + String(
                format: "<text class=\"count\" x=\"%.1f\" y=\"%.1f\" font-size=\"%.2f\" data-r=\"%.1f\">", x, y, radius / shrink, radius)
            + "\(cluster.sites)</text></a>"
    }

    /// The whole world, or the box around a country with a margin, in the map's proportions.
    static func viewBox(_ focus: Geodesy.BoundingBox?) -> String {
        let (x, y, w, h) = view(focus)
        return x == 0 && y == 0 && w == width && h == height
            ? "0 0 \(Int(width)) \(Int(height))" : String(format: "%.1f %.1f %.1f %.1f", x, y, w, h)
    }

    /// `viewBox`'s rectangle, in the map's units.
    static func view(_ focus: Geodesy.BoundingBox?) -> (x: Double, y: Double, width: Double, height: Double) {
        guard let focus, focus.maxLon - focus.minLon < 300 else { return (0, 0, width, height) }
        let (left, top) = project(lat: focus.maxLat, lon: focus.minLon)
        let (right, bottom) = project(lat: focus.minLat, lon: focus.maxLon)
        let margin = 15.0
        var w = max(right - left + 2 * margin, 40), h = max(bottom - top + 2 * margin, 20)
        // Keep the world's 2:1 shape so the picture is not stretched.
        if w / h > 2 { h = w / 2 } else { w = h * 2 }
        let x = min(max(0, (left + right) / 2 - w / 2), max(0, width - w))
        let y = min(max(0, (top + bottom) / 2 - h / 2), max(0, height - h))
        return (x, y, min(w, width), min(h, height))
    }

    /// A place marked on the map: a point asked about, or a site found from it, named by `title`.
    struct MapMark {
        let lat: Double, lon: Double
        let title: String
    }

    /// The box around `marks`, or nil when there are none.
    static func box(around marks: [MapMark]) -> Geodesy.BoundingBox? {
        guard let first = marks.first else { return nil }
        return marks.dropFirst().reduce(Geodesy.BoundingBox(minLon: first.lon, minLat: first.lat, maxLon: first.lon, maxLat: first.lat)) {
            Geodesy.BoundingBox(
                minLon: min($0.minLon, $1.lon), minLat: min($0.minLat, $1.lat), maxLon: max($0.maxLon, $1.lon),
                maxLat: max($0.maxLat, $1.lat))
        }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
