import CorridorCore
import Foundation

/// Reads a stock report and checks every data row, for the importer and its benchmark alike. Each
/// row first gets `StockRowChecker.quickCheck` on its bytes; a row that does not pass it gets the
/// full check, which words every problem and warning with its row and column.
public final class StockReportScanner {
    /// One data row's result. (No explicit initialiser: the implicit one is built in place, and
    /// an explicit one made checking a quarter slower.)
    public struct Row: Sendable {
        public var number: Int
        public var checked: CheckedStockRow?
        /// Equal for repeated rows (same site, item, owner, batch, expiry and status); 0 when unchecked.
        public var fingerprint: Int
        public var problems: [Problem]
        public var warnings: [Problem]

        /// Whether the row passed, without copying `checked` out to look (a copy counts
        /// references to its strings).
        public var passed: Bool {
            switch checked {
            case .some: true
            case .none: false
            }
        }

        /// The site of a passed row, told apart without copying the row: an existing site's id,
        /// or the identity of the new site's object (one per site for each checking thread).
        public var siteKey: SiteKey? {
            switch checked?.site {
            case .existing(let id)?: .existing(id)
            case .new(let site)?: .new(ObjectIdentifier(site))
            case nil: nil
            }
        }

        public enum SiteKey: Hashable, Sendable {
            case existing(Int64)
            case new(ObjectIdentifier)
        }
    }

    public let layout: StockReportLayout
    private var reader: any TabularReader
    /// The rows read to find the header, replayed before reading on.
    private var head: [TabularRow]
    private var headIndex = 0
    private let columns: StockCellBytes.Columns
    /// A CSV file's separator, which fields read in place never contain.
    private let separator: UInt8?
    /// Made with the context of the first `next` or `checkAll`.
    private var checker: RowChecker?
    /// The most bytes of records one worker reads at a time (smaller in tests, for many segments).
    let segmentBytes: Int

    /// Reads the first rows to find the layout; throws a located problem when there is none.
    public convenience init(_ reader: some TabularReader) throws {
        try self.init(reader, segmentBytes: ReportSegment.defaultByteCapacity)
    }

    init(_ reader: some TabularReader, segmentBytes: Int) throws {
        var reader: any TabularReader = reader
        var head: [TabularRow] = []
        do {
            while head.count < StockReportLayout.searchDepth, let row = try reader.next() { head.append(row) }
        } catch let error as TabularError {
            // A row the header search could not read is named by the header above it, if any.
            let known = try? StockReportLayout.detect(head)
            throw DomainError.invalid([error.problem(label: { known?.label(ofColumn: $0) })])
        }
        layout = try StockReportLayout.detect(head)
        separator = (reader as? CSVReader)?.separator
        self.reader = reader
        self.head = head
        columns = StockCellBytes.Columns(layout.columns.mapValues(\.index))
        self.segmentBytes = segmentBytes
    }

    /// The next data row (header and blank rows are skipped), checked against `context`; nil at the end.
    public func next(against context: StockReportContext) throws -> Row? {
        let checker = checker(for: context)
        if let row = nextHeadRow(checker) { return row }
        var row: Row?
        while row == nil {
            guard try read({ try reader.nextFields { fields in
                if isData(number: fields.number), !fields.isBlank { row = checker.check(fields) }
            } }) else { return nil }
        }
        return row
    }

    /// Every remaining data row, handed to `consume` in file order on the calling thread, checked
    /// on every core with the same outcome as `next`, row by row. A CSV file is split into
    /// segments that worker threads read and check; other files are read here and checked on
    /// another thread.
    /// Rows are handed `inout` so that none is copied on its way: a copy would count references
    /// to its strings on this thread while the worker that made them counts them on another.
    public func checkAll(against context: StockReportContext, _ consume: (inout Row) throws -> Void) throws {
        let local = checker(for: context)
        while var row = nextHeadRow(local) { try consume(&row) }
        if let parser = (reader as? CSVReader)?.parser {
            try checkInSegments(parser, context: context, consume)
        } else {
            try checkInBatches(context: context, consume)
        }
    }

    /// Worker threads, each with its own checker (and so its own memos), take segments in turn;
    /// this thread splits them off the reader and hands their rows on in order.
    private func checkInSegments(_ parser: CSVParser, context: StockReportContext, _ consume: (inout Row) throws -> Void) throws {
        let workerCount = min(8, max(2, ProcessInfo.processInfo.activeProcessorCount))
        let workers = (0..<workerCount).map { _ in
            (queue: DispatchQueue(label: "corridor.stock-check", qos: .userInitiated),
             checker: RowChecker(layout: layout, columns: columns, separator: separator, context: context))
        }
        // Enough in flight that no worker waits while this thread hands on the oldest segment.
        let limit = 2 * workerCount
        // A segment stays with one worker: the rows it checked last are released when it checks
        // the next, on the thread that made them, so their references are not counted on two cores.
        var inFlight: [(segment: ReportSegment, worker: Int)] = []
        var spare: [[ReportSegment]] = Array(repeating: [], count: workerCount)
        var lastRow = parser.recordsRead, turn = 0
        defer { for (segment, _) in inFlight { segment.abandon() } }
        while true {
            let index = turn % workerCount, worker = workers[index]
            let segment = spare[index].popLast() ?? ReportSegment(byteCapacity: segmentBytes)
            guard segment.take(from: parser) else { break }
            turn += 1
            worker.queue.async { segment.check(with: worker.checker) }
            inFlight.append((segment, index))
            if segment.failed { break }
            if inFlight.count >= limit {
                let oldest = inFlight.removeFirst()
                lastRow = try oldest.segment.deliver(after: lastRow, label: layout.label(ofColumn:), consume)
                spare[oldest.worker].append(oldest.segment)
            }
        }
        while !inFlight.isEmpty {
            lastRow = try inFlight.removeFirst().segment.deliver(after: lastRow, label: layout.label(ofColumn:), consume)
        }
    }

    /// Records are read here and copied into batches that another thread checks.
    private func checkInBatches(context: StockReportContext, _ consume: (inout Row) throws -> Void) throws {
        let helper = RowChecker(layout: layout, columns: columns, separator: separator, context: context)
        // Two batches take turns: while the helper checks one, this thread hands on the other's
        // results and reads the next records into it.
        var checking = RecordBatch(), other = RecordBatch()
        var more = try fill(checking, upTo: RecordBatch.capacity)
        guard checking.count > 0 else { return }
        var helped = Self.check(checking, with: helper)
        do {
            if more { more = try fill(other, upTo: RecordBatch.capacity) } else { other.reset() }
            while true {
                helped.wait()
                let done = checking
                let next = other.count > 0 ? other : nil
                if let next {
                    checking = next
                    helped = Self.check(next, with: helper)
                }
                try done.forEachRow(consume)
                guard next != nil else { return }
                other = done
                if more { more = try fill(other, upTo: RecordBatch.capacity) } else { other.reset() }
            }
        } catch {
            helped.wait()  // the helper must be done with its batch before anything else touches it
            throw error
        }
    }

    /// Starts the helper on `batch`; wait on the group before touching the batch again.
    private static func check(_ batch: RecordBatch, with helper: RowChecker) -> DispatchGroup {
        let group = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: group) { helper.check(batch) }
        return group
    }

    /// The checker of this scanner's first context (a scanner checks against one context).
    private func checker(for context: StockReportContext) -> RowChecker {
        let checker = checker ?? RowChecker(layout: layout, columns: columns, separator: separator, context: context)
        self.checker = checker
        return checker
    }

    /// The next data row among those read to find the header, checked; nil once they are used up.
    private func nextHeadRow(_ checker: RowChecker) -> Row? {
        while headIndex < head.count {
            let row = head[headIndex]
            headIndex += 1
            if isData(number: row.number), row.cells.contains(where: { !$0.isEmpty }) { return checker.fullCheck(row) }
        }
        return nil
    }

    /// Copies up to `limit` data records; false at the end of the file.
    private func fill(_ batch: RecordBatch, upTo limit: Int) throws -> Bool {
        batch.reset()
        while batch.count < limit {
            guard try read({ try reader.nextFields { fields in
                if isData(number: fields.number), !fields.isBlank { batch.append(fields) }
            } }) else { return false }
        }
        return true
    }

    private func isData(number: Int) -> Bool { number > layout.headerRow }

    /// A file that cannot be read further is a located problem like any other.
    private func read<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as TabularError {
            throw DomainError.invalid([error.problem(label: layout.label(ofColumn:))])
        }
    }
}

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
        let cells = StockCellBytes(base: fields.base, bounds: fields.bounds, count: fields.count, columns: columns,
                                   separator: separator)
        if let quick = StockRowChecker.quickCheck(cells, memo: quickMemo) {
            return StockReportScanner.Row(number: fields.number, checked: quick.row, fingerprint: quick.fingerprint,
                                          problems: [], warnings: [])
        }
        return fullCheck(fields.row)
    }

    func fullCheck(_ row: TabularRow) -> StockReportScanner.Row {
        let outcome = StockRowChecker.check(layout.cells(of: row), rowNumber: row.number, context: context, memo: fullMemo)
        return StockReportScanner.Row(number: row.number, checked: outcome.row,
                                      fingerprint: outcome.row.map(StockRowChecker.fingerprint) ?? 0,
                                      problems: outcome.problems, warnings: outcome.warnings)
    }

    func check(_ batch: RecordBatch) {
        batch.rows.removeAll(keepingCapacity: true)
        batch.withRecords { fields in batch.rows.append(check(fields)) }
    }
}

/// Records copied out of the reader's buffer, to be checked on another thread, and their results.
final class RecordBatch: @unchecked Sendable {
    static let capacity = 4096

    /// The records in one stored property, so that appending one costs one exclusivity check
    /// rather than one per array.
    private struct Records {
        /// Both start with a sentinel so that they always have storage to point at, even when
        /// every field is empty.
        var bytes: [UInt8] = [0]
        /// Pairs of offsets into `bytes`, as `TabularFields` reads them.
        var bounds: [Int] = [0, 0]
        var list: [(number: Int, firstField: Int, fieldCount: Int)] = []

        /// One copy per record: a record's fields lie in order in one stretch of the reader's buffer.
        mutating func append(_ fields: TabularFields) {
            let count = fields.count
            guard count > 0 else {
                list.append((fields.number, bounds.count / 2, 0))
                return
            }
            let start = fields.bounds[0], end = fields.bounds[2 * count - 1]
            let shift = bytes.count - start
            list.append((fields.number, bounds.count / 2, count))
            bytes.append(contentsOf: UnsafeBufferPointer(start: fields.base + start, count: end - start))
            let first = bounds.count
            bounds.append(contentsOf: UnsafeBufferPointer(start: fields.bounds, count: 2 * count))
            bounds.withUnsafeMutableBufferPointer { bounds in
                for index in first..<first + 2 * count { bounds[index] += shift }
            }
        }
    }

    private var records = Records()
    var rows: [StockReportScanner.Row] = []

    init() {
        records.bytes.reserveCapacity(Self.capacity * 128)
        records.bounds.reserveCapacity(Self.capacity * 32)
        records.list.reserveCapacity(Self.capacity)
        rows.reserveCapacity(Self.capacity)
    }

    var count: Int { records.list.count }

    /// Empties the records; the results stay until the next check replaces them, so that the
    /// checking thread, not the reading one, releases them.
    func reset() {
        records.bytes.removeSubrange(1...)
        records.bounds.removeSubrange(2...)
        records.list.removeAll(keepingCapacity: true)
    }

    func append(_ fields: TabularFields) {
        records.append(fields)
    }

    /// Hands each result to `body` from the batch's storage, without a copy per row.
    func forEachRow(_ body: (inout StockReportScanner.Row) throws -> Void) rethrows {
        try rows.withUnsafeMutableBufferPointer { rows in
            for index in rows.indices { try body(&rows[index]) }
        }
    }

    func withRecords(_ body: (TabularFields) -> Void) {
        records.bytes.withUnsafeBufferPointer { bytes in
            records.bounds.withUnsafeBufferPointer { bounds in
                for record in records.list {
                    body(TabularFields(number: record.number, count: record.fieldCount, base: bytes.baseAddress!,
                                       bounds: bounds.baseAddress! + 2 * record.firstField))
                }
            }
        }
    }
}
