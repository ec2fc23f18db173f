/// The fields of a stock report row, whatever the file calls them (HXL tag or header in comments).
public enum StockField: String, Sendable, CaseIterable, Hashable {
    case orgCode = "org_code"           // #org+code
    case orgName = "org_name"           // #org+name
    case siteCode = "site_code"         // #loc+code
    case siteName = "site_name"         // #loc+name
    case country                        // #country+code
    case lat                            // #geo+lat
    case lon                            // #geo+lon
    case adm1                           // #adm1+name
    case itemCode = "item_code"         // #item+code
    case itemName = "item_name"         // #item+name
    case quantity                       // #indicator+num or #quantity
    case unit                           // #meta+unit
    case status                         // #status
    case expiryDate = "expiry_date"     // #date+expiry
    case reportedDate = "reported_date" // #date+reported
    case batch                          // #meta+batch
}

/// One cell of a row as the checker sees it: its text and how to name its column to a person.
public struct StockCell: Sendable, Equatable {
    public var text: String
    /// "Quantity (#indicator+num)" — the header and tag as written in the file.
    public var column: String
    public init(text: String, column: String) {
        self.text = text
        self.column = column
    }
}
