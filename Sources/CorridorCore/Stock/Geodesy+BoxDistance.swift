import Foundation

extension Geodesy {
    /// The great-circle distance from a point to the nearest point of a latitude/longitude box
    /// (0 inside it), for a search that visits boxes nearest first: no point inside the box is
    /// nearer. A box's longitudes run east from `minLon` to `maxLon`, without crossing the
    /// antimeridian; the point may lie either way round.
    ///
    /// Within the box's longitudes the nearest point is on the point's own meridian. Outside them
    /// it is on the box's meridian edge nearer in longitude (for any latitude, a smaller
    /// difference in longitude is nearer), where the distance is least at the latitude that
    /// maximises the cosine `sin φ sin φ' + cos φ cos φ' cos Δλ`: the foot of the perpendicular
    /// when it lies on the edge, else one of the edge's ends.
    public static func distanceKm(fromLat lat: Double, lon: Double, to box: BoundingBox) -> Double {
        distanceKm(haversine: haversine(from: Origin(lat: lat, lon: lon), to: box))
    }

    /// The haversine of that distance's central angle (see `haversine(lat1:lon1:lat2:lon2:)`), from
    /// a point whose latitude's sine and cosine are worked out once.
    public static func haversine(from origin: Origin, to box: BoundingBox) -> Double {
        let (lat, lon) = (origin.lat, origin.lon)
        let nearestLat = min(max(lat, box.minLat), box.maxLat)
        if box.minLon <= lon && lon <= box.maxLon {
            let sinHalfΔφ = sin((lat - nearestLat) * .pi / 360)
            return sinHalfΔφ * sinHalfΔφ
        }
        let Δλ = min(longitudeGap(lon, box.minLon), longitudeGap(lon, box.maxLon)) * .pi / 180
        let (a, b) = (origin.sinLat, origin.cosLat * cos(Δλ))
        let (south, north) = (box.minLat * .pi / 180, box.maxLat * .pi / 180)
        var best = max(a * sin(south) + b * cos(south), a * sin(north) + b * cos(north))
        let foot = atan2(a, b)
        if foot >= south && foot <= north {
            best = max(best, a * sin(foot) + b * cos(foot))
        }
        // sin²(θ/2) = (1 − cos θ) / 2
        return (1 - min(1, max(-1, best))) / 2
    }

    /// The difference between two longitudes the short way round, in degrees (0 to 180).
    static func longitudeGap(_ first: Double, _ second: Double) -> Double {
        let gap = abs(first - second).truncatingRemainder(dividingBy: 360)
        return gap > 180 ? 360 - gap : gap
    }
}
