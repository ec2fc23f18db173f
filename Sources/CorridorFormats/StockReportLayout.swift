import CorridorCore
import Foundation

/// Where each stock field sits in a report file: found from an HXL hashtag row, or else from the
/// human header row through the header-alias table.
public struct StockReportLayout: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public var index: Int
        /// How the column is named to a person: `"Qty" (#indicator+num)`.
        public var label: String
    }

    public var columns: [StockField: Column]
    /// The row number of the last header row; data starts after it.
    public var headerRow: Int
    public var usesHXL: Bool
    /// Columns that carry nothing Corridor reads, named for the import summary.
    public var ignored: [String]

    /// How many leading rows may be looked at to find the header.
    public static let searchDepth = 25

    /// Finds the layout among the first rows of a file. Throws a located problem when the file has
    /// no recognisable header, or lacks the columns every row needs.
    public static func detect(_ rows: [TabularRow]) throws(DomainError) -> StockReportLayout {
        guard !rows.isEmpty else { throw .invalid([Problem(row: 1, problem: "the file is empty")]) }
        for (position, row) in rows.prefix(searchDepth).enumerated() where isHashtagRow(row.cells) {
            let headers = position > 0 ? rows[position - 1].cells : []
            var columns: [StockField: Column] = [:]
            var ignored: [String] = []
            for (index, cell) in row.cells.enumerated() where !cell.trimmingCharacters(in: .whitespaces).isEmpty {
                let header = index < headers.count ? headers[index].trimmingCharacters(in: .whitespaces) : ""
                let tag = HXLTag(cell)
                let label = header.isEmpty ? "(\(tag?.description ?? cell))" : "\"\(header)\" (\(tag?.description ?? cell))"
                if let field = tag?.stockField, columns[field] == nil {
                    columns[field] = Column(index: index, label: label)
                } else {
                    ignored.append(label)
                }
            }
            let layout = StockReportLayout(columns: columns, headerRow: row.number, usesHXL: true, ignored: ignored)
            try layout.checkRequired()
            return layout
        }
        // No hashtag row: the first non-empty row holds the headers.
        guard let header = rows.first(where: { $0.cells.contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty } }) else {
            throw .invalid([Problem(row: 1, problem: "the file has no header row")])
        }
        var columns: [StockField: Column] = [:]
        var ignored: [String] = []
        for (index, cell) in header.cells.enumerated() {
            let name = cell.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { continue }
            if let field = HeaderAliases.field(forHeader: name), columns[field] == nil {
                columns[field] = Column(index: index, label: "\"\(name)\"")
            } else {
                ignored.append("\"\(name)\"")
            }
        }
        let layout = StockReportLayout(columns: columns, headerRow: header.number, usesHXL: false, ignored: ignored)
        try layout.checkRequired()
        return layout
    }

    /// How a person knows the column at `index`: its header and tag, when it is one Corridor reads.
    public func label(ofColumn index: Int) -> String? {
        columns.values.first { $0.index == index }?.label
    }

    /// The cells of a data row, by field.
    public func cells(of row: TabularRow) -> StockCells {
        var cells = StockCells()
        for (field, column) in columns {
            cells[field] = StockCell(text: column.index < row.cells.count ? row.cells[column.index] : "", column: column.label)
        }
        return cells
    }

    private func checkRequired() throws(DomainError) {
        var problems: [Problem] = []
        if columns[.itemCode] == nil && columns[.itemName] == nil {
            problems.append(
                Problem(
                    row: headerRow, field: "item_code",
                    problem: "no item column (#item+code or #item+name, or a header such as \"Item code\")"))
        }
        if columns[.siteCode] == nil && columns[.siteName] == nil {
            problems.append(
                Problem(
                    row: headerRow, field: "site_code",
                    problem: "no site column (#loc+code or #loc+name, or a header such as \"Warehouse\")"))
        }
        if columns[.quantity] == nil {
            problems.append(
                Problem(
                    row: headerRow, field: "quantity",
                    problem: "no quantity column (#indicator+num or #quantity, or a header such as \"Quantity\")"))
        }
        if !problems.isEmpty { throw .invalid(problems) }
    }

    /// HXL's rule: a row whose non-empty cells are all hashtags, with at least one.
    static func isHashtagRow(_ cells: [String]) -> Bool {
        let filled = cells.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return !filled.isEmpty && filled.allSatisfy { HXLTag($0) != nil }
    }
}
