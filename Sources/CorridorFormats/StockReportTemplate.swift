import CorridorCore
import Foundation
import ZIPFoundation

/// Empty stock reports to fill in, as CSV, HXL-tagged CSV and an XLSX workbook: one column per
/// field of the stock profile, headed as the header-alias table and the HXL profile read them.
public enum StockReportTemplate {
    public struct Column: Sendable, Equatable {
        public var field: StockField
        public var header: String
        public var hashtag: String
        /// What goes in the column, in a line.
        public var note: String
    }

    public static let columns: [Column] = [
        .init(
            field: .orgCode, header: "Organisation code", hashtag: "#org+code", note: "who owns the stock (your organisation when empty)"),
        .init(field: .siteCode, header: "Site code", hashtag: "#loc+code", note: "one of your sites, or a new one"),
        .init(field: .siteName, header: "Site name", hashtag: "#loc+name", note: "needed for a new site"),
        .init(field: .country, header: "Country code", hashtag: "#country+code", note: "ISO alpha-2 or alpha-3, for a new site"),
        .init(field: .lat, header: "Latitude", hashtag: "#geo+lat", note: "decimal degrees, for a new site"),
        .init(field: .lon, header: "Longitude", hashtag: "#geo+lon", note: "decimal degrees, for a new site"),
        .init(field: .adm1, header: "Admin 1", hashtag: "#adm1+name", note: "first-level area, optional"),
        .init(field: .itemCode, header: "Item code", hashtag: "#item+code", note: "a catalogue code or your own mapped code"),
        .init(field: .itemName, header: "Item name", hashtag: "#item+name", note: "when there is no code"),
        .init(field: .quantity, header: "Quantity", hashtag: "#indicator+num", note: "in the catalogue's unit"),
        .init(field: .unit, header: "Unit", hashtag: "#meta+unit", note: "checked against the catalogue"),
        .init(field: .status, header: "Status", hashtag: "#status", note: "available, reserved or damaged"),
        .init(field: .expiryDate, header: "Expiry date", hashtag: "#date+expiry", note: "YYYY-MM-DD"),
        .init(field: .reportedDate, header: "Reported date", hashtag: "#date+reported", note: "the day the stock was counted"),
        .init(field: .batch, header: "Batch", hashtag: "#meta+batch", note: "optional"),
    ]

    /// The header row alone.
    public static func csv() -> String {
        CSVWriter().line(columns.map(\.header)) + "\r\n"
    }

    /// The header row and the row of HXL hashtags.
    public static func hxl() -> String {
        let writer = CSVWriter()
        return writer.line(columns.map(\.header)) + "\r\n" + writer.line(columns.map(\.hashtag)) + "\r\n"
    }

    /// A workbook whose first sheet holds the header row, as the import reads it.
    public static func xlsx() throws -> Data {
        let archive = try Archive(accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                position, size in data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
        let relations = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        let package = "http://schemas.openxmlformats.org/package/2006/relationships"
        try add(
            "[Content_Types].xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
            <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>\
            </Types>
            """)
        try add(
            "_rels/.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(package)"><Relationship Id="rId1" Type="\(relations)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        try add(
            "xl/workbook.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="\(main)" xmlns:r="\(relations)"><sheets><sheet name="Stock report" sheetId="1" r:id="rId1"/></sheets></workbook>
            """)
        try add(
            "xl/_rels/workbook.xml.rels",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="\(package)"><Relationship Id="rId1" Type="\(relations)/worksheet" Target="worksheets/sheet1.xml"/>\
            <Relationship Id="rId2" Type="\(relations)/sharedStrings" Target="sharedStrings.xml"/></Relationships>
            """)
        let strings = columns.map { "<si><t>\(escape($0.header))</t></si>" }.joined()
        try add(
            "xl/sharedStrings.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <sst xmlns="\(main)" count="\(columns.count)" uniqueCount="\(columns.count)">\(strings)</sst>
            """)
        let cells = columns.indices.map { "<c r=\"\(columnName($0))1\" t=\"s\"><v>\($0)</v></c>" }.joined()
        try add(
            "xl/worksheets/sheet1.xml",
            """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="\(main)"><sheetData><row r="1">\(cells)</row></sheetData></worksheet>
            """)
        guard let data = archive.data else { throw DomainError.internalFailure("the template workbook was not written") }
        return data
    }

    /// A, B, … Z, AA: a column's name in a spreadsheet.
    static func columnName(_ index: Int) -> String {
        var name = "", rest = index + 1
        while rest > 0 {
            let letter = (rest - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + letter))) + name
            rest = (rest - 1) / 26
        }
        return name
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}
