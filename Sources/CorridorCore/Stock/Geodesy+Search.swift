import Foundation

extension Geodesy {
    /// Half the Earth's circumference: a circle of this radius covers the whole globe.
    public static let antipodeKm = Double.pi * earthRadiusKm

    /// Latitude/longitude boxes that together hold every point within `radiusKm` of a point (and
    /// some beyond: a box is a prefilter, the exact distance decides). Two boxes when the circle
    /// crosses the antimeridian; nil when it covers a pole or the whole globe, where only the
    /// whole globe is a box that holds it.
    public static func searchBoxes(aroundLat lat: Double, lon: Double, radiusKm: Double) -> [BoundingBox]? {
        let angle = radiusKm / earthRadiusKm
        guard angle < .pi / 2 else { return nil }
        let dLat = angle * 180 / .pi
        let minLat = lat - dLat, maxLat = lat + dLat
        guard minLat > -90, maxLat < 90 else { return nil }
        // The widest longitude a spherical cap reaches, at the latitude where its edge is tangent
        // to a meridian: asin(sin δ / cos φ).
        let ratio = sin(angle) / cos(lat * .pi / 180)
        guard ratio < 1 else { return nil }
        let dLon = asin(ratio) * 180 / .pi
        let west = lon - dLon, east = lon + dLon
        if west < -180 {
            return [
                BoundingBox(minLon: -180, minLat: minLat, maxLon: east, maxLat: maxLat),
                BoundingBox(minLon: west + 360, minLat: minLat, maxLon: 180, maxLat: maxLat),
            ]
        }
        if east > 180 {
            return [
                BoundingBox(minLon: west, minLat: minLat, maxLon: 180, maxLat: maxLat),
                BoundingBox(minLon: -180, minLat: minLat, maxLon: east - 360, maxLat: maxLat),
            ]
        }
        return [BoundingBox(minLon: west, minLat: minLat, maxLon: east, maxLat: maxLat)]
    }
}
