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
}
