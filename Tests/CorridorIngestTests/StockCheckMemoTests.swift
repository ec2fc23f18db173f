import CorridorCore
@testable import CorridorIngest
import Testing

/// The memo only saves work: every row gets the same outcome as without it, with its own row number.
@Suite struct StockCheckMemoTests {
    static let rows: [[StockField: String]] = [
        [.siteCode: "nbo-1", .itemCode: "T-001", .quantity: "1,200.5", .status: "Disponible", .orgCode: "unicef"],
        [.siteCode: "NOWHERE", .itemName: "tents", .quantity: "-4", .expiryDate: "31/12/2026", .status: "lost", .orgCode: "XYZ"],
        [.siteName: "Garissa store", .country: "KEN", .lat: "-0.45", .lon: "39.65", .itemCode: "SHE-TENT-FAM", .quantity: "3"],
        [.siteName: "Swapped", .country: "KE", .lat: "39.65", .lon: "-0.45", .itemCode: "SHE-TENT-FAM", .quantity: "3"],
        [.siteName: "Far", .country: "KE", .lat: "95", .lon: "200", .itemCode: "SHE-TENT-FAM", .quantity: "3"],
        [.siteCode: "NBO-1", .country: "UG", .itemCode: "SHE-TENT-FAM", .quantity: "3", .expiryDate: "2020-01-01"],
        [.siteCode: "NBO-1", .itemCode: "=HYPERLINK(1)", .itemName: "@tent", .quantity: "3", .batch: "-B7"],
        [.siteCode: "NBO-1", .itemCode: "SHE-TENT-FAM", .quantity: "3", .orgName: "World Food Programme"],
    ]

    @Test func memoisedOutcomesAreTheSame() {
        let memo = StockCheckMemo()
        for round in 0..<3 {
            for (index, values) in Self.rows.enumerated() {
                let cells = StockRowCheckerTests.cells(values)
                let number = 10 + round * 100 + index
                let plain = StockRowChecker.check(cells, rowNumber: number, context: StockRowCheckerTests.context)
                let memoised = StockRowChecker.check(cells, rowNumber: number, context: StockRowCheckerTests.context, memo: memo)
                #expect(memoised.row == plain.row)
                #expect(memoised.problems == plain.problems)
                #expect(memoised.warnings == plain.warnings)
                #expect(memoised.problems.allSatisfy { $0.row == number })
            }
        }
        #expect(
            !StockRowChecker.check(
                StockRowCheckerTests.cells(Self.rows[3]), rowNumber: 1,
                context: StockRowCheckerTests.context, memo: memo
            ).warnings.isEmpty)
    }
}
