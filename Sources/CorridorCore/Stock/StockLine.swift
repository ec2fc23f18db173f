import Foundation

/// The state of a stock line: only `available` stock counts for response planning.
public enum StockStatus: String, Sendable, Codable, CaseIterable {
    case available, reserved, damaged

    /// Accepts the words stock reports use in English, French and Spanish.
    public static func parse(_ raw: String) -> StockStatus? {
        if let exact = StockStatus(rawValue: raw) { return exact }
        switch raw.trimmedCell.lowercased() {
        case "", "available", "in stock", "ok", "good", "disponible", "en stock", "bon": return .available
        case "reserved", "committed", "allocated", "réservé", "reserve", "engagé", "reservado", "comprometido": return .reserved
        case "damaged", "expired", "unusable", "endommagé", "endommage", "avarié", "dañado", "danado", "averiado": return .damaged
        default: return nil
        }
    }
}

/// One line of stock at a site, as reported.
public struct StockLine: Sendable, Equatable, Codable {
    public var siteID: Int64
    public var itemCode: String
    public var ownerOrgCode: String
    public var quantity: Quantity
    public var status: StockStatus
    public var expiry: Day?
    public var batch: String?
    public var reportedAt: Day

    public init(
        siteID: Int64, itemCode: String, ownerOrgCode: String, quantity: Quantity, status: StockStatus,
        expiry: Day?, batch: String?, reportedAt: Day
    ) {
        self.siteID = siteID
        self.itemCode = itemCode
        self.ownerOrgCode = ownerOrgCode
        self.quantity = quantity
        self.status = status
        self.expiry = expiry
        self.batch = batch
        self.reportedAt = reportedAt
    }
}
