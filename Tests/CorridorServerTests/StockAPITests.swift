import CorridorCore
@testable import CorridorServer
import CorridorStore
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
            // Every word of a range is the reader's language.
            let inFrench = try await client.execute(
                uri: "/api/v1/stock/nearest?item=SHE-TARP-4X6&lat=1&lon=36.8&limit=0", method: .get, headers: [.acceptLanguage: "fr"])
            #expect(inFrench.body.text.contains("« 0 » n’est pas un nombre entier admis (de 1 à 100)"), "\(inFrench.body.text)")

            let found = try await client.execute(uri: "/api/v1/stock/nearest?item=SHE-TARP-4X6&lat=-1.3&lon=36.8&limit=3", method: .get)
            #expect(found.status == .ok)
            let items = try #require(try found.body.json()["items"] as? [[String: Any]])
            let distances = items.compactMap { $0["distance_km"] as? Double }
            #expect(items.count == 3 && distances.count == 3)
            #expect(distances == distances.sorted(), "nearest first")
            // The list writes itself: the bytes Foundation writes for the same answer.
            struct Found: Codable { var items: [NearestStock] }
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let foundation = JSONEncoder()
            foundation.keyEncodingStrategy = .convertToSnakeCase
            foundation.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let answer = try decoder.decode(Found.self, from: Data(found.body.text.utf8))
            #expect(String(decoding: try foundation.encode(answer), as: UTF8.self) == found.body.text)
        }
    }

    /// People covered come per item with their horizon, person-days for consumables and none for
    /// durable items, in the country lists, the lines and the site GeoJSON alike.
    @Test func peopleCoveredAreGivenForTheAskedHorizon() async throws {
        try await TestApp.run { app, client in
            let month = try await client.execute(uri: "/api/v1/countries/KE/prepositioned?days=30", method: .get)
            #expect(month.status == .ok)
            let tiers = try #require(try month.body.json()["tiers"] as? [[String: Any]])
            let items = tiers.flatMap { ($0["items"] as? [[String: Any]]) ?? [] }
            let covered = items.filter { $0["people_covered"] as? Double != nil }
            #expect(!covered.isEmpty && covered.allSatisfy { $0["days"] as? Int == 30 })
            let food = try #require(covered.first { $0["family"] as? String == "food_ration" })
            #expect(food["person_days"] as? Double != nil)
            let durable = try #require(covered.first { $0["family"] as? String == "shelter_household" })
            #expect(durable["person_days"] is NSNull)

            let quarter = try await client.execute(uri: "/api/v1/countries/KE/prepositioned?days=90", method: .get)
            let quarterItems = try #require(try quarter.body.json()["tiers"] as? [[String: Any]]).flatMap {
                ($0["items"] as? [[String: Any]]) ?? []
            }
            let sameFood = try #require(quarterItems.first { $0["item_code"] as? String == food["item_code"] as? String })
            let monthPeople = try #require(food["people_covered"] as? Double),
                quarterPeople = try #require(sameFood["people_covered"] as? Double)
            #expect(abs(monthPeople - 3 * quarterPeople) < 1, "consumables spread over three times the days feed a third of the people")

            for uri in [
                "/api/v1/countries/KE/prepositioned?days=0", "/api/v1/sites.geojson?days=366", "/api/v1/stock?days=soon",
                "/api/v1/stock.hxl.csv?days=-1",
            ] {
                let refused = try await client.execute(uri: uri, method: .get)
                #expect(refused.status == .unprocessableContent, "\(uri)")
                #expect(try Self.fields(refused) == ["days"], "\(uri)")
            }
            let lines = try await client.execute(uri: "/api/v1/stock?days=7&limit=50", method: .get)
            let stock = try #require(try lines.body.json()["items"] as? [[String: Any]])
            #expect(!stock.isEmpty && stock.allSatisfy { $0["days"] as? Int == 7 })
            let geojson = try await client.execute(uri: "/api/v1/sites.geojson?days=14", method: .get, headers: app.headers("admin"))
            #expect(geojson.body.text.contains("\"families\":") && geojson.body.text.contains("\"days\":14"))
        }
    }
}
