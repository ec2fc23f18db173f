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

    @Test func bytesAppendedEqualTheFieldsWrittenAsText() {
        let cells = [
            "", "plain", "a,b", "say \"hi\"", " lead", "trail ", "=SUM(A1)", "+", "-", "-5", "-1.5", "+3", "- 5", "-1.2.3", "@home",
            "\tindent", "\rreturn", "\r\nline", "two\nlines", "Dépôt \"Nord\", Île", "=é", "'quoted", "é", "1.0", "-0.0",
        ]
        for separator: Character in [",", ";"] {
            let writer = CSVWriter(separator: separator)
            for cell in cells {
                var bytes: [UInt8] = []
                writer.appendField(cell, to: &bytes)
                #expect(bytes == Array(writer.field(cell).utf8), "\(cell.debugDescription) with \(separator)")
            }
        }
    }
}
