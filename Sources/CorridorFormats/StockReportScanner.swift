import CorridorCore

/// Reads a stock report and checks every data row, for the importer and its benchmark alike. Each
/// row first gets `StockRowChecker.quickCheck` on its bytes; a row that does not pass it gets the
/// full check, which words every problem and warning with its row and column.
public final class StockReportScanner {
    /// One data row's result.
    public struct Row {
        public var number: Int
        public var checked: CheckedStockRow?
        /// Equal for repeated rows (same site, item, owner, batch, expiry and status); 0 when unchecked.
        public var fingerprint: Int
        public var problems: [Problem]
        public var warnings: [Problem]
    }

    public let layout: StockReportLayout
    private var reader: any TabularReader
    /// The rows read to find the header, replayed before reading on.
    private var head: [TabularRow]
    private var headIndex = 0
    private let mapping: [(field: StockField, index: Int)]
    private var cells = StockCellBytes()
    /// Made with the context of the first `next`; a scanner checks against one context.
    private var quickMemo: StockByteMemo?
    private let fullMemo = StockCheckMemo()

    /// Reads the first rows to find the layout; throws a located problem when there is none.
    public init(_ reader: some TabularReader) throws {
        var reader: any TabularReader = reader
        var head: [TabularRow] = []
        while head.count < StockReportLayout.searchDepth, let row = try Self.read({ try reader.next() }) { head.append(row) }
        layout = try StockReportLayout.detect(head)
        self.reader = reader
        self.head = head
        mapping = layout.columns.map { (field: $0.key, index: $0.value.index) }.sorted { $0.index < $1.index }
    }

    /// The next data row (header and blank rows are skipped), checked against `context`; nil at the end.
    public func next(against context: StockReportContext) throws -> Row? {
        while headIndex < head.count {
            let row = head[headIndex]
            headIndex += 1
            if isData(number: row.number), row.cells.contains(where: { !$0.isEmpty }) { return fullCheck(row, context) }
        }
        let memo = quickMemo ?? StockByteMemo(context: context)
        quickMemo = memo
        var row: Row?
        while row == nil {
            guard try Self.read({ try reader.nextFields { fields in row = quickCheck(fields, memo, context) } }) else { return nil }
        }
        return row
    }

    /// nil for a row to skip.
    private func quickCheck(_ fields: TabularFields, _ memo: StockByteMemo, _ context: StockReportContext) -> Row? {
        guard isData(number: fields.number), !fields.isBlank else { return nil }
        for (field, index) in mapping { cells[field] = fields[index] }
        if let quick = StockRowChecker.quickCheck(cells, memo: memo) {
            return Row(number: fields.number, checked: quick.row, fingerprint: quick.fingerprint, problems: [], warnings: [])
        }
        return fullCheck(fields.row, context)
    }

    private func fullCheck(_ row: TabularRow, _ context: StockReportContext) -> Row {
        let outcome = StockRowChecker.check(layout.cells(of: row), rowNumber: row.number, context: context, memo: fullMemo)
        return Row(number: row.number, checked: outcome.row, fingerprint: outcome.row.map(StockRowChecker.fingerprint) ?? 0,
                   problems: outcome.problems, warnings: outcome.warnings)
    }

    private func isData(number: Int) -> Bool { number > layout.headerRow }

    /// A file that cannot be read further is a located problem like any other.
    private static func read<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as TabularError {
            throw DomainError.invalid([Problem(row: error.row, problem: error.message)])
        }
    }
}
