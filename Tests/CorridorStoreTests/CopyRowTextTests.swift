@testable import CorridorCore
@testable import CorridorStore
import NIOCore
import Testing

/// The COPY text rows the PostgreSQL import sends, byte for byte.
@Suite struct CopyRowTextTests {
    static func text(_ buffer: ByteBuffer) -> String { String(buffer: buffer) }

    @Test func integersTextDaysAndNullsMakeTabSeparatedRows() {
        let rows = CopyRowText(columns: 4, capacity: 8)
        for value: Int64 in [0, 9, 10, 99, 100, -5, .max, .min] {
            rows.appendInteger(value)
            rows.appendText("a\\b\tc\nd\re é")
            rows.appendDay(Day(year: 2026, month: 1, day: 31)!)
            rows.appendNull()
        }
        #expect(rows.rows == 8)
        let expected = ["0", "9", "10", "99", "100", "-5", "9223372036854775807", "-9223372036854775808"].map {
            "\($0)\ta\\\\b\\tc\\nd\\re é\t2026-01-31\t\\N\n"
        }
        #expect(Self.text(rows.take()) == expected.joined())
        #expect(rows.rows == 0)
        rows.appendText("")
        rows.appendInteger(1)
        rows.appendInteger(2)
        rows.appendInteger(3)
        #expect(Self.text(rows.take()) == "\t1\t2\t3\n", "an empty text is an empty value, not NULL")
    }
}
