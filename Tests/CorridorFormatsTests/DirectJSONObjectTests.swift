import CorridorFormats
import Foundation
import Testing

/// An object that writes itself must come out as its `Encodable` conformance would, wherever it
/// stands in an answer, and only the API's snake_case encoder lets it write itself.
@Suite struct DirectJSONObjectTests {
    struct Reading: DirectJSONObject, Encodable {
        var siteCode: String
        var distanceKm: Double
        var count: Int64
        var open: Bool
        var note: String?

        func writeMembers(to object: inout JSONMembers) throws {
            object.integer("count", count)
            try object.number("distance_km", distanceKm)
            object.string("note", note)
            object.bool("open", open)
            object.string("site_code", siteCode)
        }
    }

    /// Writes a member its `Encodable` conformance does not: shows which of the two was used.
    struct Marked: DirectJSONObject, Encodable {
        var name = "x"
        func writeMembers(to object: inout JSONMembers) throws {
            object.bool("direct", true)
            object.string("name", name)
        }
    }

    /// A list that writes itself, its members too.
    struct Listing: DirectJSONObject, Encodable {
        var items: [Reading]
        func writeMembers(to object: inout JSONMembers) throws {
            try object.objects("items", items)
        }
    }

    struct Answer: Encodable {
        var items: [Reading]
        var first: Reading?
        var byCountry: [String: Reading]
    }

    static let readings = [
        Reading(siteCode: "KE-NBO-01", distanceKm: 12.3, count: -7, open: true, note: nil),
        Reading(siteCode: "a/b \"q\" \\ \n\t\u{1}é 😀 العربية", distanceKm: 0, count: Int64.max, open: false, note: "x\u{1f}y"),
        Reading(siteCode: "", distanceKm: 1e20, count: 0, open: true, note: ""),
        Reading(siteCode: "z", distanceKm: 0.1, count: 1, open: false, note: nil),
    ]

    @Test func writesWhatItsEncodableConformanceWrites() throws {
        let answer = Answer(items: Self.readings, first: Self.readings[1], byCountry: ["KE": Self.readings[0], "zz": Self.readings[2]])
        #expect(try SortedJSONEncoderTests.ours(answer) == (try SortedJSONEncoderTests.foundation(answer)))
        #expect(try SortedJSONEncoderTests.ours(Self.readings[3]) == (try SortedJSONEncoderTests.foundation(Self.readings[3])))
        for listing in [Listing(items: Self.readings), Listing(items: [Self.readings[0]]), Listing(items: [])] {
            #expect(try SortedJSONEncoderTests.ours(listing) == (try SortedJSONEncoderTests.foundation(listing)))
        }
    }

    @Test func writesItselfOnlyThroughTheSnakeCaseEncoder() throws {
        let direct = String(decoding: try SortedJSONEncoder.snakeCase.encode(["one": Marked()]), as: UTF8.self)
        #expect(direct == #"{"one":{"direct":true,"name":"x"}}"#)
        let other = String(decoding: try SortedJSONEncoder(keys: { $0 }).encode(["one": Marked()]), as: UTF8.self)
        #expect(other == #"{"one":{"name":"x"}}"#)
    }

    @Test func refusesANumberJSONCannotHold() throws {
        let reading = Reading(siteCode: "KE", distanceKm: .nan, count: 0, open: true, note: nil)
        #expect(throws: EncodingError.self) { try SortedJSONEncoder.snakeCase.encode([reading]) }
    }
}
