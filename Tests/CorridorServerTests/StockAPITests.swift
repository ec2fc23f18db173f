import CorridorCore
@testable import CorridorServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct StockAPITests {
    static func fields(_ response: TestResponse) throws -> Set<String> {
        let details = (try response.body.json()["error"] as? [String: Any])?["details"] as? [[String: Any]]
        return Set((details ?? []).compactMap { $0["field"] as? String })
    }

    @Test func numbersInTheQueryAreRefusedWhenOutOfRangeNeverDefaulted() async throws {
        try await TestApp.run { app, client in
            // limit=0 once took the server down (the next cursor was read from line -1).
            for uri in [
                "/api/v1/stock?limit=0", "/api/v1/stock?limit=-3", "/api/v1/stock?limit=5001", "/api/v1/stock?limit=ten",
                "/api/v1/stock?cursor=next", "/api/v1/stock?cursor=-1", "/api/v1/hs?q=tent&limit=-5",
            ] {
                let refused = try await client.execute(uri: uri, method: .get)
                #expect(refused.status == .unprocessableContent, "\(uri)")
                #expect(try Self.fields(refused).count == 1, "\(uri): \(refused.body.text)")
            }
            for days in ["0", "99999999999999999999", "soon"] {
                let refused = try await client.execute(
                    uri: "/api/v1/stock/alerts?days=\(days)", method: .get, headers: app.headers("org_member"))
                #expect(refused.status == .unprocessableContent, "days=\(days)")
                #expect(try Self.fields(refused) == ["days"])
            }
            #expect(
                try await client.execute(uri: "/api/v1/stock/alerts?days=30", method: .get, headers: app.headers("org_member")).status
                    == .ok)

            let first = try await client.execute(uri: "/api/v1/stock?limit=2", method: .get)
            let cursor = try #require(try first.body.json()["next_cursor"] as? Int)
            let second = try await client.execute(uri: "/api/v1/stock?limit=2&cursor=\(cursor)", method: .get)
            let ids = { (page: TestResponse) throws -> [Int] in
                try #require(try page.body.json()["items"] as? [[String: Any]]).compactMap { $0["id"] as? Int }
            }
            #expect(try ids(first).count == 2)
            #expect(try Set(ids(first)).isDisjoint(with: ids(second)))
            #expect(try ids(second).allSatisfy { $0 > cursor })
        }
    }

    @Test func nearestStockNamesEveryProblemOfTheQueryAtOnce() async throws {
        try await TestApp.run { app, client in
            let refused = try await client.execute(uri: "/api/v1/stock/nearest?item=SHE-TARP-4X7&lat=200&lon=36.8&limit=0", method: .get)
            #expect(refused.status == .unprocessableContent)
            #expect(try Self.fields(refused) == ["item", "lat", "limit"], "\(refused.body.text)")

            let found = try await client.execute(uri: "/api/v1/stock/nearest?item=SHE-TARP-4X6&lat=-1.3&lon=36.8&limit=3", method: .get)
            #expect(found.status == .ok)
            let items = try #require(try found.body.json()["items"] as? [[String: Any]])
            let distances = items.compactMap { $0["distance_km"] as? Double }
            #expect(items.count == 3 && distances.count == 3)
            #expect(distances == distances.sorted(), "nearest first")
        }
    }
}
