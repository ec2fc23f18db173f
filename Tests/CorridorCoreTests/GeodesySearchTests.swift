import CorridorCore
import Foundation
import Testing

@Suite struct GeodesySearchTests {
    /// Every point within the radius lies in one of the boxes, wherever the centre is: near the
    /// equator, near a pole, across the antimeridian.
    @Test(arguments: [(0.0, 0.0), (-1.3, 36.8), (64.1, -21.9), (-16.5, 179.9), (52.0, -179.5), (85.0, 10.0), (-78.0, 166.7)])
    func boxesHoldEveryPointOfTheCircle(_ centre: (Double, Double)) {
        let (lat, lon) = centre
        for radius in [1.0, 40, 100, 400, 1_600, 6_400] {
            let boxes = Geodesy.searchBoxes(aroundLat: lat, lon: lon, radiusKm: radius)
            guard let boxes else {
                // Only a circle that reaches a pole or half the globe has no box.
                #expect(radius / Geodesy.earthRadiusKm * 180 / .pi + abs(lat) >= 90)
                continue
            }
            #expect(boxes.count == 1 || boxes.count == 2)
            // Points on the circle itself, every 2 degrees of bearing, and the centre.
            var points = [(lat, lon)]
            let angle = radius / Geodesy.earthRadiusKm, φ1 = lat * .pi / 180, λ1 = lon * .pi / 180
            for step in 0..<180 {
                let bearing = Double(step) * 2 * .pi / 180
                let φ2 = asin(sin(φ1) * cos(angle) + cos(φ1) * sin(angle) * cos(bearing))
                var λ2 = λ1 + atan2(sin(bearing) * sin(angle) * cos(φ1), cos(angle) - sin(φ1) * sin(φ2))
                λ2 = (λ2 + 3 * .pi).truncatingRemainder(dividingBy: 2 * .pi) - .pi
                points.append((φ2 * 180 / .pi, λ2 * 180 / .pi))
            }
            for (pLat, pLon) in points {
                #expect(
                    Geodesy.distanceKm(lat1: lat, lon1: lon, lat2: pLat, lon2: pLon) <= radius * 1.000001,
                    "the point is on the circle")
                #expect(
                    boxes.contains { $0.contains(lat: pLat, lon: pLon, marginDegrees: 1e-9) },
                    "(\(pLat), \(pLon)) within \(radius) km of (\(lat), \(lon))")
            }
        }
    }

    @Test func aCircleAcrossTheAntimeridianIsTwoBoxesAndOnePoleCoversEveryLongitude() throws {
        let fiji = try #require(Geodesy.searchBoxes(aroundLat: -17.7, lon: 178.1, radiusKm: 400))
        #expect(fiji.count == 2)
        #expect(fiji.contains { $0.minLon == -180 } && fiji.contains { $0.maxLon == 180 })
        let nairobi = try #require(Geodesy.searchBoxes(aroundLat: -1.29, lon: 36.82, radiusKm: 100))
        #expect(nairobi.count == 1)
        // 100 km is about 0.9 degrees of latitude.
        #expect(abs(nairobi[0].maxLat - nairobi[0].minLat - 1.8) < 0.01)
        #expect(Geodesy.searchBoxes(aroundLat: 89.5, lon: 0, radiusKm: 100) == nil)
        #expect(Geodesy.searchBoxes(aroundLat: 0, lon: 0, radiusKm: Geodesy.antipodeKm) == nil)
    }
}
