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
