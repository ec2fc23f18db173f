import Foundation
import CorridorFormats
import Testing

@Suite struct CSVWriterTests {
    let csv = CSVWriter()

    @Test func formulaLookingCellsStayText() {
        #expect(csv.field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(csv.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(csv.field("+1-2") == "'+1-2")
    }

    @Test func negativeNumbersAreData() {
        #expect(csv.field("-5") == "-5")
        #expect(csv.field("-1.25") == "-1.25")
    }

    @Test func quotingFollowsRFC4180() {
        #expect(csv.line(["a", "b,c", "d\"e", "f\ng"]) == "a,\"b,c\",\"d\"\"e\",\"f\ng\"\r\n")
        #expect(CSVWriter(separator: ";").line(["1,5", "x;y"]) == "1,5;\"x;y\"\r\n")
    }

    /// Each cell as the writer must put it, read as bytes: a quote, separator, CR or LF counts
    /// wherever it stands in UTF-8 text, even joined to a combining mark after it.
    @Test func cellsAreQuotedAndNeutralisedByTheirBytes() {
        let expected: [(cell: String, comma: String, semicolon: String)] = [
            ("", "", ""), ("plain", "plain", "plain"), ("a,b", "\"a,b\"", "a,b"), ("a;b", "a;b", "\"a;b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\"", "\"say \"\"hi\"\"\""), (" lead", "\" lead\"", "\" lead\""),
            ("trail ", "\"trail \"", "\"trail \""), ("=SUM(A1)", "'=SUM(A1)", "'=SUM(A1)"), ("+", "'+", "'+"), ("-", "'-", "'-"),
            ("-5", "-5", "-5"), ("-1.5", "-1.5", "-1.5"), ("+3", "+3", "+3"), ("- 5", "'- 5", "'- 5"), ("-1.2.3", "'-1.2.3", "'-1.2.3"),
            ("@home", "'@home", "'@home"), ("\tindent", "'\tindent", "'\tindent"), ("\rreturn", "\"'\rreturn\"", "\"'\rreturn\""),
            // CR LF is one character to Swift, but a cell that starts with CR is still one a spreadsheet may run.
            ("\r\nline", "\"'\r\nline\"", "\"'\r\nline\""), ("two\nlines", "\"two\nlines\"", "\"two\nlines\""),
            ("Dépôt \"Nord\", Île", "\"Dépôt \"\"Nord\"\", Île\"", "\"Dépôt \"\"Nord\"\", Île\""), ("=é", "'=é", "'=é"),
            ("'quoted", "'quoted", "'quoted"), ("é", "é", "é"), ("1.0", "1.0", "1.0"), ("-0.0", "-0.0", "-0.0"),
            ("Plastic sheet, 4 × 6 m", "\"Plastic sheet, 4 × 6 m\"", "Plastic sheet, 4 × 6 m"),
            // A quote with a combining acute accent: one character, but a quote byte all the same.
            ("a\"\u{301}b", "\"a\"\"\u{301}b\"", "\"a\"\"\u{301}b\""), (",\u{301}", "\",\u{301}\"", ",\u{301}"),
        ]
        for (separator, column) in [(Character(","), 1), (Character(";"), 2)] {
            let writer = CSVWriter(separator: separator)
            for row in expected {
                let want = column == 1 ? row.comma : row.semicolon
                #expect(writer.field(row.cell) == want, "\(row.cell.debugDescription) with \(separator)")
                var fromString: [UInt8] = [], fromBytes: [UInt8] = []
                writer.appendField(row.cell, to: &fromString)
                Array(row.cell.utf8).withUnsafeBufferPointer { writer.appendField(utf8: $0, to: &fromBytes) }
                #expect(fromString == Array(want.utf8) && fromBytes == fromString, "\(row.cell.debugDescription) with \(separator)")
            }
        }
    }
}
