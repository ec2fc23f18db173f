import CorridorCore
import CorridorFormats
import Foundation

/// Reads a stock report and checks every data row, for the import and its dry run alike. Each
/// row first gets `StockRowChecker.quickCheck` on its bytes; a row that does not pass it gets the
/// core's full check, which words every problem and warning with its row and column.
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
            case .moved(let move)?: .existing(move.id)
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

    /// Every data row, checked on worker threads with the outcome the core's rules give each row,
    /// handed to `consume` in file order, a batch at a time, on the calling task. A CSV file is
    /// split into segments that worker threads read and check; other files are read here and
    /// checked on another thread. Nothing here blocks a thread while it waits: it awaits.
    /// Batches are handed `inout` so that no row is copied on its way: a copy would count
    /// references to its strings on this thread while the worker that made them counts them on another.
    public func checkAll(against context: StockReportContext, _ consume: (inout [Row]) async throws -> Void) async throws {
        let local = checker(for: context)
        var first: [Row] = []
        while let row = nextHeadRow(local) { first.append(row) }
        if !first.isEmpty { try await consume(&first) }
        if let parser = (reader as? CSVReader)?.parser {
            try await checkInSegments(parser, context: context, consume)
        } else {
            try await checkInBatches(context: context, consume)
        }
    }

    /// Worker threads, each with its own checker (and so its own memos), take segments in turn;
    /// this task splits them off the reader and hands their rows on in order.
    private func checkInSegments(_ parser: CSVParser, context: StockReportContext, _ consume: (inout [Row]) async throws -> Void)
        async throws
    {
        let workerCount = min(8, max(2, ProcessInfo.processInfo.activeProcessorCount))
        let workers = (0..<workerCount).map { _ in
            (thread: CheckingThread(), checker: RowChecker(layout: layout, columns: columns, separator: separator, context: context))
        }
        defer { for worker in workers { worker.thread.close() } }
        // Enough in flight that no worker waits while this task hands on the oldest segment.
        let limit = 2 * workerCount
        // A segment stays with one worker: the rows it checked last are released when it checks
        // the next, on the thread that made them, so their references are not counted on two cores.
        var inFlight: [(segment: ReportSegment, worker: Int)] = []
        var spare: [[ReportSegment]] = Array(repeating: [], count: workerCount)
        var lastRow = parser.recordsRead, turn = 0
        do {
            while true {
                let index = turn % workerCount, worker = workers[index]
                let segment = spare[index].popLast() ?? ReportSegment(byteCapacity: segmentBytes)
                guard segment.take(from: parser) else { break }
                turn += 1
                worker.thread.async { segment.check(with: worker.checker) }
                inFlight.append((segment, index))
                if segment.failed { break }
                if inFlight.count >= limit {
                    let oldest = inFlight.removeFirst()
                    lastRow = try await oldest.segment.deliver(after: lastRow, label: layout.label(ofColumn:), consume)
                    spare[oldest.worker].append(oldest.segment)
                }
            }
            while !inFlight.isEmpty {
                lastRow = try await inFlight.removeFirst().segment.deliver(after: lastRow, label: layout.label(ofColumn:), consume)
            }
        } catch {
            // Workers must be done with their segments before the segments go.
            for (segment, _) in inFlight { await segment.checked.wait() }
            throw error
        }
    }

    /// Records are read here and copied into batches that another thread checks.
    private func checkInBatches(context: StockReportContext, _ consume: (inout [Row]) async throws -> Void) async throws {
        let helper = RowChecker(layout: layout, columns: columns, separator: separator, context: context)
        // Two batches take turns: while the helper checks one, this task hands on the other's
        // results and reads the next records into it.
        var checking = RecordBatch(), other = RecordBatch()
        var more = try fill(checking, upTo: RecordBatch.capacity)
        guard checking.count > 0 else { return }
        Self.check(checking, with: helper)
        do {
            if more { more = try fill(other, upTo: RecordBatch.capacity) } else { other.reset() }
            while true {
                await checking.checked.wait()
                let done = checking
                let next = other.count > 0 ? other : nil
                if let next {
                    checking = next
                    Self.check(next, with: helper)
                }
                try await consume(&done.rows)
                guard next != nil else { return }
                other = done
                if more { more = try fill(other, upTo: RecordBatch.capacity) } else { other.reset() }
            }
        } catch {
            await checking.checked.wait()  // the helper must be done with its batch before anything else touches it
            throw error
        }
    }

    /// Starts the helper on `batch`; await `batch.checked` before touching the batch again.
    private static func check(_ batch: RecordBatch, with helper: RowChecker) {
        batch.checked.reset()
        DispatchQueue.global(qos: .userInitiated).async {
            helper.check(batch)
            batch.checked.signal()
        }
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
            guard
                try read({
                    try reader.nextFields { fields in
                        if isData(number: fields.number), !fields.isBlank { batch.append(fields) }
                    }
                })
            else { return false }
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
