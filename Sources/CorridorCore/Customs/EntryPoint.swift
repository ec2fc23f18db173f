/// Where relief crosses into a country: an airport, seaport, land border or inland depot. Its code
/// is its UN/LOCODE where it has one; a crossing without one has an internal code ("KE-NAMANGA")
/// and no LOCODE, never an invented one.
public struct EntryPoint: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable { case airport, seaport, landBorder = "land_border", inland }

    public var code: String
    public var locode: String?
    public var name: String
    public var country: String
    public var kind: Kind
    public var lat: Double?
    public var lon: Double?
    /// False when the LOCODE was not found in a published copy and is to be confirmed.
    public var locodeVerified: Bool

    public init(
        code: String, locode: String?, name: String, country: String, kind: Kind, lat: Double?, lon: Double?, locodeVerified: Bool
    ) {
        (self.code, self.locode, self.name, self.country, self.kind, self.lat, self.lon, self.locodeVerified) = (
            code, locode, name, country, kind, lat, lon, locodeVerified
        )
    }

    /// An entry point code as typed: its LOCODE ("KENBO") or internal code ("KE-NAMANGA").
    public static func isWellFormedCode(_ raw: String) -> Bool {
        let code = raw.trimmedCell.uppercased()
        return (2...40).contains(code.count) && code.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
    }
}
