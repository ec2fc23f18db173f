import Foundation

/// A country as the working group plans with it: its codes, its UN M49 grouping (which decides
/// what counts as "in the region") and a point to put its label on the map.
public struct Country: Sendable, Equatable, Codable {
    public var alpha2: String
    public var alpha3: String
    public var numeric: String
    public var name: String
    public var region: String
    public var subregion: String
    public var lat: Double?
    public var lon: Double?

    public init(
        alpha2: String, alpha3: String, numeric: String, name: String,
        region: String, subregion: String, lat: Double?, lon: Double?
    ) {
        self.alpha2 = alpha2
        self.alpha3 = alpha3
        self.numeric = numeric
        self.name = name
        self.region = region
        self.subregion = subregion
        self.lat = lat
        self.lon = lon
    }
}

public struct Currency: Sendable, Equatable, Codable {
    public var code: String
    public var name: String
    public var minorUnit: Int?

    public init(code: String, name: String, minorUnit: Int?) {
        self.code = code
        self.name = name
        self.minorUnit = minorUnit
    }
}
