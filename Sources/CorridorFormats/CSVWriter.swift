import Foundation

/// Writes RFC 4180 CSV that spreadsheet programs open safely: fields are quoted when they need
/// to be, and a cell that a spreadsheet would run as a formula (starting with = + - @, tab or CR)
/// is prefixed with an apostrophe so it stays text.
///
/// A cell is read as its UTF-8 bytes, as a CSV reader reads it: a quote or separator byte counts
/// wherever it stands, even where a combining mark after it joins it into one character with the
/// mark. Multi-byte UTF-8 sequences hold no byte below 0x80, so no other text is mistaken for one.
public struct CSVWriter: Sendable {
    public let separator: Character
    private let separatorByte: UInt8

    /// - Parameter separator: one ASCII character.
    public init(separator: Character = ",") {
        precondition(separator.asciiValue != nil && separator != "\"", "a CSV separator is one ASCII character other than a quote")
        self.separator = separator
        separatorByte = separator.asciiValue ?? 0x2C
    }

    public func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: String(separator)) + "\r\n"
    }

    public func field(_ raw: String) -> String {
        var bytes: [UInt8] = []
        appendField(raw, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `field(raw)` as UTF-8 to `bytes`, without building strings.
    public func appendField(_ raw: String, to bytes: inout [UInt8]) {
        var raw = raw
        raw.withUTF8 { appendField(utf8: $0, to: &bytes) }
    }

    /// Appends `field` of the UTF-8 text in `cell` to `bytes`, for callers that hold a cell's
    /// bytes (a database's row) and would otherwise build a string.
    public func appendField(utf8 cell: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        var quotes = false, needsQuotes = false
        for byte in cell {
            if byte == separatorByte || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
            } else if byte == 0x22 {
                quotes = true
            }
        }
        let formula = cell.first.map { Self.formulaStartBytes.contains($0) } ?? false
        let apostrophe = formula && !Self.isPlainNumber(cell)
        needsQuotes = needsQuotes || quotes || (!apostrophe && cell.first == 0x20) || cell.last == 0x20
        if needsQuotes { bytes.append(0x22) }
        if apostrophe { bytes.append(0x27) }
        if quotes {
            for byte in cell {
                bytes.append(byte)
                if byte == 0x22 { bytes.append(0x22) }
            }
        } else {
            bytes.append(contentsOf: cell)
        }
        if needsQuotes { bytes.append(0x22) }
    }

    /// = + - @, tab and CR.
    static let formulaStartBytes: [UInt8] = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

    /// A negative quantity such as "-5" or "-1.5" is data, not a formula, and stays as written.
    static func isPlainNumber(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = cell.first, first == 0x2D || first == 0x2B, cell.count > 1 else { return false }
        var seenDot = false
        for byte in cell.dropFirst() {
            if byte == 0x2E {
                if seenDot { return false }
                seenDot = true
            } else if byte < 0x30 || byte > 0x39 {
                return false
            }
        }
        return true
    }
}
