import Foundation

/// Writes an HXL-tagged CSV: a header row for people, a hashtag row for machines, then data —
/// the shape libhxl reads back. Cells go through `CSVWriter`, so formulas are neutralised.
public struct HXLWriter: Sendable {
    public struct Column: Sendable {
        public var header: String
        public var tag: String
        public init(_ header: String, _ tag: String) {
            self.header = header
            self.tag = tag
        }
    }

    public let columns: [Column]
    let csv = CSVWriter()

    public init(columns: [Column]) {
        self.columns = columns
    }

    public func head() -> String {
        csv.line(columns.map(\.header)) + csv.line(columns.map(\.tag))
    }

    public func row(_ cells: [String]) -> String {
        csv.line(cells)
    }
}

/// The columns of Corridor's stock export, in the tags of the stock profile (docs/stock-reports.md), so an
/// exported file can be imported again unchanged.
public enum StockHXLProfile {
    public static let columns: [HXLWriter.Column] = [
        .init("Organisation", "#org+code"),
        .init("Site code", "#loc+code"),
        .init("Site", "#loc+name"),
        .init("Country", "#country+code"),
        .init("Admin 1", "#adm1+name"),
        .init("Latitude", "#geo+lat"),
        .init("Longitude", "#geo+lon"),
        .init("Item code", "#item+code"),
        .init("Item", "#item+name"),
        .init("Sector", "#sector"),
        .init("Quantity", "#indicator+num"),
        .init("Unit", "#meta+unit"),
        .init("Status", "#status"),
        .init("Expiry date", "#date+expiry"),
        .init("Batch", "#meta+batch"),
        .init("Reported", "#date+reported"),
        .init("Site holder", "#org+holder"),
        // Written, not read back: what the line covers for the export's horizon (person-days of
        // a consumable; people for the days given).
        .init("Person-days", "#capacity+person_days"),
        .init("People covered", "#capacity+people"),
        .init("For days", "#meta+horizon+days"),
    ]
}
