import CorridorCore
@testable import CorridorIngest
import Testing

/// Repeated rows are looked for among a bounded number of rows, so memory stays flat.
@Suite struct StockImportTallyTests {
    static func row(_ number: Int, fingerprint: Int) -> StockReportScanner.Row {
        let checked = CheckedStockRow.make(
            site: .existing(id: 1), itemCode: "SHE-TENT-FAM", ownerOrg: "WFP", quantity: Quantity(units: 1),
            status: .available, expiry: nil, batch: nil, reportedAt: Day(year: 2026, month: 6, day: 1)!)
        return StockReportScanner.Row(number: number, checked: checked, fingerprint: fingerprint, problems: [], warnings: [])
    }

    @Test func repeatsAreFoundWithinTheWindowAndTheLimitIsSaidOnce() {
        var tally = StockImportTally(countsSites: true, duplicateWindow: 3)
        for (number, fingerprint) in [(2, 10), (3, 11), (4, 10), (5, 12), (6, 13), (7, 14), (8, 11), (9, 13)] {
            let written = tally.add(Self.row(number, fingerprint: fingerprint))
            #expect(written)
        }
        #expect(tally.warnings.map(\.row) == [4, 6, 8])
        #expect(tally.warnings[1].problem.contains("first 3 rows"))
        #expect(tally.warningCount == 3)
        #expect(tally.lines == 8 && tally.existingSites == [1])
    }
}
