import Foundation

/// Where stock is held: a global hub, a regional hub, a national or a field warehouse.
public struct Site: Sendable, Equatable, Codable {
    public enum Tier: String, Sendable, Codable, CaseIterable {
        case globalHub = "global_hub"
        case regionalHub = "regional_hub"
        case national
        case field
    }

    /// Who may see the site: everyone, everyone but only as totals by sector, or only its owner
    /// organisation and coordinators.
    public enum Sharing: String, Sendable, Codable, CaseIterable {
        case `public`
        case aggregate
        case `private`
    }

    public var id: Int64
    public var orgCode: String
    public var code: String
    public var name: String
    public var country: String
    public var adm1: String?
    public var lat: Double
    public var lon: Double
    public var tier: Tier
    public var capacityM3: Double?
    public var freeM3: Double?
    public var sharing: Sharing

    public init(
        id: Int64, orgCode: String, code: String, name: String, country: String, adm1: String?,
        lat: Double, lon: Double, tier: Tier, capacityM3: Double?, freeM3: Double?, sharing: Sharing
    ) {
        self.id = id
        self.orgCode = orgCode
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
}

extension Site {
    /// How far the stock held (in m³) exceeds the site's declared capacity, when it does; nil for a
    /// site without a capacity or within it.
    public func excessM3(stockM3: Double) -> Double? {
        capacityM3.flatMap { Self.excessM3(stockM3: stockM3, capacityM3: $0) }
    }

    /// Above by more than rounding (half a litre): volumes are sums of quantities times unit volumes.
    public static func excessM3(stockM3: Double, capacityM3: Double) -> Double? {
        guard capacityM3 >= 0, stockM3 > capacityM3 + 0.0005 else { return nil }
        return stockM3 - capacityM3
    }

    /// The words a person reads about stock above capacity.
    public static func overCapacityMessage(stockM3: Double, capacityM3: Double) -> Phrase {
        Phrase(
            "\(Phrase.number(String(format: "%.1f", stockM3))) m³ of available stock at a site of \(Phrase.number(String(format: "%.1f", capacityM3))) m³ capacity"
        )
    }
}
