import CorridorCore
import CorridorFormats
import Foundation

/// A run of a CSV report's records, split off the reader and checked on a worker thread, and its
/// results. Most segments are bytes split off the reader unread (records without quotes, which
/// end at every line feed) and read by a parser of their own; records with a quote are read one
/// by one by the reader and copied, as their ends cannot be found unread.
/// Row numbers within a segment count from 1; `deliver` makes them the file's.
/// Handed between threads only through a dispatch queue and `checked`, hence `@unchecked Sendable`.
final class ReportSegment: @unchecked Sendable {
    /// Large enough that handing a segment over costs nothing next to reading it, small enough
    /// that the segments in flight stay a few megabytes.
    static let defaultByteCapacity = 512 * 1024
    /// Records read one by one before the reader tries again to split off a segment unread.
    static let recordRun = 1024

    private let bytes: UnsafeMutablePointer<UInt8>
    private let byteCapacity: Int
    private var byteCount = 0
    /// The records, when they were read one by one (made on first need: most files have no quotes).
    private lazy var records = RecordBatch()
    private var readsRecords = false
    /// The file's separator, for the parser that reads `bytes`.
    private var separator: UInt8 = 0
    private var rows: [StockReportScanner.Row] = []
    /// The records spanned, blank ones included: the segment's last row number.
    private var recordCount = 0
    /// What stopped reading, after the rows before it.
    private var failure: TabularError?
    /// Signalled when a worker has checked the segment.
    let checked = CheckSignal()

    init(byteCapacity: Int = defaultByteCapacity) {
        self.byteCapacity = byteCapacity
        bytes = .allocate(capacity: byteCapacity)
        rows.reserveCapacity(byteCapacity / 64)  // a stock row is rarely shorter
    }

    deinit { bytes.deallocate() }

    /// Takes the next records from `parser`; false at the end of the input. A file that cannot
    /// be read on ends the segment: its rows come first, then the failure.
    func take(from parser: CSVParser) -> Bool {
        failure = nil
        checked.reset()
        separator = parser.separator
        do {
            if let count = try parser.takeQuoteFreeRecords(into: bytes, capacity: byteCapacity) {
                (readsRecords, byteCount) = (false, count)
                return count > 0
            }
        } catch {
            (readsRecords, byteCount, failure) = (false, 0, Self.tabular(error))
            return true
        }
        readsRecords = true
        records.reset()
        parser.restartNumbering()
        let records = records
        do {
            while records.count < Self.recordRun,
                try parser.nextFields({ fields in if !fields.isBlank { records.append(fields) } })
            {}
        } catch {
            failure = Self.tabular(error)
        }
        recordCount = parser.recordsRead
        return true
    }

    /// The parser throws only `TabularError`s; anything else is worded as one.
    private static func tabular(_ error: any Error) -> TabularError {
        error as? TabularError ?? TabularError(message: "\(error)")
    }

    /// True when reading must stop after this segment.
    var failed: Bool { failure != nil }

    /// Reads (unless already read) and checks the records; then signals `checked`.
    func check(with checker: RowChecker) {
        checkRecords(with: checker)
        // Only once the rows' local reference is gone: a reference still held here when the
        // deliverer wakes makes it copy every row to write its row numbers.
        checked.signal()
    }

    private func checkRecords(with checker: RowChecker) {
        var rows = self.rows
        self.rows = []
        rows.removeAll(keepingCapacity: true)
        if readsRecords {
            records.withRecords { fields in rows.append(checker.check(fields)) }
        } else if byteCount > 0 {
            let parser = CSVParser(borrowing: UnsafeMutableBufferPointer(start: bytes, count: byteCount), separator: separator)
            do {
                while try parser.nextFields({ fields in if !fields.isBlank { rows.append(checker.check(fields)) } }) {}
            } catch {
                failure = Self.tabular(error)
            }
            recordCount = parser.recordsRead
        } else {
            recordCount = 0
        }
        self.rows = rows
    }

    /// Awaits the check, then hands the rows on with the file's row numbers (those of the
    /// segment plus `lastRowBefore`) and throws what stopped reading, if anything did.
    /// Returns the file's row number of the segment's last record.
    func deliver(
        after lastRowBefore: Int, label: (Int) -> String?,
        _ consume: (inout [StockReportScanner.Row]) async throws -> Void
    ) async throws -> Int {
        await checked.wait()
        rows.withUnsafeMutableBufferPointer { rows in
            for index in rows.indices {
                rows[index].number += lastRowBefore
                if !rows[index].problems.isEmpty || !rows[index].warnings.isEmpty {
                    for note in rows[index].problems.indices { rows[index].problems[note].row? += lastRowBefore }
                    for note in rows[index].warnings.indices { rows[index].warnings[note].row? += lastRowBefore }
                }
            }
        }
        if !rows.isEmpty { try await consume(&rows) }
        if let failure {
            throw DomainError.invalid([failure.problem(rowOffset: lastRowBefore, label: label)])
        }
        return lastRowBefore + recordCount
    }
}
