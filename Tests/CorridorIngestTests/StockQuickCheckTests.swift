import CorridorCore
@testable import CorridorIngest
import Testing

/// The quick check is only a shortcut: it accepts a row only when the full check accepts it with
/// no problem and no warning, and then gives the same row and the same fingerprint.
@Suite struct StockQuickCheckTests {
    static let clean: [[StockField: String]] = [
        [
            .siteCode: "NBO-1", .itemCode: "SHE-TENT-FAM", .quantity: "3", .status: "available", .expiryDate: "2027-01-31",
            .reportedDate: "2026-05-30", .orgCode: "UNICEF", .batch: "B-7",
        ],
        [.siteCode: "nbo-1", .itemCode: "T-001", .quantity: "120", .status: "reserved", .orgName: "World Food Programme"],
        [
            .siteName: "Garissa store", .country: "KEN", .lat: "-0.45", .lon: "39.65", .itemCode: "SHE-TENT-FAM", .quantity: "0",
            .unit: "pcs", .status: "damaged",
        ],
        [.siteCode: "NBO-1", .itemName: "family tent", .quantity: "999999999999999", .reportedDate: "2026-06-01"],
    ]

    /// Rows the quick check must leave to the full check: each has a problem, a warning, or a
    /// form only the full rules read.
    static let other: [[StockField: String]] =
        flagged(StockCheckMemoTests.rows) + [
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

    /// Cells back to back (as read from quoted fields or a workbook), and separated by a comma
    /// (as read in place from a CSV file): the memo keys them differently.
    static let layouts: [UInt8?] = [nil, UInt8(ascii: ",")]

    @Test(arguments: layouts)
    func cleanRowsPassQuicklyWithTheFullChecksResult(separator: UInt8?) throws {
        let memo = StockByteMemo(context: StockRowCheckerTests.context)
        for round in 0..<3 {  // later rounds answer from the memo; the last one mixes both layouts
            for values in Self.clean {
                let full = StockRowChecker.check(StockRowCheckerTests.cells(values), rowNumber: 5, context: StockRowCheckerTests.context)
                #expect(full.problems.isEmpty && full.warnings.isEmpty, "\(values)")
                let layout = round < 2 ? separator : Self.layouts.first { $0 != separator } ?? nil
                let quick = try #require(Self.quickCheck(values, memo: memo, separator: layout), "\(values)")
                #expect(quick.row == full.row)
                #expect(quick.fingerprint == StockRowChecker.fingerprint(try #require(full.row)))
            }
        }
    }

    @Test(arguments: layouts)
    func everyOtherRowIsLeftToTheFullCheck(separator: UInt8?) {
        #expect(Self.flagged(StockCheckMemoTests.rows).count == 5)
        let memo = StockByteMemo(context: StockRowCheckerTests.context)
        for _ in 0..<2 {
            for values in Self.other {
                let full = StockRowChecker.check(StockRowCheckerTests.cells(values), rowNumber: 5, context: StockRowCheckerTests.context)
                let quick = Self.quickCheck(values, memo: memo, separator: separator)
                // Some of these pass the full check with a warning or in a form only it reads.
                #expect(quick == nil, "\(values): full check gave \(full.problems) \(full.warnings)")
            }
        }
    }

    @Test(arguments: layouts)
    func aCleanVerdictIsNotReusedForOtherBytes(separator: UInt8?) {
        let memo = StockByteMemo(context: StockRowCheckerTests.context)
        #expect(Self.quickCheck([.siteCode: "NBO-1", .itemCode: "SHE-TENT-FAM", .quantity: "3"], memo: memo, separator: separator) != nil)
        #expect(Self.quickCheck([.siteCode: "NBO-2", .itemCode: "SHE-TENT-FAM", .quantity: "3"], memo: memo, separator: separator) == nil)
        #expect(Self.quickCheck([.siteCode: "NBO-1", .itemCode: "SHE-TENT-FAX", .quantity: "3"], memo: memo, separator: separator) == nil)
    }

    /// Side by side and read in place, the site's cells are keyed by the stretch they span,
    /// separators included; cells with the same bytes read otherwise (from quoted fields, back
    /// to back) are another key, even though the reader's separator is among their bytes.
    @Test func aStretchOfCellsIsNotTakenForOtherCellsWithTheSameBytes() {
        let memo = StockByteMemo(context: StockRowCheckerTests.context)
        let comma = UInt8(ascii: ",")
        let inPlace: [StockField: String] = [.siteCode: "NBO-1", .siteName: "Nairobi warehouse", .itemCode: "SHE-TENT-FAM", .quantity: "3"]
        #expect(Self.quickCheck(inPlace, memo: memo, separator: comma) != nil)
        let quoted: [StockField: String] = [.siteCode: "NBO-1,Nairobi", .siteName: " warehouse", .itemCode: "SHE-TENT-FAM", .quantity: "3"]
        #expect(Self.quickCheck(quoted, memo: memo, separator: comma, backToBack: true) == nil)
    }

    /// Lays the cells out in one buffer, as a reader would (with `separator` between them unless
    /// `backToBack`), and runs the quick check on it.
    static func quickCheck(
        _ values: [StockField: String], memo: StockByteMemo, separator: UInt8? = nil,
        backToBack: Bool = false
    ) -> StockRowChecker.QuickOutcome? {
        let order = StockField.allCases
        let ordered = values.sorted { order.firstIndex(of: $0.key)! < order.firstIndex(of: $1.key)! }
        var bytes: [UInt8] = []
        var bounds: [Int] = []
        var columns: [StockField: Int] = [:]
        for (index, (field, value)) in ordered.enumerated() {
            if index > 0, !backToBack, let separator { bytes.append(separator) }
            bounds += [bytes.count, bytes.count + value.utf8.count]
            bytes += value.utf8
            columns[field] = index
        }
        return bytes.withUnsafeBufferPointer { buffer in
            bounds.withUnsafeBufferPointer { bounds in
                let cells = StockCellBytes(
                    base: buffer.baseAddress, bounds: bounds.baseAddress, count: ordered.count,
                    columns: StockCellBytes.Columns(columns), separator: separator)
                return StockRowChecker.quickCheck(cells, memo: memo)
            }
        }
    }
}
