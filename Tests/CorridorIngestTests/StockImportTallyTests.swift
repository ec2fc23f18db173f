import CorridorCore
@testable import CorridorIngest
import Testing

/// Repeated rows are looked for among a bounded number of rows, so memory stays flat, and their
/// warnings join the rows' own in row order, however the batch was counted.
@Suite struct StockImportTallyTests {
    static func row(_ number: Int, fingerprint: Int, warning: String? = nil) -> StockReportScanner.Row {
        let checked = CheckedStockRow.make(
            site: .existing(id: 1), itemCode: "SHE-TENT-FAM", ownerOrg: "WFP", quantity: Quantity(units: 1),
            status: .available, expiry: nil, batch: nil, reportedAt: Day(year: 2026, month: 6, day: 1)!)
        return StockReportScanner.Row(
            number: number, checked: checked, fingerprint: fingerprint, problems: [],
            warnings: warning.map { [Problem(row: number, problem: Phrase(verbatim: $0))] } ?? [])
    }

    @Test func repeatsAreFoundWithinTheWindowAndTheLimitIsSaidOnce() {
        var tally = StockImportTally(countsSites: true, duplicateWindow: 3)
        for (number, fingerprint) in [(2, 10), (3, 11), (4, 10), (5, 12), (6, 13), (7, 14), (8, 11), (9, 13)] {
            let batch = tally.count([Self.row(number, fingerprint: fingerprint)])
            #expect(batch.writable)
            tally.findRepeats(of: batch, in: [Self.row(number, fingerprint: fingerprint)])
        }
        #expect(tally.warnings.map(\.row) == [4, 6, 8])
        #expect(tally.warnings[1].problem.contains("first 3 rows"))
        #expect(tally.warningCount == 3)
        #expect(tally.lines == 8 && tally.existingSites == [1])
    }

    /// The import looks for repeats beside its write (`find`, then `finish`); the list
    /// reads as if each row had been counted in turn, a row's own warning before its repeat.
    @Test func repeatWarningsJoinTheRowsOwnInRowOrder() {
        let rows = [
            Self.row(2, fingerprint: 10), Self.row(3, fingerprint: 10, warning: "expired"), Self.row(4, fingerprint: 11, warning: "far"),
            Self.row(5, fingerprint: 11), Self.row(6, fingerprint: 12, warning: "odd"),
        ]
        var tally = StockImportTally(countsSites: false)
        let batch = tally.count(rows)
        let found = tally.repeats.find(in: rows, upTo: batch.counted)
        tally.finish(batch, found: found)
        #expect(tally.warnings.map(\.row) == [3, 3, 4, 5, 6])
        #expect(tally.warnings[0].problem == "expired" && tally.warnings[2].problem == "far")
        #expect(tally.warnings[1].problem.hasPrefix("repeats an earlier row"))
        #expect(tally.warnings[3].problem.hasPrefix("repeats an earlier row"))
        #expect(tally.warningCount == 5 && tally.lines == 5)
    }
}
