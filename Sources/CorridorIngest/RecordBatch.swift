import CorridorCore
import CorridorFormats

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
    /// Signalled when a worker has checked the records into `rows`.
    let checked = CheckSignal()

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

    func withRecords(_ body: (TabularFields) -> Void) {
        records.bytes.withUnsafeBufferPointer { bytes in
            records.bounds.withUnsafeBufferPointer { bounds in
                for record in records.list {
                    body(
                        TabularFields(
                            number: record.number, count: record.fieldCount, base: bytes.baseAddress!,
                            bounds: bounds.baseAddress! + 2 * record.firstField))
                }
            }
        }
    }
}
