/// A row's cells by field as the reader's UTF-8 bytes, for `StockRowChecker.quickCheck`. Borrowed:
/// valid only while the reader's record is. Reused from row to row, so filling it allocates nothing.
public struct StockCellBytes {
    private var spans = [UnsafeBufferPointer<UInt8>](repeating: UnsafeBufferPointer(start: nil, count: 0),
                                                     count: StockField.allCases.count)

    public init() {}

    /// Empty when the report has no such column.
    @inline(__always)
    public subscript(field: StockField) -> UnsafeBufferPointer<UInt8> {
        get { spans[field.position] }
        set { spans[field.position] = newValue }
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
