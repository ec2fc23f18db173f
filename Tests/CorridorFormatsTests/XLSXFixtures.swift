import Foundation
import ZIPFoundation

/// Builds small .xlsx packages for tests, so the reader is checked against files whose every
/// byte the test controls.
enum XLSXFixtures {
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let worksheetType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"

    static func temporaryURL(_ suffix: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("corridor-test-\(UUID().uuidString)\(suffix)")
    }

    /// A ZIP with the given parts, deflated as Excel does.
    static func package(_ parts: [(path: String, text: String)]) throws -> URL {
        let url = temporaryURL(".xlsx")
        let archive = try Archive(url: url, accessMode: .create)
        for part in parts {
            let data = Data(part.text.utf8)
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(data.count),
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return url
    }

    /// A workbook whose sheets are listed in `sheets` order, each with its worksheet XML body
    /// (the part inside `<sheetData>`), plus an optional shared-string table.
    static func workbook(
        sheets: [(name: String, file: String, rows: String)], sharedStrings: [String]? = nil,
        sheetRoot: (open: String, close: String)? = nil
    ) throws -> URL {
        var parts: [(path: String, text: String)] = [
            (
                "[Content_Types].xml",
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/xl/workbook.xml" \
                ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
                """
            ),
            (
                "_rels/.rels",
                """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
                Target="xl/workbook.xml"/></Relationships>
                """
            ),
        ]
        var sheetList = ""
        var relations = ""
        for (index, sheet) in sheets.enumerated() {
            // Relationship ids deliberately run backwards so that the reader must follow them.
            let id = "rId\(sheets.count - index + 1)"
            sheetList += "<sheet name=\"\(sheet.name)\" sheetId=\"\(index + 1)\" r:id=\"\(id)\"/>"
            relations += "<Relationship Id=\"\(id)\" Type=\"\(worksheetType)\" Target=\"\(sheet.file)\"/>"
            let root = sheetRoot ?? ("<worksheet xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relNamespace)\">", "</worksheet>")
            parts.append(
                (
                    "xl/" + sheet.file,
                    """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    \(root.open)<dimension ref="A1:D9"/><sheetData>\(sheet.rows)</sheetData>\
                    <mergeCells count="1"><mergeCell ref="A9:B9"/></mergeCells>\(root.close)
                    """
                ))
        }
        parts.append(
            (
                "xl/workbook.xml",
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="\(mainNamespace)" xmlns:r="\(relNamespace)"><sheets>\(sheetList)</sheets></workbook>
                """
            ))
        parts.append(
            (
                "xl/_rels/workbook.xml.rels",
                """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(relations)\
                <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" \
                Target="sharedStrings.xml"/></Relationships>
                """
            ))
        if let sharedStrings {
            parts.append(
                (
                    "xl/sharedStrings.xml",
                    """
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <sst xmlns="\(mainNamespace)" count="\(sharedStrings.count)" uniqueCount="\(sharedStrings.count)">\
                    \(sharedStrings.joined())</sst>
                    """
                ))
        }
        return try package(parts)
    }

    /// Runs python3 with openpyxl to write a workbook, as a real-world generator would.
    static func openpyxl(script: String, output: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, output.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteUnknown)
        }
    }

    /// Whether python3 with openpyxl is installed (`pip install openpyxl`).
    static let openpyxlAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import openpyxl"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        } catch {
            return false
        }
    }()
}
