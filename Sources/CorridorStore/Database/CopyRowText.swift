import CorridorCore
import NIOCore

/// Rows in the text format of PostgreSQL's `COPY … FROM STDIN`: values separated by tabs, rows
/// ended by a line feed, `\N` for NULL. The bytes go to raw memory grown by doubling, so each
/// value costs one capacity check and plain stores; a reference type, so a writer that keeps it
/// in a constant appends without exclusivity checks on each value.
final class CopyRowText {
    let columns: Int
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private var column = 0
    /// Complete rows appended since the last `take`.
    private(set) var rows = 0

    init(columns: Int, capacity: Int = 1 << 20) {
        precondition(columns > 0)
        self.columns = columns
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    func appendInteger(_ value: Int64) {
        startValue(reserving: 20)
        if value < 0 { put(UInt8(ascii: "-")) }
        var rest = value.magnitude
        var digits = 1
        var power: UInt64 = 10
        while digits < 20 && rest >= power {
            digits += 1
            power = power &* 10
        }
        var position = count + digits
        count = position
        repeat {
            position -= 1
            base[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        } while rest > 0
        endValue()
    }

    /// Text, with the four bytes COPY's text format gives a meaning escaped.
    func appendText(_ value: String) {
        var value = value
        value.withUTF8 { bytes in
            startValue(reserving: bytes.count * 2)
            for byte in bytes {
                switch byte {
                case 0x5C: put(UInt8(ascii: "\\"), UInt8(ascii: "\\"))
                case 0x09: put(UInt8(ascii: "\\"), UInt8(ascii: "t"))
                case 0x0A: put(UInt8(ascii: "\\"), UInt8(ascii: "n"))
                case 0x0D: put(UInt8(ascii: "\\"), UInt8(ascii: "r"))
                default: put(byte)
                }
            }
        }
        endValue()
    }

    /// A day as its ISO text, `YYYY-MM-DD`.
    func appendDay(_ day: Day) {
        startValue(reserving: 10)
        let iso = day.isoBytes
        for index in 0..<10 { put(iso[index]) }
        endValue()
    }

    func appendNull() {
        startValue(reserving: 2)
        put(UInt8(ascii: "\\"), UInt8(ascii: "N"))
        endValue()
    }

    /// The complete rows as one buffer, leaving this empty.
    func take() -> ByteBuffer {
        precondition(column == 0, "a row must have one value per column")
        let buffer = ByteBuffer(bytes: UnsafeBufferPointer(start: base, count: count))
        (count, rows) = (0, 0)
        return buffer
    }

    /// Room for the separator, `bytes` and the row's end.
    private func startValue(reserving bytes: Int) {
        if count + bytes + 2 > capacity {
            capacity = max(capacity * 2, count + bytes + 2)
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            grown.update(from: base, count: count)
            base.deallocate()
            base = grown
        }
        if column > 0 { put(UInt8(ascii: "\t")) }
    }

    private func endValue() {
        column += 1
        if column == columns {
            put(UInt8(ascii: "\n"))
            column = 0
            rows += 1
        }
    }

    @inline(__always) private func put(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    @inline(__always) private func put(_ first: UInt8, _ second: UInt8) {
        base[count] = first
        base[count + 1] = second
        count += 2
    }
}
