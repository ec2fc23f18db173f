import CorridorFormats
import Foundation
import Testing

/// The API's JSON must stay byte for byte what Foundation's JSONEncoder writes with
/// `.convertToSnakeCase`, `.sortedKeys` and `.withoutEscapingSlashes`, which it wrote before.
@Suite struct SortedJSONEncoderTests {
    static let ours = SortedJSONEncoder.snakeCase

    static func foundation<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func ours<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try Self.ours.encode(value), as: UTF8.self)
    }

    enum Kind: String, Codable { case belowMinimum = "below_minimum", expiring }
    enum Level: Int, Codable { case low = 1, high = 2 }

    struct Inner: Codable {
        var hsCode6: String
        var myURLProperty: Int
        var a: Bool
        var kind: Kind
        var level: Level?
    }

    struct Numbers: Encodable {
        var int8 = Int8.min, int16 = Int16.max, int32 = Int32.min, int64 = Int64.min, int = Int.max
        var uint8 = UInt8.max, uint16 = UInt16.max, uint32 = UInt32.max, uint64 = UInt64.max, uint = UInt.max
        var float: Float = 1.1, floats: [Float] = [3, -0.5, 1e-8, 3.4e38]
        var doubles: [Double] = [
            1, 1.5, 0.1, 36.8, 1e20, 1e-5, 1.2345678901234568e17, -0.0, .leastNonzeroMagnitude, 1e16, 1e15, 0.000123, 100,
        ]
        var decimal = Decimal(string: "12345.678")!
    }

    struct Odd: Encodable {
        var date = Date(timeIntervalSinceReferenceDate: 12345.5)
        var data = Data([0, 1, 2, 250, 255])
        var url = URL(string: "https://example.org/a/b?c=d&e=f")!
        var text = "a/b \"q\" \\ \n\t\r\u{8}\u{c}\u{1}\u{1f}\u{7f} é 😀 \u{2028} العربية"
        var byNumber: [Int: String] = [10: "ten", 2: "two"]
        var byKind: [Kind: [String: Double]] = [.belowMinimum: ["KE": 1.5, "someKey": 2], .expiring: [:]]
        var empty: [String] = []
        var emptyObject: [String: Int] = [:]
        var nested: [[Int?]] = [[1, nil], [], [3]]
        var nothing = Nothing()

        func encode(to encoder: any Encoder) throws {
            enum Keys: String, CodingKey {
                case date, data, url, text, byNumber, byKind, empty, emptyObject, nested, nothing, box, list, repeated
            }
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(date, forKey: .date)
            try container.encode(data, forKey: .data)
            try container.encode(url, forKey: .url)
            try container.encode(text, forKey: .text)
            try container.encode(byNumber, forKey: .byNumber)
            try container.encode(byKind, forKey: .byKind)
            try container.encode(empty, forKey: .empty)
            try container.encode(emptyObject, forKey: .emptyObject)
            try container.encode(nested, forKey: .nested)
            try container.encode(nothing, forKey: .nothing)
            try container.encodeNil(forKey: .repeated)
            try container.encode("last", forKey: .repeated)
            var box = container.nestedContainer(keyedBy: Keys.self, forKey: .box)
            try box.encode(1, forKey: .url)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode(true)
            var inner = list.nestedContainer(keyedBy: Keys.self)
            try inner.encode("x", forKey: .emptyObject)
            try Inner(hsCode6: "9", myURLProperty: 0, a: false, kind: .expiring).encode(to: container.superEncoder())
        }
    }

    /// Objects of one list whose keys come in different orders, or repeated: each is sorted on its own.
    struct Shuffled: Encodable {
        var order: [Keys]
        enum Keys: String, CodingKey { case zeta, alphaBeta, mid }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            for (index, key) in order.enumerated() { try container.encode(index, forKey: key) }
        }
    }

    /// A type's one key, and a dictionary of the same key, which is data: not converted.
    struct Twin: Encodable {
        var siteCode = 7
    }

    struct Nothing: Encodable {
        func encode(to encoder: any Encoder) throws {}
    }

    struct Outer: Encodable {
        var siteCode: String
        var latestReport: String?
        var items: [Inner]
        var byCountry: [String: Int]
        var _leadingUnderscore: Int
        var already_snake: Int
        var numbers = Numbers()
        var odd = Odd()
        var shuffled: [Shuffled] = [
            Shuffled(order: [.zeta, .alphaBeta, .mid]), Shuffled(order: [.zeta, .alphaBeta, .mid]),
            Shuffled(order: [.mid, .zeta, .alphaBeta]),
            Shuffled(order: [.mid, .mid, .zeta]), Shuffled(order: [.mid, .zeta, .mid]), Shuffled(order: [.zeta, .alphaBeta]),
        ]
        var twins = [Twin(), Twin()]
        var twinData = ["siteCode": 7]
        var twinsAgain = [Twin()]
    }

    @Test func writesWhatFoundationWrites() throws {
        let value = Outer(
            siteCode: "KE-NBO-01", latestReport: nil,
            items: [
                Inner(hsCode6: "630622", myURLProperty: 1, a: true, kind: .belowMinimum, level: .high),
                Inner(hsCode6: "", myURLProperty: -1, a: false, kind: .expiring, level: nil),
            ],
            byCountry: ["cameCase": 2, "KE": 1, "Site2": 3, "site10": 4, "_x": 5, "é": 6], _leadingUnderscore: 3, already_snake: 4)
        let expected = try Self.foundation(value)
        for _ in 0..<2 {
            let written = try Self.ours(value)
            #expect(written == expected, "\(Self.difference(written, expected))")
        }
        #expect(
            expected.contains("\"my_url_property\"") && expected.contains("\"site_code\"") && expected.contains("\"super\""), "\(expected)")
        #expect(try Self.ours(["a", "b"]) == (try Self.foundation(["a", "b"])))
        #expect(try Self.ours("top") == (try Self.foundation("top")))
    }

    /// Where two texts part, with some context.
    static func difference(_ one: String, _ other: String) -> String {
        let same = zip(one, other).prefix { $0 == $1 }.count
        return "ours: …\(one.dropFirst(max(0, same - 40)).prefix(120))\nFoundation: …\(other.dropFirst(max(0, same - 40)).prefix(120))"
    }

    @Test func writesEveryDoubleAsFoundationDoes() throws {
        var generator = SystemRandomNumberGenerator()
        var doubles: [Double] = []
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next())
            if value.isFinite { doubles.append(value) }
        }
        for tenth in 0..<2_000 { doubles.append(Double(tenth) / 10 - 100) }
        for _ in 0..<2_000 { doubles.append(Double(Int64.random(in: -1_000_000...1_000_000)) / 1000) }
        #expect(try Self.ours(doubles) == (try Self.foundation(doubles)))
    }

    @Test func refusesWhatFoundationRefuses() throws {
        struct Reading: Encodable { var km: Double }
        #expect(throws: EncodingError.self) { try Self.foundation(Reading(km: .infinity)) }
        #expect(throws: EncodingError.self) { try Self.ours(Reading(km: .infinity)) }
        #expect(throws: EncodingError.self) { try Self.ours([Double.nan]) }
        #expect(throws: EncodingError.self) { try Self.foundation(Nothing()) }
        #expect(throws: EncodingError.self) { try Self.ours(Nothing()) }
    }
}
