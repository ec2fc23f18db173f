import Foundation

/// Countries' outlines (polygons of longitude/latitude rings, holes included) and the rule that
/// says whether a point lies in a country: inside its outline, or within a coastal tolerance of it.
public struct CountryOutlines: Sendable, Equatable {
    /// One polygon: its outer ring first, then its holes; each ring a list of (lon, lat).
    public typealias Polygon = [[Point]]

    public struct Point: Sendable, Equatable {
        public var lon: Double
        public var lat: Double
        public init(lon: Double, lat: Double) { (self.lon, self.lat) = (lon, lat) }
    }

    /// Planning assumption: the stored outlines are simplified (a tenth of a degree, about 11 km)
    /// and relief lands on coasts, islets and anchorages, so a point this close to a country's
    /// outline counts as in it.
    public static let coastalToleranceKm = 25.0

    public private(set) var polygons: [String: [Polygon]]

    public init(polygons: [String: [Polygon]] = [:]) { self.polygons = polygons }

    public mutating func add(country alpha2: String, _ polygon: Polygon) {
        polygons[alpha2.uppercased(), default: []].append(polygon)
    }

    /// Whether the point is in the country or within `toleranceKm` of its outline; nil when no
    /// outline of the country is known (then nothing can be said).
    public func contains(lat: Double, lon: Double, country alpha2: String, toleranceKm: Double = coastalToleranceKm) -> Bool? {
        guard let shapes = polygons[alpha2.uppercased()], !shapes.isEmpty else { return nil }
        let point = Point(lon: lon, lat: lat)
        if shapes.contains(where: { Self.inside(point, $0) }) { return true }
        return shapes.contains { polygon in polygon.contains { Self.distanceKm(point, ring: $0) <= toleranceKm } }
    }

    /// The box around a country's outlines (its islands too); nil when no outline is known.
    public func boundingBox(of alpha2: String) -> Geodesy.BoundingBox? {
        let points = (polygons[alpha2.uppercased()] ?? []).flatMap { $0.first ?? [] }
        guard let first = points.first else { return nil }
        var box = Geodesy.BoundingBox(minLon: first.lon, minLat: first.lat, maxLon: first.lon, maxLat: first.lat)
        for point in points {
            box.minLon = min(box.minLon, point.lon)
            box.maxLon = max(box.maxLon, point.lon)
            box.minLat = min(box.minLat, point.lat)
            box.maxLat = max(box.maxLat, point.lat)
        }
        return box
    }

    /// The countries the point is in, within the coastal tolerance, sorted: to tell someone where
    /// the point they gave actually is.
    public func countries(containing lat: Double, lon: Double, toleranceKm: Double = coastalToleranceKm) -> [String] {
        polygons.keys.filter { contains(lat: lat, lon: lon, country: $0, toleranceKm: toleranceKm) == true }.sorted()
    }

    /// Even-odd ray casting over the outer ring and its holes.
    static func inside(_ point: Point, _ polygon: Polygon) -> Bool {
        var inside = false
        for ring in polygon where ring.count > 2 {
            var previous = ring[ring.count - 1]
            for current in ring {
                if (current.lat > point.lat) != (previous.lat > point.lat) {
                    let crossLon = (previous.lon - current.lon) * (point.lat - current.lat) / (previous.lat - current.lat) + current.lon
                    if point.lon < crossLon { inside.toggle() }
                }
                previous = current
            }
        }
        return inside
    }

    /// The shortest distance from the point to a ring's edges, on a plane tangent at the point
    /// (exact enough for tens of kilometres, which is all the tolerance needs).
    static func distanceKm(_ point: Point, ring: [Point]) -> Double {
        guard !ring.isEmpty else { return .infinity }
        let kmPerDegreeLat = Geodesy.earthRadiusKm * .pi / 180
        let kmPerDegreeLon = kmPerDegreeLat * cos(point.lat * .pi / 180)
        func local(_ p: Point) -> (x: Double, y: Double) {
            var dLon = p.lon - point.lon
            if dLon > 180 { dLon -= 360 } else if dLon < -180 { dLon += 360 }
            return (dLon * kmPerDegreeLon, (p.lat - point.lat) * kmPerDegreeLat)
        }
        var best = Double.infinity
        var a = local(ring[ring.count - 1])
        for vertex in ring {
            let b = local(vertex)
            let (dx, dy) = (b.x - a.x, b.y - a.y)
            let length2 = dx * dx + dy * dy
            let t = length2 == 0 ? 0 : max(0, min(1, -(a.x * dx + a.y * dy) / length2))
            let (cx, cy) = (a.x + t * dx, a.y + t * dy)
            best = min(best, (cx * cx + cy * cy).squareRoot())
            a = b
        }
        return best
    }
}
