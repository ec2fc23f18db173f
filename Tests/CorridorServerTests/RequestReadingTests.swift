@testable import CorridorServer
import HTTPTypes
import HummingbirdCore
import Testing

/// The query and the headers every request is read through give what Hummingbird's own readers
/// give, on the shapes a client may send.
@Suite struct RequestReadingTests {
    /// Hummingbird's reading, as `QueryParameters` read it before: non-empty values, the last
    /// of a repeated key.
    private func hummingbird(_ query: String) -> [String: String] {
        var parameters: [String: String] = [:]
        for (key, value) in URI("/p?" + query).queryParameters where !value.isEmpty { parameters[String(key)] = String(value) }
        return parameters
    }

    @Test(arguments: [
        "item=SHE-TENT-FAM&lat=0.549&lon=37.9076&limit=10",
        "q=bl%C3%A9%20d%27hiver&country=ke",
        "q=50%25&x=%zz&y=%4&z=%",
        "a=1&a=2&&b=&=c&d&e==f&lang=fr",
        "name=caf%c3%a9+au+lait&%41=raw-key",
        "bad=%FF%FE&ok=%E2%9C%93",
        "",
    ])
    func queriesReadAsHummingbirdReadsThem(query: String) {
        #expect(QueryParameters.parse(query) == hummingbird(query))
    }

    @Test func aQueryIsDecoded() {
        let parameters = QueryParameters.parse("q=bl%C3%A9&n=50%25&broken=%zz&empty=&last=1&last=2")
        #expect(parameters == ["q": "blé", "n": "50%", "broken": "%zz", "last": "2"])
    }

    @Test func aHeaderReadsAsTheSubscriptReadsIt() {
        var fields: HTTPFields = [.authorization: "Bearer a", .acceptLanguage: "fr"]
        #expect(fields.value(.authorization) == "Bearer a")
        #expect(fields.value(.cookie) == nil)
        fields.append(HTTPField(name: .authorization, value: "Bearer b"))
        #expect(fields.value(.authorization) == "Bearer a, Bearer b")
        #expect(fields.value(.authorization) == fields[.authorization])
        fields.append(HTTPField(name: .cookie, value: "a=1"))
        fields.append(HTTPField(name: .cookie, value: "b=2"))
        #expect(fields.value(.cookie) == "a=1; b=2")
    }
}
