import CorridorFormats
import CorridorStore
import Foundation
import Testing

/// Nearest stock writes its own JSON for the API; it must be what its `Encodable` conformance
/// writes through Foundation, with snake_case keys, sorted.
@Suite struct NearestStockJSONTests {
    static let answers = """
        [{"site_code": "KE-NBO-01", "site_name": "Nairobi \\"hub\\" / depot\\n", "org": "WFP", "country": "KE",
          "lat": -1.2921, "lon": 36.8219, "distance_km": 12.3, "quantity": "1250.5", "latest_report": "2026-11-30"},
         {"site_code": "", "site_name": "مستودع 😀", "org": "", "country": "AE", "lat": 0, "lon": -180,
          "distance_km": 0, "quantity": "0.001", "latest_report": ""},
         {"site_code": "X", "site_name": "\\u0001", "org": "O", "country": "ZZ", "lat": 89.99999, "lon": 1e-7,
          "distance_km": 20015.1, "quantity": "-3", "latest_report": "2026-01-01"}]
        """

    @Test func writesWhatFoundationWrites() throws {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let found = try decoder.decode([NearestStock].self, from: Data(Self.answers.utf8))
        #expect(found.count == 3)
        let foundation = JSONEncoder()
        foundation.keyEncodingStrategy = .convertToSnakeCase
        foundation.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try foundation.encode(["items": found]), as: UTF8.self)
        let written = String(decoding: try SortedJSONEncoder.snakeCase.encode(["items": found]), as: UTF8.self)
        #expect(written == expected)
        #expect(written.contains(#""distance_km":12.3"#) && written.contains(#""quantity":"1250.5""#))
    }
}
