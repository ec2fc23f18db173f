import Foundation

/// Distances on the Earth for "nearest stock" and transport times. The haversine formula on a
/// sphere of the mean Earth radius: within 0.5 % of the ellipsoid, which is far below the
/// uncertainty of a warehouse's road access.
public enum Geodesy {
    public static let earthRadiusKm = 6_371.0088

    public static func distanceKm(lat1: Double, lon1: Double, lat2: Double, lon2: Double) -> Double {
        distanceKm(haversine: haversine(lat1: lat1, lon1: lon1, lat2: lat2, lon2: lon2))
    }

    /// The haversine of the central angle between two points, sin²(θ/2): 0 for one point, 1 for
    /// antipodes, and rising with the distance, so a search that only orders places by distance
    /// needs no more.
    public static func haversine(lat1: Double, lon1: Double, lat2: Double, lon2: Double) -> Double {
        haversine(from: Origin(lat: lat1, lon: lon1), lat: lat2, lon: lon2)
    }

    /// The same from a point whose latitude's sine and cosine are worked out once, for a search
    /// that measures many places from it.
    public static func haversine(from origin: Origin, lat: Double, lon: Double) -> Double {
        let sinHalfΔφ = sin((lat - origin.lat) * .pi / 360), sinHalfΔλ = sin((lon - origin.lon) * .pi / 360)
        return sinHalfΔφ * sinHalfΔφ + origin.cosLat * cos(lat * .pi / 180) * sinHalfΔλ * sinHalfΔλ
    }

    /// A point distances are measured from, with its latitude's sine and cosine.
    public struct Origin: Sendable {
        public let lat, lon: Double
        let sinLat, cosLat: Double

        public init(lat: Double, lon: Double) {
            (self.lat, self.lon) = (lat, lon)
            (sinLat, cosLat) = (sin(lat * .pi / 180), cos(lat * .pi / 180))
        }
    }

    /// The great-circle distance of a haversine.
    public static func distanceKm(haversine: Double) -> Double {
        2 * earthRadiusKm * asin(min(1, sqrt(max(0, haversine))))
    }

    public static func isValid(lat: Double, lon: Double) -> Bool {
        (-90...90).contains(lat) && (-180...180).contains(lon) && lat.isFinite && lon.isFinite
    }

    /// A country's outline bounding box, widened by a margin so coastal sites and rounding pass.
    public struct BoundingBox: Sendable, Equatable {
        public var minLon, minLat, maxLon, maxLat: Double
        public init(minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) {
            (self.minLon, self.minLat, self.maxLon, self.maxLat) = (minLon, minLat, maxLon, maxLat)
        }

        public func contains(lat: Double, lon: Double, marginDegrees: Double = 0.5) -> Bool {
            lat >= minLat - marginDegrees && lat <= maxLat + marginDegrees
                && lon >= minLon - marginDegrees && lon <= maxLon + marginDegrees
        }
    }
}
