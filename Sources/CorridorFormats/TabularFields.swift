/// One record's fields as UTF-8 bytes (already unescaped and validated), borrowed from the reader:
/// valid only inside the closure that received them.
public struct TabularFields {
    /// The record's row number, as in `TabularRow.number`.
    public let number: Int
    public let count: Int
    package let base: UnsafePointer<UInt8>
    /// Field `i` is `base[bounds[2i] ..< bounds[2i + 1]]`.
    package let bounds: UnsafePointer<Int>

    package init(number: Int, count: Int, base: UnsafePointer<UInt8>, bounds: UnsafePointer<Int>) {
        (self.number, self.count, self.base, self.bounds) = (number, count, base, bounds)
    }

    /// Field `index`; empty when the record is shorter.
    @inline(__always)
    public subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        guard index < count else { return UnsafeBufferPointer(start: nil, count: 0) }
        let start = bounds[2 * index]
        return UnsafeBufferPointer(start: base + start, count: bounds[2 * index + 1] - start)
    }

    /// True when every field is empty (a blank line or a row of separators).
    public var isBlank: Bool {
        (0..<count).allSatisfy { bounds[2 * $0] == bounds[2 * $0 + 1] }
    }

    /// The same record with its cells as strings.
    public var row: TabularRow {
        TabularRow(number: number, cells: (0..<count).map { String(decoding: self[$0], as: UTF8.self) })
    }
}

/// Field boundaries as `TabularFields` reads them, in one growable allocation reused from record
/// to record.
final class FieldBounds {
    private(set) var pointer: UnsafeMutablePointer<Int>
    /// In fields (two integers each).
    private(set) var capacity = 64

    init() { pointer = .allocate(capacity: 2 * capacity) }
    deinit { pointer.deallocate() }

    func reserve(fields: Int) {
        guard fields > capacity else { return }
        while capacity < fields { capacity *= 2 }
        pointer.deallocate()
        pointer = .allocate(capacity: 2 * capacity)
    }
}

/// Where a record's fields are copied when they cannot be read in place (quoted, escaped, or
/// crossing the end of the read buffer): back to back, reusing the allocation.
final class FieldArena {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private var capacity = 4096
    private(set) var byteCount = 0
    private var ends: [Int] = []
    private let bounds = FieldBounds()

    init() {
        bytes = .allocate(capacity: capacity)
        ends.reserveCapacity(32)
    }

    deinit { bytes.deallocate() }

    var fieldCount: Int { ends.count }

    func reset() {
        byteCount = 0
        ends.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    func append(_ source: UnsafePointer<UInt8>?, count: Int) {
        guard count > 0, let source else { return }
        if byteCount + count > capacity { grow(to: byteCount + count) }
        (bytes + byteCount).update(from: source, count: count)
        byteCount += count
    }

    @inline(__always)
    func endField() { ends.append(byteCount) }

    func row(number: Int) -> TabularRow {
        withFields(number: number) { $0.row }
    }

    func withFields<Result>(number: Int, _ body: (TabularFields) throws -> Result) rethrows -> Result {
        bounds.reserve(fields: ends.count)
        let pairs = bounds.pointer
        var start = 0
        for (index, end) in ends.enumerated() {
            (pairs[2 * index], pairs[2 * index + 1]) = (start, end)
            start = end
        }
        return try body(TabularFields(number: number, count: ends.count, base: bytes, bounds: pairs))
    }

    private func grow(to needed: Int) {
        while capacity < needed { capacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        grown.update(from: bytes, count: byteCount)
        bytes.deallocate()
        bytes = grown
    }
}
