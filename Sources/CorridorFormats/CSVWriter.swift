import Foundation

/// Writes RFC 4180 CSV that spreadsheet programs open safely: fields are quoted when they need
/// to be, and a cell that a spreadsheet would run as a formula (starting with = + - @, tab or CR)
/// is prefixed with an apostrophe so it stays text.
public struct CSVWriter: Sendable {
    public let separator: Character

    public init(separator: Character = ",") {
        self.separator = separator
    }

    public func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: String(separator)) + "\r\n"
    }

    public func field(_ raw: String) -> String {
        var value = raw
        if let first = value.first, Self.formulaStarts.contains(first), !Self.isPlainNumber(value) {
            value = "'" + value
        }
        let needsQuotes =
            value.contains(separator) || value.contains("\"") || value.contains("\n")
            || value.contains("\r") || value.hasPrefix(" ") || value.hasSuffix(" ")
        guard needsQuotes else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Appends `field(raw)` as UTF-8 to `bytes`. Plain ASCII (most cells of an export) is written
    /// byte by byte without building strings; anything else goes through `field`, so both agree.
    public func appendField(_ raw: String, to bytes: inout [UInt8]) {
        if separator == ",",
            raw.utf8.withContiguousStorageIfAvailable({ appendPlainASCII($0, to: &bytes) { raw } }) == true
        {
            return
        }
        bytes.append(contentsOf: field(raw).utf8)
    }

    /// Appends `field` of the UTF-8 text in `cell` to `bytes`, as `appendField(_:to:)` does, for
    /// callers that hold a cell's bytes (a database's row) and would otherwise build a string.
    public func appendField(utf8 cell: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        let text = { String(decoding: cell, as: UTF8.self) }
        if separator == ",", appendPlainASCII(cell, to: &bytes, text) { return }
        bytes.append(contentsOf: field(text()).utf8)
    }

    /// Writes an ASCII cell without CR or LF: neutralised and quoted exactly as `field` would.
    /// Returns false, writing nothing, for any other cell. `text` gives the cell as a string, for
    /// the rare cell that starts as a formula would.
    private func appendPlainASCII(_ cell: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8], _ text: () -> String) -> Bool {
        var quotes = false, needsQuotes = false
        for byte in cell {
            if byte >= 0x80 || byte == 0x0A || byte == 0x0D { return false }
            if byte == 0x2C { needsQuotes = true } else if byte == 0x22 { quotes = true }
        }
        let formula = cell.first.map { Self.formulaStartBytes.contains($0) } ?? false
        let apostrophe = formula && !Self.isPlainNumber(text())
        needsQuotes = needsQuotes || quotes || (apostrophe ? false : cell.first == 0x20) || cell.last == 0x20
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
        return true
    }

    static let formulaStartBytes: [UInt8] = [0x3D, 0x2B, 0x2D, 0x40, 0x09]

    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// A negative quantity such as "-5" or "-1.5" is data, not a formula, and stays as written.
    static func isPlainNumber(_ value: String) -> Bool {
        let body = value.dropFirst()
        guard value.first == "-" || value.first == "+", !body.isEmpty else { return false }
        var seenDot = false
        for character in body {
            if character == "." { if seenDot { return false }; seenDot = true; continue }
            if !character.isASCII || !character.isNumber { return false }
        }
        return true
    }
}
