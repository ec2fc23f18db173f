import Foundation
import Testing

@testable import CorridorServer

/// The API's keys are converted once per key and remembered; what is written must stay exactly
/// what Foundation's `.convertToSnakeCase` writes, the first time and every time after.
@Suite struct SnakeCaseKeysTests {
    struct Inner: Encodable {
        var hsCode6: String
        var myURLProperty: Int
        var a: Bool
    }

    struct Outer: Encodable {
        var siteCode: String
        var latestReport: String?
        var items: [Inner]
        var byCountry: [String: Int]
        var _leadingUnderscore: Int
        var already_snake: Int
    }

    @Test func responsesAreWrittenAsFoundationsSnakeCaseWrites() throws {
        let value = Outer(
            siteCode: "KE-NBO-01", latestReport: nil, items: [Inner(hsCode6: "630622", myURLProperty: 1, a: true)],
            byCountry: ["cameCase": 2, "KE": 1], _leadingUnderscore: 3, already_snake: 4)
        let foundation = JSONEncoder()
        foundation.keyEncodingStrategy = .convertToSnakeCase
        foundation.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try foundation.encode(value), as: UTF8.self)
        for _ in 0..<3 {
            let written = String(decoding: try CorridorRequestContext.jsonEncoder().encode(value), as: UTF8.self)
            #expect(written == expected)
        }
        #expect(expected.contains("\"my_url_property\"") && expected.contains("\"site_code\""), "\(expected)")
    }
}
