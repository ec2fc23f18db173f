import CorridorCore
@testable import CorridorServer
import CorridorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct IndicativeValueAPITests {
    @Test func valuesAreReadFromTheirDigitsAndKeptExact() async throws {
        try await TestApp.run { app, client in
            func put(_ body: String, as role: String = "admin") async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/items/WSH-TABS-NADCC/indicative-value", method: .put,
                    headers: app.headers(role, json: true), body: ByteBuffer(string: body))
            }
            let text = try await put(#"{"value_usd":"0.02"}"#)
            #expect(text.status == .ok)
            #expect(try text.body.json()["value_usd"] as? String == "0.02")
            // 0.1 has no exact binary form; read from its digits it stays 0.1.
            #expect(try await put(#"{"value_usd":0.1}"#).body.json()["value_usd"] as? String == "0.1")
            let listed = try await client.execute(uri: "/api/v1/items", method: .get)
            let items = try #require(try listed.body.json()["items"] as? [[String: Any]])
            #expect(items.first { $0["code"] as? String == "WSH-TABS-NADCC" }?["value_usd"] as? String == "0.1")

            for (body, field) in [
                (#"{"value_usd":"0.0005"}"#, "value_usd"), (#"{"value_usd":"-3"}"#, "value_usd"),
                (#"{"value_usd":"lots"}"#, "value_usd"), (#"{"value":"3"}"#, "value_usd"),
            ] {
                let refused = try await put(body)
                #expect(refused.status == .unprocessableContent, "\(body)")
                let details = (try refused.body.json()["error"] as? [String: Any])?["details"] as? [[String: Any]]
                #expect(details?.first?["field"] as? String == field, "\(body): \(refused.body.text)")
            }
            #expect(try await put(#"{"value_usd":"5"}"#, as: "org_member").status == .forbidden)
            #expect(try await put(#"{"value_usd":null}"#).body.json()["value_usd"] == nil)
            let stored = try await app.store.items.find(code: "WSH-TABS-NADCC")
            #expect(stored?.valueUSD == nil)
        }
    }
}
