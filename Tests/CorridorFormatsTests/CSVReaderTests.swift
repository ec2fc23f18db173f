import CorridorCore
import Foundation
import Testing
@testable import CorridorFormats

@Suite struct CSVReaderTests {
    private func read(_ bytes: [UInt8], chunkSize: Int = CSVReader.defaultChunkSize) throws -> [TabularRow] {
        var reader = CSVReader(data: Data(bytes), chunkSize: chunkSize)
        var rows: [TabularRow] = []
        while let row = try reader.next() { rows.append(row) }
        return rows
    }

    private func cells(_ text: String, chunkSize: Int = CSVReader.defaultChunkSize) throws -> [[String]] {
        try read(Array(text.utf8), chunkSize: chunkSize).map(\.cells)
    }

    private func error(_ bytes: [UInt8], chunkSize: Int = CSVReader.defaultChunkSize) -> TabularError? {
        do {
            _ = try read(bytes, chunkSize: chunkSize)
            return nil
        } catch {
            return error as? TabularError
        }
    }

    @Test func byteOrderMarkIsStripped() throws {
        let rows = try read([0xEF, 0xBB, 0xBF] + Array("sku,qty\nA,1\n".utf8))
        #expect(rows.map(\.cells) == [["sku", "qty"], ["A", "1"]])
        #expect(try read([0xEF, 0xBB, 0xBF]).isEmpty)
    }

    @Test func separatorIsDetectedFromTheFirstRecord() throws {
        let semicolon = CSVReader(data: Data("sku;qty;note\nA;1,5;x\n".utf8))
        #expect(semicolon.separator == UInt8(ascii: ";"))
        #expect(try cells("sku;qty;note\nA;1,5;x\n") == [["sku", "qty", "note"], ["A", "1,5", "x"]])

        let tab = CSVReader(data: Data("sku\tname\tqty\nA\tTent, family\t2\n".utf8))
        #expect(tab.separator == UInt8(ascii: "\t"))
        #expect(try cells("sku\tname\tqty\nA\tTent, family\t2\n") == [["sku", "name", "qty"], ["A", "Tent, family", "2"]])

        // Separators inside quotes do not count, ties go to the comma, and a lone column is comma.
        #expect(CSVReader(data: Data("\"a;b;c\",d\n".utf8)).separator == UInt8(ascii: ","))
        #expect(CSVReader(data: Data("a;b,c\n".utf8)).separator == UInt8(ascii: ","))
        #expect(CSVReader(data: Data("sku\nA\n".utf8)).separator == UInt8(ascii: ","))
        // Only the first record decides.
        #expect(CSVReader(data: Data("a,b\nc;d;e;f\n".utf8)).separator == UInt8(ascii: ","))
    }

    @Test func quotedFieldsHoldSeparatorsNewlinesAndEscapedQuotes() throws {
        let text = "name,note\n\"Tent, family\",\"line one\nline two\r\nline three\"\n\"He said \"\"hi\"\"\",\"\"\"\"\n"
        #expect(
            try cells(text) == [
                ["name", "note"],
                ["Tent, family", "line one\nline two\r\nline three"],
                ["He said \"hi\"", "\""],
            ])
    }

    @Test func lineEndingsAllReadTheSame() throws {
        let expected = [["a", "b"], ["c", "d"], ["e", "f"]]
        #expect(try cells("a,b\nc,d\ne,f\n") == expected)
        #expect(try cells("a,b\r\nc,d\r\ne,f\r\n") == expected)
        #expect(try cells("a,b\rc,d\re,f") == expected)
        #expect(try cells("a,b\r\nc,d\ne,f") == expected)
    }

    @Test func emptyFieldsAndRaggedRowsAreKept() throws {
        #expect(try cells("a,,c\n,,\nx,\n\"\",y\n") == [["a", "", "c"], ["", "", ""], ["x", ""], ["", "y"]])
        #expect(try cells("a,b,c\n1\n1,2,3,4\n") == [["a", "b", "c"], ["1"], ["1", "2", "3", "4"]])
    }

    @Test func strayQuotesAreKeptAsSpreadsheetsDo() throws {
        #expect(try cells("5\" tent,a\"b\n\"quoted\"tail,x\n") == [["5\" tent", "a\"b"], ["quotedtail", "x"]])
    }

    @Test func trailingEmptyLineIsIgnoredButInnerBlankLinesCount() throws {
        #expect(try cells("a\n").count == 1)
        #expect(try cells("a\r\n").count == 1)
        #expect(try cells("").isEmpty)
        let rows = try read(Array("a\n\nb\n".utf8))
        #expect(
            rows == [
                TabularRow(number: 1, cells: ["a"]), TabularRow(number: 2, cells: [""]),
                TabularRow(number: 3, cells: ["b"]),
            ])
    }

    @Test func rowNumbersCountRecordsNotLines() throws {
        let rows = try read(Array("h1,h2\n\"multi\nline\",x\nlast,y\n".utf8))
        #expect(rows.map(\.number) == [1, 2, 3])
        #expect(rows[2].cells == ["last", "y"])
    }

    @Test func unterminatedQuoteNamesTheRowItOpenedOn() {
        let failure = error(Array("sku,qty\nA,1\nB,\"2\nC,3\nD,4\n".utf8))
        #expect(failure?.row == 3)
        #expect(failure?.message.contains("never closed") == true)
        #expect(error(Array("a,\"b".utf8), chunkSize: 1)?.row == 1)
    }

    @Test func invalidUTF8NamesTheRowAndColumn() throws {
        // "Café" saved as Latin-1: 0xE9 alone is not UTF-8.
        let latin1: [UInt8] = Array("sku,name\nA,Caf".utf8) + [0xE9] + Array(",1\n".utf8)
        let failure = error(latin1)
        #expect(failure?.row == 2)
        #expect(failure?.message.contains("UTF-8") == true)
        #expect(failure?.column == 1)
        #expect(failure?.description.hasPrefix("row 2, column 2:") == true, "\(String(describing: failure))")
        #expect(error(latin1, chunkSize: 3)?.row == 2)
        // Inside quotes too, and an overlong encoding and a surrogate are refused.
        #expect(error(Array("\"a".utf8) + [0xC0, 0xAF] + Array("\"\n".utf8))?.row == 1)
        #expect(error(Array("x\n".utf8) + [0xED, 0xA0, 0x80] + Array("\n".utf8))?.row == 2)
        // Valid multi-byte text passes.
        #expect(try cells("Café,Kraków,東京,🙂\n") == [["Café", "Kraków", "東京", "🙂"]])
    }

    @Test func endlessRecordsAreRefused() {
        #expect(error(Array("a,b\n".utf8) + Array(repeating: UInt8(ascii: ","), count: 20_000))?.row == 2)
    }

    @Test func errorsAreSticky() throws {
        var reader = CSVReader(data: Data("a\n\"b\n".utf8))
        let first = try reader.next()
        #expect(first?.cells == ["a"])
        #expect(throws: TabularError.self) { try reader.next() }
        #expect(throws: TabularError.self) { try reader.next() }
    }

    @Test func chunkBoundariesAnywhereGiveTheSameRows() throws {
        // Quoted fields with newlines, escapes and separators, CRLF, multi-byte text and a BOM,
        // split at every possible offset by using tiny chunks.
        let text =
            "\u{FEFF}sku;name;note\r\nA-1;\"Tent; family\";\"line1\r\nline2 \"\"quoted\"\"\"\r\n"
            + "B-2;Kraków 東京;\r\n\"\";\"\";x\r\nlong-unquoted-field-value;\"q\"\r\n"
        let expected = try read(Array(text.utf8))
        #expect(expected.count == 5)
        #expect(expected[1].cells == ["A-1", "Tent; family", "line1\r\nline2 \"quoted\""])
        for chunkSize in 1...24 {
            #expect(try read(Array(text.utf8), chunkSize: chunkSize) == expected, "chunk size \(chunkSize)")
        }
    }

    /// Records read as bytes (in place when plain, copied otherwise) equal records read as strings.
    @Test func fieldsAsBytesEqualRowsAsStrings() throws {
        let text =
            "\u{FEFF}sku;name;note\r\nA-1;\"Tent; family\";\"line1\r\nline2 \"\"quoted\"\"\"\r\n"
            + "B-2;Kraków 東京;\r\n\"\";\"\";x\r\n;;\r\nlong-unquoted-field-value;\"q\"\r\nlast;no;newline"
        let expected = try read(Array(text.utf8))
        for chunkSize in [1, 2, 3, 5, 8, 13, 24, 1024] {
            var reader = CSVReader(data: Data(text.utf8), chunkSize: chunkSize)
            var rows: [TabularRow] = []
            var blank: [Int] = []
            // Alternating the two ways of reading must not lose or repeat a record.
            while true {
                if rows.count % 2 == 0 {
                    guard
                        try reader.nextFields({ fields in
                            rows.append(fields.row)
                            if fields.isBlank { blank.append(fields.number) }
                        })
                    else { break }
                } else {
                    guard let row = try reader.next() else { break }
                    rows.append(row)
                }
            }
            #expect(rows == expected, "chunk size \(chunkSize)")
            #expect(blank.allSatisfy { $0 == 5 }, "chunk size \(chunkSize)")
        }
        var reader = CSVReader(data: Data((Array("a\n".utf8) + [0x41, 0xE9] + Array("\n".utf8))))
        _ = try reader.nextFields { _ in }
        #expect(throws: TabularError(row: 2, column: 0, message: "the text is not valid UTF-8: save the file as CSV UTF-8")) {
            try reader.nextFields { _ in }
        }
    }

    @Test func crlfSplitAcrossChunksIsOneLineEnd() throws {
        // With 4-byte chunks "ab,c\r" ends one chunk and "\n" starts the next.
        #expect(try cells("abc\r\nde\r\n", chunkSize: 4) == [["abc"], ["de"]])
        #expect(try cells("ab,\"c\"\r\nd", chunkSize: 7) == [["ab", "c"], ["d"]])
    }

    @Test func readsFilesInChunks() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        var text = "sku,qty,note\r\n"
        for index in 1...500 { text += "S\(index),\(index),\"n, \(index)\nmore\"\r\n" }
        try Data(text.utf8).write(to: url)
        var small = try CSVReader(url: url, chunkSize: 7)
        var big = try CSVReader(url: url)
        var count = 0
        while let row = try small.next() {
            #expect(try big.next() == row)
            count += 1
        }
        #expect(try big.next() == nil)
        #expect(count == 501)
    }

    @Test func missingFileIsATabularError() {
        #expect(throws: TabularError.self) {
            _ = try CSVReader(url: URL(fileURLWithPath: "/nonexistent/\(UUID().uuidString).csv"))
        }
    }

    @Test func formatDetection() {
        #expect(TabularFormat.detect(fileName: "Stock.XLSX", firstBytes: []) == .xlsx)
        #expect(TabularFormat.detect(fileName: "stock.csv", firstBytes: [0x50, 0x4B, 0x03, 0x04]) == .csv)
        #expect(TabularFormat.detect(fileName: "upload", firstBytes: [0x50, 0x4B, 0x03, 0x04, 0x14]) == .xlsx)
        #expect(TabularFormat.detect(fileName: nil, firstBytes: Array("sku,qty".utf8)) == .csv)
    }
}
