/// The fields of a stock report row, whatever the file calls them (HXL tag or header in comments).
public enum StockField: String, Sendable, CaseIterable, Hashable {
    case orgCode = "org_code"  // #org+code
    case orgName = "org_name"  // #org+name
    case siteCode = "site_code"  // #loc+code
    case siteName = "site_name"  // #loc+name
    case country  // #country+code
    case lat  // #geo+lat
    case lon  // #geo+lon
    case adm1  // #adm1+name
    case itemCode = "item_code"  // #item+code
    case itemName = "item_name"  // #item+name
    case quantity  // #indicator+num or #quantity
    case unit  // #meta+unit
    case status  // #status
    case expiryDate = "expiry_date"  // #date+expiry
    case reportedDate = "reported_date"  // #date+reported
    case batch  // #meta+batch
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

/// The cells of one row by field, in a fixed array: a dictionary here cost more than all the
/// checks of a row together.
public struct StockCells: Sendable, Equatable, Sequence {
    private var storage: [StockCell?] = Array(repeating: nil, count: StockField.allCases.count)

    public init() {}

    public init(_ cells: [StockField: StockCell]) {
        for (field, cell) in cells { self[field] = cell }
    }

    public subscript(field: StockField) -> StockCell? {
        get { storage[field.position] }
        set { storage[field.position] = newValue }
    }

    public func makeIterator() -> some IteratorProtocol<(field: StockField, cell: StockCell)> {
        zip(StockField.allCases, storage).lazy.compactMap { field, cell in cell.map { (field: field, cell: $0) } }.makeIterator()
    }
}

extension StockField {
    /// The field's place in `StockCells`; inlinable, as the import engine reads it for every cell.
    @inlinable package var position: Int {
        switch self {
        case .orgCode: 0
        case .orgName: 1
        case .siteCode: 2
        case .siteName: 3
        case .country: 4
        case .lat: 5
        case .lon: 6
        case .adm1: 7
        case .itemCode: 8
        case .itemName: 9
        case .quantity: 10
        case .unit: 11
        case .status: 12
        case .expiryDate: 13
        case .reportedDate: 14
        case .batch: 15
        }
    }
}
