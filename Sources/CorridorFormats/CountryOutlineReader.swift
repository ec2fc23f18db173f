import CorridorCore
import Foundation

/// Reads country outlines from a GeoJSON FeatureCollection whose features carry an `iso2`
/// property and a Polygon or MultiPolygon geometry (RFC 7946: longitude before latitude).
public enum CountryOutlineReader {
    public static func read(_ data: Data) throws(DomainError) -> CountryOutlines {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let features = root["features"] as? [[String: Any]]
        else {
            throw DomainError.invalid(field: "world.geojson", "is not a GeoJSON FeatureCollection")
        }
        var outlines = CountryOutlines()
        for feature in features {
            guard let iso = (feature["properties"] as? [String: Any])?["iso2"] as? String, !iso.isEmpty,
                let geometry = feature["geometry"] as? [String: Any], let type = geometry["type"] as? String,
                let coordinates = geometry["coordinates"]
            else { continue }
            let polygons: [[[[Double]]]]
            switch type {
            case "Polygon": polygons = [(coordinates as? [[[Double]]]) ?? []]
            case "MultiPolygon": polygons = (coordinates as? [[[[Double]]]]) ?? []
            default: continue
            }
            for polygon in polygons {
                let rings = polygon.map { ring in
                    ring.compactMap { $0.count >= 2 ? CountryOutlines.Point(lon: $0[0], lat: $0[1]) : nil }
                }.filter { $0.count > 2 }
                if !rings.isEmpty { outlines.add(country: iso, rings) }
            }
        }
        return outlines
    }
}
