import Foundation

/// A Harmonized System code as written on a relief declaration: the six international digits,
/// optionally extended by a national tariff to eight or ten. Dots and spaces are tolerated on input.
public struct HSCode: Sendable, Hashable, Codable, CustomStringConvertible {
    public let digits: String

    public init?(_ raw: String) {
        let kept = raw.filter { $0 != "." && $0 != " " }
        guard [2, 4, 6, 8, 10].contains(kept.count), kept.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            return nil
        }
        digits = kept
    }

    /// 2 = chapter, 4 = heading, 6 = subheading, 8/10 = national extension.
    public var level: Int { digits.count }
    public var chapter: String { String(digits.prefix(2)) }
    public var heading: String? { digits.count >= 4 ? String(digits.prefix(4)) : nil }
    /// The part the international nomenclature knows; national digits are dropped.
    public var international: String { String(digits.prefix(6)) }
    public var description: String { digits }
}

/// One entry of the HS nomenclature.
public struct HSEntry: Sendable, Equatable, Codable {
    public var code: String
    public var level: Int
    public var description: String
    public var parent: String?

    public init(code: String, level: Int, description: String, parent: String?) {
        self.code = code
        self.level = level
        self.description = description
        self.parent = parent
    }
}
