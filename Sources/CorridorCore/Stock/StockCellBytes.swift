/// A row's cells by field as the reader's UTF-8 bytes, for `StockRowChecker.quickCheck`. Borrowed:
/// valid only while the reader's record is. Inline storage, so filling it allocates nothing.
public struct StockCellBytes {
    private var spans = InlineArray<16, UnsafeBufferPointer<UInt8>>(repeating: UnsafeBufferPointer(start: nil, count: 0))

    public init() {}

    /// Empty when the report has no such column.
    @inline(__always)
    public subscript(field: StockField) -> UnsafeBufferPointer<UInt8> {
        get { spans[field.position] }
        set { spans[field.position] = newValue }
    }

    /// `ByteHash` over the cells of `fields`, in order.
    func hash(_ fields: StockFieldGroup) -> UInt64 {
        var hash = ByteHash.seed
        for index in 0..<fields.count { hash = ByteHash.add(spans[fields[index].position], to: hash) }
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
