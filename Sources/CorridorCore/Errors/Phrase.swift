import Foundation

/// A sentence for a person, kept as its English pattern and the values put into it, so that each
/// reader can get it in their own language: "must be at most {0}" with ["1000"].
///
/// Written as an ordinary string literal, interpolations become numbered placeholders; the
/// pattern is the key a translation catalogue looks up. A phrase put into another stays a phrase,
/// so it is translated too.
public struct Phrase: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public enum Argument: Sendable, Hashable {
        /// A value: a number, a code, a name, text from a file. Never translated.
        case text(String)
        case phrase(Phrase)
        /// An ISO date (`YYYY-MM-DD`): written as it is in English, in the reader's own form
        /// where a page puts the phrase in their language.
        case day(String)
        /// A number written plainly (`-1234.5`): as it is in English, grouped and with the
        /// reader's decimal separator where a page puts the phrase in their language.
        case number(String)
    }

    public let pattern: String
    public let arguments: [Argument]

    public init(pattern: String, arguments: [Argument] = []) {
        self.pattern = pattern
        self.arguments = arguments
    }

    /// Text that is already final (a value from a file, another system's message): never translated.
    public init(verbatim text: String) {
        self.init(pattern: "{0}", arguments: [.text(text)])
    }

    /// A date within a phrase, for the reader's form of dates.
    public static func day(_ iso: String) -> Phrase { Phrase(pattern: "{0}", arguments: [.day(iso)]) }

    /// A number within a phrase, for the reader's form of numbers.
    public static func number(_ plain: String) -> Phrase { Phrase(pattern: "{0}", arguments: [.number(plain)]) }

    /// Marks a literal as a phrase where its type would not say so (a ternary, a `let`).
    public init(_ phrase: Phrase) { self = phrase }

    public init(stringLiteral value: String) {
        self.init(pattern: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        self.init(pattern: stringInterpolation.pattern, arguments: stringInterpolation.arguments)
    }

    public struct StringInterpolation: StringInterpolationProtocol {
        var pattern = ""
        var arguments: [Argument] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            pattern.reserveCapacity(literalCapacity + 3 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) { pattern += literal }

        public mutating func appendInterpolation<Value>(_ value: Value) {
            pattern += "{\(arguments.count)}"
            arguments.append(.text(String(describing: value)))
        }

        public mutating func appendInterpolation(_ value: Phrase) {
            pattern += "{\(arguments.count)}"
            arguments.append(.phrase(value))
        }
    }

    /// The phrase in English, as written in the code.
    public var english: String {
        Self.fill(
            pattern,
            with: arguments.map {
                switch $0 {
                case .text(let text): text
                case .phrase(let phrase): phrase.english
                case .day(let iso): iso
                case .number(let plain): plain
                }
            })
    }

    public var description: String { english }

    /// Replaces `{0}`, `{1}`… in `pattern` with the arguments; other braces stay as they are.
    public static func fill(_ pattern: String, with arguments: [String]) -> String {
        guard !arguments.isEmpty, pattern.contains("{") else { return pattern }
        var result = ""
        result.reserveCapacity(pattern.utf8.count + 16 * arguments.count)
        var rest = pattern[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let index = Int(rest[afterOpen..<close]),
                arguments.indices.contains(index)
            {
                result += arguments[index]
                rest = rest[rest.index(after: close)...]
            } else {
                result.append("{")
                rest = rest[afterOpen...]
            }
        }
        return result + rest
    }

    /// One phrase after another, as one: the right side's placeholders move past the left's.
    public static func + (lhs: Phrase, rhs: Phrase) -> Phrase {
        guard !rhs.arguments.isEmpty else { return Phrase(pattern: lhs.pattern + rhs.pattern, arguments: lhs.arguments) }
        var shifted = rhs.pattern
        for index in rhs.arguments.indices.reversed() {
            shifted = shifted.replacingOccurrences(of: "{\(index)}", with: "{\(index + lhs.arguments.count)}")
        }
        return Phrase(pattern: lhs.pattern + shifted, arguments: lhs.arguments + rhs.arguments)
    }

    /// Phrases are equal when they read the same in English, however they were built.
    public static func == (lhs: Phrase, rhs: Phrase) -> Bool { lhs.english == rhs.english }
    public func hash(into hasher: inout Hasher) { hasher.combine(english) }
}
