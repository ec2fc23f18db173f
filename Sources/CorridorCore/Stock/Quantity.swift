import Foundation

/// An exact, non-binary quantity of stock: thousandths of a unit in an integer, so totals add up
/// to the last digit in both databases (SQLite has no exact decimal type).
public struct Quantity: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var milli: Int64

    public init(milli: Int64) { self.milli = milli }
    @inlinable public init(units: Int64) { milli = units * 1000 }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.milli < rhs.milli }
    public static func + (lhs: Self, rhs: Self) -> Self { Self(milli: lhs.milli + rhs.milli) }
    public static func - (lhs: Self, rhs: Self) -> Self { Self(milli: lhs.milli - rhs.milli) }
    public static let zero = Quantity(milli: 0)

    /// "1234", "1234.5", "0.125" — as few decimals as needed.
    public var description: String {
        let sign = milli < 0 ? "-" : ""
        let magnitude = milli.magnitude
        let whole = magnitude / 1000
        var fraction = String(magnitude % 1000)
        guard fraction != "0" else { return sign + String(whole) }
        fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(sign)\(whole).\(fraction)"
    }

    public var doubleValue: Double { Double(milli) / 1000 }

    /// A count of units times a value per unit, rounded half away from zero to a thousandth;
    /// nil when the product does not fit.
    public func multiplied(by other: Quantity) -> Quantity? {
        let (whole, rest) = (Int128(milli) * Int128(other.milli)).quotientAndRemainder(dividingBy: 1000)
        let rounded = whole + (rest.magnitude >= 500 ? (rest < 0 ? -1 : 1) : 0)
        return Int64(exactly: rounded).map(Quantity.init(milli:))
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard case .success(let quantity) = Quantity.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a quantity"))
        }
        self = quantity
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// 1 to 15 ASCII digits and nothing else, from UTF-8 bytes; nil for any other form. The import
    /// engine reads cells in place with it, so it is inlinable for their byte buffers.
    @inlinable
    public static func wholeUnits<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int64? {
        let count = bytes.count
        guard count >= 1, count <= 15 else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value &* 10 &+ Int64(byte &- 0x30)
        }
        return value
    }

    /// The amount rounded half away from zero to `decimals` places (0 to 3), as a currency's minor
    /// unit (ISO 4217) asks of an amount printed on a customs document.
    public func rounded(toDecimals decimals: Int) -> Quantity {
        let step = Int64([1000, 100, 10, 1][max(0, min(3, decimals))])
        let half = step / 2
        let magnitude = (abs(milli) + half) / step * step
        return Quantity(milli: milli < 0 ? -magnitude : magnitude)
    }

    /// Where a number was written. A stock report may come from anywhere, so a comma may be its
    /// decimal mark; Corridor's own forms are in English, where "50,000" is fifty thousand.
    public enum Convention: Sendable {
        case report, form
    }

    /// Reads a number as logisticians type it. Grouping is accepted only where it cannot be
    /// misread: "1,234.5" and "1 234,5" and "1.234.567" are fine; in a report "1,234" alone could
    /// be either 1.234 or 1234 and is refused with a message saying so, while a form reads it as
    /// 1234.
    public static func parse(_ raw: String, convention: Convention = .report) -> Result<Quantity, QuantityProblem> {
        // Most cells are plain whole numbers: read them straight from the bytes.
        if let units = wholeUnits(raw.utf8) { return .success(Quantity(units: units)) }
        var text = raw.trimmedCell
        guard !text.isEmpty else { return .failure(.empty) }
        var negative = false
        if text.hasPrefix("-") { negative = true; text.removeFirst() } else if text.hasPrefix("+") { text.removeFirst() }
        // Spaces (also no-break and thin), apostrophes and underscores only ever group thousands.
        text.removeAll { $0 == " " || $0 == "\u{00A0}" || $0 == "\u{202F}" || $0 == "'" || $0 == "_" }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }) else {
            return .failure(.notANumber)
        }
        let dots = text.filter { $0 == "." }.count
        let commas = text.filter { $0 == "," }.count
        var decimalMark: Character?
        var groupMark: Character?
        switch (dots, commas) {
        case (0, 0): break
        case (_, 0) where dots > 1: groupMark = "."
        case (1, 0): decimalMark = "."
        case (0, _) where commas > 1: groupMark = ","
        case (0, 1):
            let after = text.split(separator: ",", omittingEmptySubsequences: false)[1]
            if after.count == 3 && text.first != "0" {
                guard convention == .form else { return .failure(.ambiguous) }
                groupMark = ","
            } else {
                decimalMark = ","
            }
        default:
            // Both marks: the last one is the decimal mark, the other groups.
            let lastDot = text.lastIndex(of: ".")!, lastComma = text.lastIndex(of: ",")!
            decimalMark = lastDot > lastComma ? "." : ","
            groupMark = decimalMark == "." ? "," : "."
            if text.filter({ $0 == decimalMark }).count > 1 { return .failure(.notANumber) }
        }
        if let groupMark {
            let groups = text.split(separator: decimalMark ?? "\u{0}", maxSplits: 1)[0]
                .split(separator: groupMark, omittingEmptySubsequences: false)
            guard groups.count > 1, (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                return .failure(.notANumber)
            }
            text.removeAll { $0 == groupMark }
        }
        let parts = text.split(separator: decimalMark ?? "\u{0}", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0].isEmpty ? "0" : String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        guard fraction.count <= 3 else { return .failure(.tooPrecise) }
        guard whole.count <= 15, let units = Int64(whole),
            let thousandths = Int64(fraction.padding(toLength: 3, withPad: "0", startingAt: 0))
        else {
            return .failure(.tooLarge)
        }
        let milli = units * 1000 + thousandths
        return .success(Quantity(milli: negative ? -milli : milli))
    }
}

extension Quantity {
    /// A count people type in a form (people affected, days): digits grouped by commas, dots,
    /// spaces (also no-break and thin), apostrophes or underscores, in groups of three. A count
    /// has no fraction, so "50.000" and "50,000" are both fifty thousand; "2.5" is refused.
    public static func wholeCount(_ raw: String) -> Result<Int, QuantityProblem> {
        var text = raw.trimmedCell
        guard !text.isEmpty else { return .failure(.empty) }
        var negative = false
        if text.hasPrefix("-") { negative = true; text.removeFirst() } else if text.hasPrefix("+") { text.removeFirst() }
        let marks: Set<Character> = [",", ".", " ", "\u{00A0}", "\u{202F}", "'", "_"]
        guard !text.isEmpty, text.allSatisfy({ ($0.isASCII && $0.isNumber) || marks.contains($0) }),
            text.first!.isNumber, text.last!.isNumber
        else { return .failure(.notANumber) }
        let groups = text.split(whereSeparator: { marks.contains($0) }).map(String.init)
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else {
                // "2.5" or "1,23": a fraction, or digits grouped in a way no one writes a count.
                return .failure(groups.count == 2 && groups[1].count < 3 ? .notWhole : .notANumber)
            }
        }
        let digits = groups.joined()
        guard digits.count <= 15, let value = Int(digits) else { return .failure(.tooLarge) }
        return .success(negative ? -value : value)
    }
}

public enum QuantityProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case empty, notANumber, ambiguous, tooPrecise, tooLarge, notWhole

    public var description: String {
        switch self {
        case .empty: "is empty"
        case .notANumber: "is not a number"
        case .ambiguous: "is ambiguous: write 1234 for one thousand two hundred and thirty-four, or 1.234 for one point two three four"
        case .tooPrecise: "has more than 3 decimals"
        case .tooLarge: "is too large"
        case .notWhole: "is not a whole number"
        }
    }
}
