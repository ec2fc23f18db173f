/// Where relief crosses into a country: an airport, seaport, land border or inland depot, by UN/LOCODE.
public struct EntryPoint: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case airport, seaport, landBorder = "land_border", inland }

    public var locode: String
    public var name: String
    public var country: String
    public var kind: Kind
    public var lat: Double?
    public var lon: Double?
    /// False when the code was derived by the UN/LOCODE rule but not found in a published list.
    public var locodeVerified: Bool

    public init(locode: String, name: String, country: String, kind: Kind, lat: Double?, lon: Double?, locodeVerified: Bool) {
        (self.locode, self.name, self.country, self.kind, self.lat, self.lon, self.locodeVerified) = (
            locode, name, country, kind, lat, lon, locodeVerified
        )
    }
}
