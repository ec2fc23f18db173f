import CorridorCore
import Foundation

/// A stock line as listed and exported: with its site, item and owner spelled out.
public struct StockLineView: Sendable, Equatable, Codable {
    public var id: Int64
    public var siteCode: String
    public var siteName: String
    public var siteOrg: String
    public var country: String
    public var adm1: String?
    public var lat: Double
    public var lon: Double
    public var tier: String
    public var itemCode: String
    public var itemName: String
    public var sector: String
    public var unit: String
    public var quantity: Quantity
    public var owner: String
    public var status: String
    public var expiry: String?
    public var batch: String?
    public var reportedAt: String
    /// Person-days of a consumable line (nil for durable items), and the people the line covers
    /// for `days` (`PeopleCovered`).
    public var personDays: Double?
    public var peopleCovered: Double?
    public var days: Int
}

/// A site with its stock summed by sector: what the map and GeoJSON show, and all that the
/// public sees of an `aggregate` site.
public struct SiteTotals: Sendable, Equatable {
    public struct SectorTotal: Sendable, Equatable, Codable {
        public var sector: String
        public var lines: Int
        public var weightKg: Double
        public var volumeM3: Double
    }

    public var site: Site
    public var sectors: [SectorTotal]
    /// People covered by item family for `days`; never added across families.
    public var families: [FamilyCoverage]
    public var days: Int
    public var detailVisible: Bool
    public var latestReport: String?
    public var volumeM3: Double { sectors.reduce(0) { $0 + $1.volumeM3 } }
}

/// One item's stock in one tier of the country / region / global lists.
public struct PrepositionedItem: Sendable, Equatable, Codable {
    public var itemCode: String
    public var itemName: String
    public var sector: String
    public var unit: String
    public var quantity: Quantity
    public var family: String
    /// Person-days (nil for durable items) and people covered for `days` (`PeopleCovered`).
    public var personDays: Double?
    public var peopleCovered: Double?
    public var days: Int
    public var owners: [String]
    public var sites: Int
    public var latestReport: String
    /// The latest report is older than 90 days.
    public var stale: Bool

    enum CodingKeys: String, CodingKey {
        case itemCode, itemName, sector, unit, quantity, family, personDays, peopleCovered, days, owners, sites, latestReport, stale
    }

    /// Person-days and people covered are written as null, not left out, where an item has none.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(itemCode, forKey: .itemCode)
        try c.encode(itemName, forKey: .itemName)
        try c.encode(sector, forKey: .sector)
        try c.encode(unit, forKey: .unit)
        try c.encode(quantity, forKey: .quantity)
        try c.encode(family, forKey: .family)
        try c.encode(personDays, forKey: .personDays)
        try c.encode(peopleCovered, forKey: .peopleCovered)
        try c.encode(days, forKey: .days)
        try c.encode(owners, forKey: .owners)
        try c.encode(sites, forKey: .sites)
        try c.encode(latestReport, forKey: .latestReport)
        try c.encode(stale, forKey: .stale)
    }
}

public struct PrepositionedTier: Sendable, Equatable, Codable {
    public var tier: String
    public var label: String
    public var countries: [String]
    public var items: [PrepositionedItem]
}

public struct NearestStock: Sendable, Equatable, Codable {
    public var siteCode: String
    public var siteName: String
    public var org: String
    public var country: String
    public var lat: Double
    public var lon: Double
    public var distanceKm: Double
    public var quantity: Quantity
    public var latestReport: String
}

public struct StockAlert: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case expiring, belowMinimum = "below_minimum", staleReport = "stale_report", overCapacity = "over_capacity"
    }
    public var kind: Kind
    public var severity: AlertSeverity
    public var siteId: Int64
    public var country: String
    public var siteCode: String
    public var siteName: String
    public var org: String
    public var itemCode: String?
    public var itemName: String?
    /// What the alert says, for a page to put in its reader's language.
    public var phrase: Phrase

    /// The alert in English, as the API gives it.
    public var message: String { phrase.english }
}

/// The API's alert: the message in English, not the phrase.
extension StockAlert: Encodable {
    private enum CodingKeys: String, CodingKey {
        case kind, severity, siteId, country, siteCode, siteName, org, itemCode, itemName, message
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(severity, forKey: .severity)
        try container.encode(siteId, forKey: .siteId)
        try container.encode(country, forKey: .country)
        try container.encode(siteCode, forKey: .siteCode)
        try container.encode(siteName, forKey: .siteName)
        try container.encode(org, forKey: .org)
        try container.encodeIfPresent(itemCode, forKey: .itemCode)
        try container.encodeIfPresent(itemName, forKey: .itemName)
        try container.encode(message, forKey: .message)
    }
}
