import Foundation

/// A JSON value for GeoJSON properties, encoded in a stable key order.
public enum JSONValue: Sendable, Equatable, Encodable {
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let v): try container.encode(v)
        case .number(let v): try container.encode(v)
        case .integer(let v): try container.encode(v)
        case .bool(let v): try container.encode(v)
        case .null: try container.encodeNil()
        case .array(let v): try container.encode(v)
        case .object(let v): try container.encode(v)
        }
    }
}

/// RFC 7946 point features: longitude before latitude, WGS 84, no "crs" member.
public enum GeoJSON {
    public struct Feature: Sendable, Equatable {
        public var id: String
        public var lon: Double
        public var lat: Double
        public var properties: [String: JSONValue]
        public init(id: String, lon: Double, lat: Double, properties: [String: JSONValue]) {
            (self.id, self.lon, self.lat, self.properties) = (id, lon, lat, properties)
        }
    }

    private struct Collection: Encodable {
        var type = "FeatureCollection"
        var features: [EncodedFeature]
    }

    private struct EncodedFeature: Encodable {
        struct Geometry: Encodable {
            var type = "Point"
            var coordinates: [Double]
        }
        var type = "Feature"
        var id: String
        var geometry: Geometry
        var properties: [String: JSONValue]
    }

    /// A FeatureCollection written a feature at a time, byte for byte what `featureCollection`
    /// writes for the same features: `head`, the features separated by `separator`, `tail`.
    public struct Stream: Sendable {
        public static let head = Data(#"{"features":["#.utf8)
        public static let separator = Data(",".utf8)
        public static let tail = Data(#"],"type":"FeatureCollection"}"#.utf8)

        public init() {}

        public func feature(_ feature: Feature) throws -> Data {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return try encoder.encode(
                EncodedFeature(id: feature.id, geometry: .init(coordinates: [feature.lon, feature.lat]), properties: feature.properties))
        }
    }

    public static func featureCollection(_ features: [Feature]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(
            Collection(
                features: features.map {
                    EncodedFeature(id: $0.id, geometry: .init(coordinates: [$0.lon, $0.lat]), properties: $0.properties)
                }))
    }
}
