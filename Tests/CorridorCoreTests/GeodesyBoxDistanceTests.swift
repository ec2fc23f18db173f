import CorridorCore
import Foundation
import Testing

/// The distance from a point to a box, which orders a nearest-first search: never more than the
/// distance to any point inside the box, and the least of them.
@Suite struct GeodesyBoxDistanceTests {
    static let kmPerDegree = Geodesy.earthRadiusKm * .pi / 180

    static func box(_ minLat: Double, _ maxLat: Double, _ minLon: Double, _ maxLon: Double) -> Geodesy.BoundingBox {
        Geodesy.BoundingBox(minLon: minLon, minLat: minLat, maxLon: maxLon, maxLat: maxLat)
    }

    @Test func handComputedCases() {
        let box = Self.box(0, 5, 0, 10)
        #expect(Geodesy.distanceKm(fromLat: 2, lon: 3, to: box) == 0, "inside")
        #expect(abs(Geodesy.distanceKm(fromLat: 10, lon: 5, to: box) - 5 * Self.kmPerDegree) < 1e-6, "due north: 5° of meridian")
        #expect(abs(Geodesy.distanceKm(fromLat: 0, lon: 20, to: box) - 10 * Self.kmPerDegree) < 1e-6, "due east on the equator: 10°")
        // Across the antimeridian: from 179.5° E to a box starting at 180° W is half a degree.
        #expect(abs(Geodesy.distanceKm(fromLat: 0, lon: 179.5, to: Self.box(-1, 1, -180, -170)) - 0.5 * Self.kmPerDegree) < 1e-6)
        // 60° N, a quarter of the way round from an edge reaching 89° N: the pole side is nearest,
        // cos d = sin 60° sin 89°.
        let expected = acos(sin(60 * Double.pi / 180) * sin(89 * Double.pi / 180)) * Geodesy.earthRadiusKm
        #expect(abs(Geodesy.distanceKm(fromLat: 60, lon: 0, to: Self.box(0, 89, 90, 100)) - expected) < 1e-6)
    }

    /// The haversine a nearest-first search scores by: sin²(θ/2) of the central angle, hand-computed.
    @Test func haversineOfHandComputedAngles() {
        #expect(Geodesy.haversine(lat1: 10, lon1: 20, lat2: 10, lon2: 20) == 0)
        #expect(abs(Geodesy.haversine(lat1: 0, lon1: 0, lat2: 0, lon2: 90) - 0.5) < 1e-15, "a quarter of the equator")
        #expect(abs(Geodesy.haversine(lat1: 0, lon1: 0, lat2: 0, lon2: 180) - 1) < 1e-15, "antipodes")
        #expect(abs(Geodesy.haversine(lat1: 90, lon1: 0, lat2: 0, lon2: 45) - 0.5) < 1e-15, "pole to equator")
        // 60° N to a box reaching 89° N a quarter of the way round: (1 − sin 60° sin 89°) / 2.
        let expected = (1 - sin(60 * Double.pi / 180) * sin(89 * Double.pi / 180)) / 2
        #expect(abs(Geodesy.haversine(from: Geodesy.Origin(lat: 60, lon: 0), to: Self.box(0, 89, 90, 100)) - expected) < 1e-15)
        #expect(Geodesy.haversine(from: Geodesy.Origin(lat: 2, lon: 3), to: Self.box(0, 5, 0, 10)) == 0, "inside")
        #expect(abs(Geodesy.distanceKm(haversine: 0.5) - Geodesy.earthRadiusKm * .pi / 2) < 1e-9)
    }

    /// Against the least haversine distance to a fine grid of the box's points, for boxes and
    /// points all over the globe: never above it, and within the grid's spacing of it.
    @Test func neverMoreThanTheDistanceToAnyPointOfTheBox() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let minLat = Double.random(in: -89...85, using: &generator)
            let maxLat = min(90, minLat + Double.random(in: 0...20, using: &generator))
            let minLon = Double.random(in: -180...170, using: &generator)
            let maxLon = min(180, minLon + Double.random(in: 0...40, using: &generator))
            let box = Self.box(minLat, maxLat, minLon, maxLon)
            let lat = Double.random(in: -90...90, using: &generator), lon = Double.random(in: -180...180, using: &generator)
            let steps = 120
            var least = Double.infinity
            for i in 0...steps {
                for j in 0...steps {
                    let pointLat = minLat + (maxLat - minLat) * Double(i) / Double(steps)
                    let pointLon = minLon + (maxLon - minLon) * Double(j) / Double(steps)
                    least = min(least, Geodesy.distanceKm(lat1: lat, lon1: lon, lat2: pointLat, lon2: pointLon))
                }
            }
            let spacing = max(maxLat - minLat, maxLon - minLon) / Double(steps) * Self.kmPerDegree
            let bound = Geodesy.distanceKm(fromLat: lat, lon: lon, to: box)
            #expect(bound <= least + 1e-6, "\(lat),\(lon) to \(box): \(bound) above \(least)")
            #expect(bound >= least - spacing - 1e-6, "\(lat),\(lon) to \(box): \(bound) far below \(least)")
        }
    }
}
