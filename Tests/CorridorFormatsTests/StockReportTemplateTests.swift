import CorridorCore
@testable import CorridorFormats
import Foundation
import Testing

/// The templates offered on the upload page are read back by the import as the columns they name.
@Suite struct StockReportTemplateTests {
    static func layout(_ reader: some TabularReader) throws -> StockReportLayout {
        var reader = reader
        var rows: [TabularRow] = []
        while let row = try reader.next() { rows.append(row) }
        return try StockReportLayout.detect(rows)
    }

    static func expectEveryColumn(_ layout: StockReportLayout) {
        for (index, column) in StockReportTemplate.columns.enumerated() {
            #expect(layout.columns[column.field]?.index == index, "\(column.header)")
        }
        #expect(layout.ignored.isEmpty)
    }

    @Test func theCSVTemplateIsReadThroughTheHeaderAliases() throws {
        let layout = try Self.layout(CSVReader(data: Data(StockReportTemplate.csv().utf8)))
        #expect(!layout.usesHXL)
        Self.expectEveryColumn(layout)
    }

    @Test func theHXLTemplateIsReadThroughItsHashtags() throws {
        let layout = try Self.layout(CSVReader(data: Data(StockReportTemplate.hxl().utf8)))
        #expect(layout.usesHXL)
        Self.expectEveryColumn(layout)
    }

    @Test func theWorkbookTemplateIsReadLikeAnyWorkbook() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("template-\(UUID().uuidString).xlsx")
        try StockReportTemplate.xlsx().write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let layout = try Self.layout(try XLSXReader(url: url))
        Self.expectEveryColumn(layout)
        #expect(StockReportTemplate.columnName(0) == "A" && StockReportTemplate.columnName(25) == "Z")
        #expect(StockReportTemplate.columnName(26) == "AA")
    }
}
