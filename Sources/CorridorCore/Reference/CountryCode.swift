import Foundation

/// An ISO 3166-1 alpha-2 code, upper case. Whether the country exists is the store's question;
/// this type only guarantees the shape.
public struct CountryCode: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    public let value: String

    public init?(_ raw: String) {
        let upper = raw.trimmingCharacters(in: .whitespaces).uppercased()
        guard upper.count == 2, upper.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        value = upper
    }

    public var description: String { value }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.value < rhs.value }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let code = CountryCode(raw) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "'\(raw)' is not an ISO 3166-1 alpha-2 country code"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
