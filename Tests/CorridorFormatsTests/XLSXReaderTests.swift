import CorridorCore
import Foundation
import Testing
@testable import CorridorFormats

@Suite struct XLSXReaderTests {
    static let sharedStrings = [
        "<si><t>sku</t></si>",
        "<si><t>name</t></si>",
        "<si><t xml:space=\"preserve\">Tent &amp; poles &lt;family&gt; </t></si>",
        // Rich text: runs are joined; the phonetic hint is not part of the value.
        "<si><r><rPr><b/></rPr><t>Water</t></r><r><t xml:space=\"preserve\"> purification</t></r>"
            + "<rPh sb=\"0\" eb=\"1\"><t>ミズ</t></rPh></si>",
        "<si><t>Kraków &#x6771;&#20140; &quot;q&quot; &apos;a&apos;</t></si>",
        "<si/>",
    ]

    static let rows = """
        <row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>\
        <c r="C1" t="inlineStr"><is><t>qty</t></is></c><c r="D1" t="inlineStr"><is><t>note</t></is></c></row>
        <row r="2"><c r="A2" t="s"><v>2</v></c><c r="C2"><v>12.50</v></c><c r="D2" t="b"><v>1</v></c></row>
        <row r="3" customFormat="1" s="4"/>
        <row r="5"><c r="B5" t="s"><v>3</v></c><c r="C5"><v>1.5E-3</v></c><c r="D5" s="2"><v>45658</v></c></row>
        <row r="6"><c r="A6" t="inlineStr"><is><r><t>A &amp; </t></r><r><t>B</t></r></is></c>\
        <c r="B6" t="str"><f>CONCAT("x","&lt;y")</f><v>x&lt;y</v></c><c r="C6" t="e"><v>#DIV/0!</v></c>\
        <c r="D6" t="b"><v>0</v></c></row>
        <row r="7"><c r="A7" t="s"><v>4</v></c><c r="B7" s="1"/><c r="D7" t="s"><v>5</v></c></row>
        <row r="8"><c t="inlineStr"><is><t>no ref</t></is></c><c><v>-3</v></c></row>
        <row r="9"><c r="AA9"><v>27</v></c></row>
        """

    static let expected = [
        TabularRow(number: 1, cells: ["sku", "name", "qty", "note"]),
        TabularRow(number: 2, cells: ["Tent & poles <family> ", "", "12.50", "TRUE"]),
        TabularRow(number: 5, cells: ["", "Water purification", "1.5E-3", "45658"]),
        TabularRow(number: 6, cells: ["A & B", "x<y", "#DIV/0!", "FALSE"]),
        TabularRow(number: 7, cells: ["Kraków 東京 \"q\" 'a'", "", "", ""]),
        TabularRow(number: 8, cells: ["no ref", "-3"]),
        TabularRow(number: 9, cells: Array(repeating: "", count: 26) + ["27"]),
    ]

    private func readAll(_ url: URL, chunkSize: Int = XLSXReader.defaultChunkSize) throws -> [TabularRow] {
        var reader = try XLSXReader(url: url, chunkSize: chunkSize)
        var rows: [TabularRow] = []
        while let row = try reader.next() { rows.append(row) }
        return rows
    }

    private func failure(_ url: URL) -> TabularError? {
        do {
            _ = try readAll(url)
            return nil
        } catch {
            return error as? TabularError
        }
    }

    @Test func readsSharedInlineNumbersGapsAndEntities() throws {
        let url = try XLSXFixtures.workbook(
            sheets: [("Stock", "worksheets/sheet1.xml", Self.rows)],
            sharedStrings: Self.sharedStrings)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try readAll(url) == Self.expected)
    }

    @Test func tinyChunksGiveTheSameRows() throws {
        let url = try XLSXFixtures.workbook(
            sheets: [("Stock", "worksheets/sheet1.xml", Self.rows)],
            sharedStrings: Self.sharedStrings)
        defer { try? FileManager.default.removeItem(at: url) }
        for chunkSize in [1, 2, 3, 5, 7, 13, 64] {
            #expect(try readAll(url, chunkSize: chunkSize) == Self.expected, "chunk size \(chunkSize)")
        }
    }

    @Test func readsTheFirstSheetInWorkbookOrder() throws {
        // The first listed sheet lives in sheet2.xml (as after reordering tabs in Excel).
        let url = try XLSXFixtures.workbook(sheets: [
            ("Stock", "worksheets/sheet2.xml", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>first</t></is></c></row>"),
            ("Old", "/xl/worksheets/sheet1.xml", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>second</t></is></c></row>"),
        ])
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try readAll(url) == [TabularRow(number: 1, cells: ["first"])])
    }

    @Test func fallsBackToSheet1WithoutWorkbookParts() throws {
        let url = try XLSXFixtures.package([
            ("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"3\"><c r=\"B3\"><v>7</v></c></row></sheetData></worksheet>")
        ])
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try readAll(url) == [TabularRow(number: 3, cells: ["", "7"])])
    }

    @Test func namespacePrefixesAreIgnored() throws {
        let rows = "<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>ok</x:t></x:is></x:c></x:row>"
        let url = try XLSXFixtures.workbook(
            sheets: [("S", "worksheets/sheet1.xml", rows)],
            sheetRoot: ("<x:worksheet xmlns:x=\"\(XLSXFixtures.mainNamespace)\">", "</x:worksheet>"))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(try readAll(url) == [TabularRow(number: 1, cells: ["ok"])])
    }

    @Test func temporaryFileIsRemovedAtEndAndOnDeinit() throws {
        let url = try XLSXFixtures.workbook(
            sheets: [("Stock", "worksheets/sheet1.xml", Self.rows)],
            sharedStrings: Self.sharedStrings)
        defer { try? FileManager.default.removeItem(at: url) }
        var reader = try XLSXReader(url: url)
        let temporary = reader.temporaryFileURL
        #expect(FileManager.default.fileExists(atPath: temporary.path))
        while try reader.next() != nil {}
        #expect(!FileManager.default.fileExists(atPath: temporary.path))

        var abandoned: XLSXReader? = try XLSXReader(url: url)
        let second = try #require(abandoned?.temporaryFileURL)
        _ = try abandoned?.next()
        #expect(FileManager.default.fileExists(atPath: second.path))
        abandoned = nil
        #expect(!FileManager.default.fileExists(atPath: second.path))
    }

    @Test func notAZipIsATabularError() throws {
        let url = XLSXFixtures.temporaryURL(".xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("sku,qty\nA,1\n".utf8).write(to: url)
        #expect(failure(url)?.message.contains("not a readable .xlsx") == true)
        // A ZIP signature followed by garbage.
        try Data([0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0x41, count: 200)).write(to: url)
        #expect(failure(url) != nil)
    }

    @Test func corruptCompressedSheetIsATabularError() throws {
        var rows = ""
        for row in 1...3000 { rows += "<row r=\"\(row)\"><c r=\"A\(row)\"><v>\(row * 7919 % 100_003)</v></c></row>" }
        let url = try XLSXFixtures.workbook(sheets: [("S", "worksheets/sheet1.xml", rows)])
        defer { try? FileManager.default.removeItem(at: url) }
        var bytes = try [UInt8](Data(contentsOf: url))
        // The sheet is nearly all of the file, so its compressed data spans the middle.
        for offset in (bytes.count / 2)..<(bytes.count / 2 + 16) { bytes[offset] ^= 0x5A }
        try Data(bytes).write(to: url)
        let error = failure(url)
        #expect(error?.row == nil)
        #expect(error?.message.contains("damaged") == true, "\(String(describing: error))")
    }

    /// A small upload whose sheet expands far beyond any real spreadsheet is refused early, with
    /// the reason, instead of being read for half a minute.
    @Test func aSheetThatExpandsLikeAZipBombIsRefused() throws {
        let rows = String(repeating: "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>", count: 700_000)
        let url = try XLSXFixtures.workbook(sheets: [("S", "worksheets/sheet1.xml", rows)])
        defer { try? FileManager.default.removeItem(at: url) }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        #expect(size < 1_000_000, "the fixture is small: \(size) bytes")
        let error = failure(url)
        #expect(error?.message.contains("expands more than 100 times its compressed size") == true, "\(String(describing: error))")
        #expect(error?.message.contains("xl/worksheets/sheet1.xml") == true)
    }

    @Test func theExpansionLimitsNameTheirReason() throws {
        #expect(throws: Never.self) { try XLSXWorkbook.checkExpansion(of: "p", written: 16 << 20, compressed: 1) }
        #expect(throws: Never.self) { try XLSXWorkbook.checkExpansion(of: "p", written: 900 << 20, compressed: 60 << 20) }
        #expect(throws: TabularError.self) { try XLSXWorkbook.checkExpansion(of: "p", written: (16 << 20) + 1, compressed: 100) }
        #expect(throws: TabularError.self) { try XLSXWorkbook.checkExpansion(of: "p", written: (1 << 30) + 1, compressed: 1 << 30) }
    }

    @Test func zipWithoutWorksheetIsATabularError() throws {
        let url = try XLSXFixtures.package([("readme.txt", "hello")])
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(failure(url)?.message.contains("no worksheet") == true)
    }

    @Test func damagedSheetNamesTheRow() throws {
        let truncated = try XLSXFixtures.package([
            ("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>2")
        ])
        defer { try? FileManager.default.removeItem(at: truncated) }
        var reader = try XLSXReader(url: truncated)
        #expect(try reader.next() == TabularRow(number: 1, cells: ["1"]))
        #expect(throws: TabularError(row: 2, message: "the worksheet is damaged: the worksheet ends in the middle of row 2")) {
            try reader.next()
        }

        let badIndex = try XLSXFixtures.workbook(
            sheets: [("S", "worksheets/sheet1.xml", "<row r=\"4\"><c r=\"C4\" t=\"s\"><v>9</v></c></row>")],
            sharedStrings: ["<si><t>only</t></si>"])
        defer { try? FileManager.default.removeItem(at: badIndex) }
        let error = failure(badIndex)
        #expect(error?.row == 4)
        #expect(error?.message.contains("C4") == true)
    }

    @Test(
        .enabled(
            if: XLSXFixtures.openpyxlAvailable,
            "needs python3 with openpyxl (pip install openpyxl) to write a real workbook"))
    func readsAWorkbookWrittenByOpenpyxl() throws {
        let url = XLSXFixtures.temporaryURL(".xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try XLSXFixtures.openpyxl(
            script: """
                import sys, datetime, openpyxl
                wb = openpyxl.Workbook()
                ws = wb.active
                ws.title = "Stock"
                ws.append(["sku", "name", "qty", "price", "active", "expiry"])
                ws.append(["ORS-1", "Oral rehydration salts & zinc <20>", 120, 1.25, True, datetime.date(2025, 1, 1)])
                ws.append(["TNT-2", "Tent\\nfamily", None, -3, False, None])
                ws["B5"] = "Kraków"
                other = wb.create_sheet("Archive")
                other.append(["not", "this", "sheet"])
                wb.save(sys.argv[1])
                """, output: url)
        let rows = try readAll(url)
        #expect(
            rows == [
                TabularRow(number: 1, cells: ["sku", "name", "qty", "price", "active", "expiry"]),
                TabularRow(number: 2, cells: ["ORS-1", "Oral rehydration salts & zinc <20>", "120", "1.25", "TRUE", "45658"]),
                TabularRow(number: 3, cells: ["TNT-2", "Tent\nfamily", "", "-3", "FALSE"]),
                TabularRow(number: 5, cells: ["", "Kraków"]),
            ])
    }
}
