import CorridorCore

/// A row's cells by field, seen in place in the reader's buffer, for `StockRowChecker.quickCheck`.
/// Borrowed: valid only while the reader's record is. Small (two pointers and a column map), as it
/// is made for every row and passed down several calls.
public struct StockCellBytes {
    /// Which column of the file holds each field; fixed for a report.
    public struct Columns: Sendable {
        fileprivate var storage = InlineArray<16, Int16>(repeating: -1)
        /// For each `StockFieldGroup`, its first and last column (`first << 16 | last`) when the
        /// columns of its fields the report has are side by side; -1 otherwise.
        fileprivate var spans = InlineArray<3, Int32>(repeating: -1)

        public init(_ columns: [StockField: Int]) {
            for (field, index) in columns where index < Int(Int16.max) { storage[field.position] = Int16(index) }
            for group in [StockFieldGroup.site, .item, .owner] {
                let present = (0..<group.count).map { Int(storage[group[$0].position]) }.filter { $0 >= 0 }.sorted()
                guard let first = present.first, let last = present.last, last - first == present.count - 1 else { continue }
                spans[group.id] = Int32(first) << 16 | Int32(last)
            }
        }
    }

    private let base: UnsafePointer<UInt8>?
    /// Field `i` of the record is `base[bounds[2i] ..< bounds[2i + 1]]`.
    private let bounds: UnsafePointer<Int>?
    private let count: Int
    private let columns: Columns
    /// The byte between fields read in place, which no such field contains (a CSV separator);
    /// nil when the reader has none.
    private let separator: UInt8?

    public init(base: UnsafePointer<UInt8>?, bounds: UnsafePointer<Int>?, count: Int, columns: Columns, separator: UInt8? = nil) {
        (self.base, self.bounds, self.count, self.columns, self.separator) = (base, bounds, count, columns, separator)
    }

    /// Empty when the report has no such column or the record is shorter.
    @inline(__always)
    public subscript(field: StockField) -> UnsafeBufferPointer<UInt8> {
        let column = Int(columns.storage[field.position])
        guard column >= 0, column < count, let base, let bounds else { return UnsafeBufferPointer(start: nil, count: 0) }
        let start = bounds[2 * column]
        return UnsafeBufferPointer(start: base + start, count: bounds[2 * column + 1] - start)
    }

    /// The bytes that tell apart the cells of `group`, for a memo key. When the group's columns
    /// are side by side and were read in place, that is the stretch of the record they span,
    /// separators included: a separator is in no such cell, so the stretch splits into the
    /// cells one way only. Otherwise the cells are written into `scratch`, each after its
    /// length, behind a 0xFF byte, which no UTF-8 text and so no stretch starts with.
    @inline(__always)
    func key(_ group: StockFieldGroup, scratch: KeyScratch) -> UnsafeRawBufferPointer {
        let span = columns.spans[group.id]
        if span >= 0, let separator, let base, let bounds {
            let first = Int(span >> 16), last = Int(span & 0xFFFF)
            if last < count {
                var column = first
                while column < last, bounds[2 * column + 1] + 1 == bounds[2 * column + 2], base[bounds[2 * column + 1]] == separator {
                    column += 1
                }
                if column == last {
                    return UnsafeRawBufferPointer(start: base + bounds[2 * first], count: bounds[2 * last + 1] - bounds[2 * first])
                }
            }
        }
        return scratch.assemble { write in
            for index in 0..<group.count where columns.storage[group[index].position] >= 0 { write(self[group[index]]) }
        }
    }

    /// The cell as the full check reads it: trimmed, and nil when blank.
    func text(_ field: StockField) -> String? {
        let value = String(decoding: self[field], as: UTF8.self).trimmedCell
        return value.isEmpty ? nil : value
    }

    /// The cell exactly as written (the formula check looks at the untrimmed text).
    func raw(_ field: StockField) -> String {
        String(decoding: self[field], as: UTF8.self)
    }
}

/// The fields one memoised verdict depends on; a fixed list, so reading it allocates nothing.
struct StockFieldGroup {
    private let fields: InlineArray<6, StockField>
    let count: Int
    /// The group's place in `StockCellBytes.Columns`.
    let id: Int

    static let site = StockFieldGroup(id: 0, .siteCode, .siteName, .country, .lat, .lon, .adm1)
    static let item = StockFieldGroup(id: 1, .itemCode, .itemName, .unit)
    static let owner = StockFieldGroup(id: 2, .orgCode, .orgName)

    private init(id: Int, _ list: StockField...) {
        var fields = InlineArray<6, StockField>(repeating: .batch)
        for (index, field) in list.enumerated() { fields[index] = field }
        self.fields = fields
        count = list.count
        self.id = id
    }

    subscript(index: Int) -> StockField { fields[index] }
}

/// Where a memo key is put together when its cells are not side by side; reused row to row.
final class KeyScratch {
    private var bytes: UnsafeMutablePointer<UInt8>
    private var capacity = 256

    init() { bytes = .allocate(capacity: capacity) }
    deinit { bytes.deallocate() }

    /// 0xFF, then each part `parts` writes as its length (four bytes) and its bytes. Valid until
    /// the next call.
    func assemble(_ parts: ((UnsafeBufferPointer<UInt8>) -> Void) -> Void) -> UnsafeRawBufferPointer {
        var count = 0
        append(0xFF, at: &count)
        parts { part in
            withUnsafeBytes(of: UInt32(truncatingIfNeeded: part.count).littleEndian) { length in
                for byte in length { append(byte, at: &count) }
            }
            reserve(count + part.count)
            if let source = part.baseAddress { (bytes + count).update(from: source, count: part.count) }
            count += part.count
        }
        return UnsafeRawBufferPointer(start: bytes, count: count)
    }

    private func append(_ byte: UInt8, at count: inout Int) {
        reserve(count + 1)
        bytes[count] = byte
        count += 1
    }

    private func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        let old = capacity
        while capacity < needed { capacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: bytes, count: old)
        bytes.deallocate()
        bytes = grown
    }
}
