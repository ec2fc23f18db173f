import CorridorCore
import CorridorFormats

/// Checks rows for one thread: the quick check on bytes, the full check for the rest, each with
/// memos no other thread touches. Handed to a worker only through a serial dispatch queue or a
/// `DispatchGroup`, which order its uses, hence `@unchecked Sendable`.
final class RowChecker: @unchecked Sendable {
    private let layout: StockReportLayout
    private let columns: StockCellBytes.Columns
    private let separator: UInt8?
    private let context: StockReportContext
    private let quickMemo: StockByteMemo
    private let fullMemo = StockCheckMemo()

    init(layout: StockReportLayout, columns: StockCellBytes.Columns, separator: UInt8?, context: StockReportContext) {
        (self.layout, self.columns, self.separator, self.context) = (layout, columns, separator, context)
        quickMemo = StockByteMemo(context: context)
    }

    func check(_ fields: TabularFields) -> StockReportScanner.Row {
        let cells = StockCellBytes(
            base: fields.base, bounds: fields.bounds, count: fields.count, columns: columns,
            separator: separator)
        if let quick = StockRowChecker.quickCheck(cells, memo: quickMemo) { return quick.scannerRow(number: fields.number) }
        return fullCheck(fields.row)
    }

    func fullCheck(_ row: TabularRow) -> StockReportScanner.Row {
        let outcome = StockRowChecker.check(layout.cells(of: row), rowNumber: row.number, context: context, memo: fullMemo)
        return StockReportScanner.Row(
            number: row.number, checked: outcome.row,
            fingerprint: outcome.row.map(StockRowChecker.fingerprint) ?? 0,
            problems: outcome.problems, warnings: outcome.warnings)
    }

    func check(_ batch: RecordBatch) {
        batch.rows.removeAll(keepingCapacity: true)
        batch.withRecords { fields in batch.rows.append(check(fields)) }
    }
}
