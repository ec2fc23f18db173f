import CorridorCore
import Foundation

/// An HXL hashtag with its attributes ("#item +code" → tag "item", attributes ["code"]).
public struct HXLTag: Sendable, Equatable, CustomStringConvertible {
    public var tag: String
    public var attributes: Set<String>

    public init?(_ raw: String) {
        let compact = raw.lowercased().filter { !$0.isWhitespace }
        guard compact.hasPrefix("#") else { return nil }
        let parts = compact.dropFirst().split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        guard let name = parts.first, !name.isEmpty,
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } })
        else { return nil }
        tag = name
        attributes = Set(parts.dropFirst())
    }

    public var description: String { "#" + tag + attributes.sorted().map { "+" + $0 }.joined() }

    /// The stock field this tag carries, per Corridor's HXL stock profile (docs/stock-reports.md); extra
    /// attributes are ignored.
    public var stockField: StockField? {
        switch tag {
        case "org": attributes.contains("code") ? .orgCode : .orgName
        case "loc": attributes.contains("code") ? .siteCode : .siteName
        case "country": .country
        case "geo": attributes.contains("lat") ? .lat : attributes.contains("lon") ? .lon : nil
        case "adm1": .adm1
        case "item": attributes.contains("code") ? .itemCode : .itemName
        case "indicator": attributes.contains("num") ? .quantity : nil
        case "quantity": .quantity
        case "meta": attributes.contains("unit") ? .unit : attributes.contains("batch") ? .batch : nil
        case "status": .status
        case "date": attributes.contains("expiry") ? .expiryDate : attributes.contains("reported") ? .reportedDate : nil
        default: nil
        }
    }
}
