import Foundation

/// A site as an organisation describes it when it creates or edits one.
public struct SiteInput: Sendable, Equatable, Decodable {
    public var code: String
    public var name: String
    public var country: String
    public var adm1: String?
    public var lat: Double
    public var lon: Double
    public var tier: String
    public var capacityM3: Double?
    public var freeM3: Double?
    public var sharing: String

    public init(
        code: String, name: String, country: String, adm1: String? = nil, lat: Double, lon: Double,
        tier: String = "national", capacityM3: Double? = nil, freeM3: Double? = nil, sharing: String = "public"
    ) {
        self.code = code
        self.name = name
        self.country = country
        self.adm1 = adm1
        self.lat = lat
        self.lon = lon
        self.tier = tier
        self.capacityM3 = capacityM3
        self.freeM3 = freeM3
        self.sharing = sharing
    }

    private enum CodingKeys: String, CodingKey {
        case code, name, country, adm1, lat, lon, tier, capacityM3, freeM3, sharing
    }

    /// Tier and sharing may be left out: a national warehouse, shared publicly.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            code: try c.decode(String.self, forKey: .code), name: try c.decode(String.self, forKey: .name),
            country: try c.decode(String.self, forKey: .country), adm1: try c.decodeIfPresent(String.self, forKey: .adm1),
            lat: try c.decode(Double.self, forKey: .lat), lon: try c.decode(Double.self, forKey: .lon),
            tier: try c.decodeIfPresent(String.self, forKey: .tier) ?? "national",
            capacityM3: try c.decodeIfPresent(Double.self, forKey: .capacityM3),
            freeM3: try c.decodeIfPresent(Double.self, forKey: .freeM3),
            sharing: try c.decodeIfPresent(String.self, forKey: .sharing) ?? "public")
    }

    /// Checks every field; the store checks that the country exists and the code is free.
    public func validated() throws(DomainError) -> SiteInput {
        var problems = ProblemList()
        var copy = self
        copy.code = code.trimmingCharacters(in: .whitespaces).uppercased()
        if copy.code.isEmpty || copy.code.count > 32
            || !copy.code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        {
            problems.add(field: "code", "must be 1 to 32 letters, digits, hyphens or underscores")
        }
        copy.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        if copy.name.isEmpty || copy.name.count > 200 { problems.add(field: "name", "must be 1 to 200 characters") }
        if let iso = CountryCode(country) {
            copy.country = iso.value
        } else {
            problems.add(field: "country", "must be an ISO alpha-2 code")
        }
        if !(-90...90).contains(lat) || !lat.isFinite { problems.add(field: "lat", "must be from -90 to 90") }
        if !(-180...180).contains(lon) || !lon.isFinite { problems.add(field: "lon", "must be from -180 to 180") }
        if Site.Tier(rawValue: tier) == nil {
            problems.add(field: "tier", "must be one of \(Site.Tier.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if Site.Sharing(rawValue: sharing) == nil {
            problems.add(field: "sharing", "must be one of \(Site.Sharing.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let capacityM3, capacityM3 < 0 { problems.add(field: "capacity_m3", "must not be negative") }
        if let freeM3, freeM3 < 0 { problems.add(field: "free_m3", "must not be negative") }
        if let freeM3, let capacityM3, freeM3 > capacityM3 { problems.add(field: "free_m3", "cannot exceed the capacity") }
        try problems.check()
        return copy
    }
}
