/// A row's cells by field, seen in place in the reader's buffer, for `StockRowChecker.quickCheck`.
/// Borrowed: valid only while the reader's record is. Small (two pointers and a column map), as it
/// is made for every row and passed down several calls.
public struct StockCellBytes {
    /// Which column of the file holds each field; fixed for a report.
    public struct Columns: Sendable {
        fileprivate var storage = InlineArray<16, Int16>(repeating: -1)

        public init(_ columns: [StockField: Int]) {
            for (field, index) in columns where index < Int(Int16.max) { storage[field.position] = Int16(index) }
        }
    }

    private let base: UnsafePointer<UInt8>?
    /// Field `i` of the record is `base[bounds[2i] ..< bounds[2i + 1]]`.
    private let bounds: UnsafePointer<Int>?
    private let count: Int
    private let columns: Columns

    public init(base: UnsafePointer<UInt8>?, bounds: UnsafePointer<Int>?, count: Int, columns: Columns) {
        (self.base, self.bounds, self.count, self.columns) = (base, bounds, count, columns)
    }

    /// Empty when the report has no such column or the record is shorter.
    @inline(__always)
    public subscript(field: StockField) -> UnsafeBufferPointer<UInt8> {
        let column = Int(columns.storage[field.position])
        guard column >= 0, column < count, let base, let bounds else { return UnsafeBufferPointer(start: nil, count: 0) }
        let start = bounds[2 * column]
        return UnsafeBufferPointer(start: base + start, count: bounds[2 * column + 1] - start)
    }

    /// `ByteHash` over the cells of `fields`, in order. Fields the report has no column for are
    /// left out: they are empty in every row, so they tell no two keys apart (a typical report
    /// lacks half the fields of the site, item and owner groups).
    func hash(_ fields: StockFieldGroup) -> UInt64 {
        var hash = ByteHash.seed
        for index in 0..<fields.count where columns.storage[fields[index].position] >= 0 {
            hash = ByteHash.add(self[fields[index]], to: hash)
        }
        return hash
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

    init(_ list: StockField...) {
        var fields = InlineArray<6, StockField>(repeating: .batch)
        for (index, field) in list.enumerated() { fields[index] = field }
        self.fields = fields
        count = list.count
    }

    subscript(index: Int) -> StockField { fields[index] }
}
