import CorridorCore
import Testing

/// The quick check is only a shortcut: it accepts a row only when the full check accepts it with
/// no problem and no warning, and then gives the same row and the same fingerprint.
@Suite struct StockQuickCheckTests {
    static let clean: [[StockField: String]] = [
        [.siteCode: "NBO-1", .itemCode: "SHE-TENT-FAM", .quantity: "3", .status: "available", .expiryDate: "2027-01-31",
         .reportedDate: "2026-05-30", .orgCode: "UNICEF", .batch: "B-7"],
        [.siteCode: "nbo-1", .itemCode: "T-001", .quantity: "120", .status: "reserved", .orgName: "World Food Programme"],
        [.siteName: "Garissa store", .country: "KEN", .lat: "-0.45", .lon: "39.65", .itemCode: "SHE-TENT-FAM", .quantity: "0",
         .unit: "pcs", .status: "damaged"],
        [.siteCode: "NBO-1", .itemName: "family tent", .quantity: "999999999999999", .reportedDate: "2026-06-01"],
    ]

    /// Rows the quick check must leave to the full check: each has a problem, a warning, or a
    /// form only the full rules read.
    static let other: [[StockField: String]] = flagged(StockCheckMemoTests.rows) + [
        [.siteCode: "NBO-1", .itemCode: "SHE-TENT-FAM", .quantity: "1,200.5"],
        [.siteCode: "NBO-1", .itemCode: "SHE-TENT-FAM", .quantity: " 3"],
        [.siteCode: "NBO-1", .itemCode: "SHE-TENT-FAM", .quantity: "3", .status: "Disponible"],
        [.siteCode: "NBO-1", .itemCode: "SHE-TENT-FAM", .quantity: "3", .expiryDate: "2026-05-31"],
        [.siteCode: "NBO-1", .itemCode: "SHE-TENT-FAM", .quantity: "3", .expiryDate: "2027-02-30"],
        [.siteCode: "NBO-1", .itemCode: "SHE-TENT-FAM", .quantity: "3", .reportedDate: "2026-06-02"],
        [.siteCode: "NBO-1", .itemCode: "SHE-TENT-FAM", .quantity: "3", .batch: "=1+1"],
        [.siteCode: "NBO-1", .itemCode: "SHE-TENT-FAM", .quantity: "3", .batch: "B-7 "],
        [.siteCode: "NBO-1", .itemCode: "SHE-TENT-FAM", .quantity: "3", .unit: "kg"],
        [.siteCode: "NBO-1", .itemCode: "+SHE", .quantity: "3"],
        [.siteCode: "NBO-1", .itemCode: "SHE-TENT-FAM", .quantity: "3", .orgCode: "@WFP"],
        [.siteCode: "NBO-1", .country: "UG", .itemCode: "SHE-TENT-FAM", .quantity: "3"],
        [.siteName: "Swapped", .country: "KE", .lat: "39.65", .lon: "-0.45", .itemCode: "SHE-TENT-FAM", .quantity: "3"],
        [.siteCode: "NBO-1", .itemCode: "SHE-TENT-FAM", .quantity: "1234567890123456"],
    ]

    /// The rows that the full check finds a problem or a warning in.
    static func flagged(_ rows: [[StockField: String]]) -> [[StockField: String]] {
        rows.filter { values in
            let full = StockRowChecker.check(StockRowCheckerTests.cells(values), rowNumber: 5, context: StockRowCheckerTests.context)
            return !full.problems.isEmpty || !full.warnings.isEmpty
        }
    }

    @Test func cleanRowsPassQuicklyWithTheFullChecksResult() throws {
        let memo = StockByteMemo(context: StockRowCheckerTests.context)
        for _ in 0..<2 {  // the second round answers from the memo
            for values in Self.clean {
                let full = StockRowChecker.check(StockRowCheckerTests.cells(values), rowNumber: 5, context: StockRowCheckerTests.context)
                #expect(full.problems.isEmpty && full.warnings.isEmpty, "\(values)")
                let quick = try #require(Self.quickCheck(values, memo: memo), "\(values)")
                #expect(quick.row == full.row)
                #expect(quick.fingerprint == StockRowChecker.fingerprint(try #require(full.row)))
            }
        }
    }

    @Test func everyOtherRowIsLeftToTheFullCheck() {
        #expect(Self.flagged(StockCheckMemoTests.rows).count == 5)
        let memo = StockByteMemo(context: StockRowCheckerTests.context)
        for _ in 0..<2 {
            for values in Self.other {
                let full = StockRowChecker.check(StockRowCheckerTests.cells(values), rowNumber: 5, context: StockRowCheckerTests.context)
                let quick = Self.quickCheck(values, memo: memo)
                // Some of these pass the full check with a warning or in a form only it reads.
                #expect(quick == nil, "\(values): full check gave \(full.problems) \(full.warnings)")
            }
        }
    }

    @Test func aCleanVerdictIsNotReusedForOtherBytes() {
        let memo = StockByteMemo(context: StockRowCheckerTests.context)
        #expect(Self.quickCheck([.siteCode: "NBO-1", .itemCode: "SHE-TENT-FAM", .quantity: "3"], memo: memo) != nil)
        #expect(Self.quickCheck([.siteCode: "NBO-2", .itemCode: "SHE-TENT-FAM", .quantity: "3"], memo: memo) == nil)
        #expect(Self.quickCheck([.siteCode: "NBO-1", .itemCode: "SHE-TENT-FAX", .quantity: "3"], memo: memo) == nil)
    }

    /// Lays the cells out in one buffer, as a reader would, and runs the quick check on it.
    static func quickCheck(_ values: [StockField: String], memo: StockByteMemo) -> StockRowChecker.QuickOutcome? {
        let ordered = values.sorted { $0.key.rawValue < $1.key.rawValue }
        let bytes = ordered.flatMap { Array($0.value.utf8) }
        var bounds: [Int] = []
        var columns: [StockField: Int] = [:]
        for (index, (field, value)) in ordered.enumerated() {
            let start = bounds.last ?? 0
            bounds += [start, start + value.utf8.count]
            columns[field] = index
        }
        return bytes.withUnsafeBufferPointer { buffer in
            bounds.withUnsafeBufferPointer { bounds in
                let cells = StockCellBytes(base: buffer.baseAddress, bounds: bounds.baseAddress, count: ordered.count,
                                           columns: StockCellBytes.Columns(columns))
                return StockRowChecker.quickCheck(cells, memo: memo)
            }
        }
    }
}
