import CorridorCore
@testable import CorridorServer
import CorridorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct APITests {
    @Test func referenceDataIsPublicAndSearchable() async throws {
        try await TestApp.run { app, client in
            let countries = try await client.execute(uri: "/api/v1/countries", method: .get)
            #expect(countries.status == .ok)
            #expect((try countries.body.json()["items"] as? [Any])?.count == 249)
            let kenya = try await client.execute(uri: "/api/v1/countries/ke", method: .get).body.json()
            #expect(kenya["subregion"] as? String == "Eastern Africa")
            let search = try await client.execute(uri: "/api/v1/hs?q=tent", method: .get).body.json()
            let codes = (search["items"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []
            #expect(codes.contains { $0.hasPrefix("6306") })
            let heading = try await client.execute(uri: "/api/v1/hs/6306", method: .get).body.json()
            #expect((heading["children"] as? [Any])?.isEmpty == false)
            #expect(try await client.execute(uri: "/api/v1/hs/9999", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/api/v1/hs/12a", method: .get).status == .unprocessableContent)
            #expect(try await client.execute(uri: "/api/v1/hs", method: .get).status == .unprocessableContent)
        }
    }

    @Test func badInputGetsTheErrorEnvelopeWithTheField() async throws {
        try await TestApp.run { app, client in
            let missing = try await client.execute(
                uri: "/api/v1/organisations", method: .post, headers: app.headers("admin", json: true),
                body: ByteBuffer(string: #"{"code":"NEW","name":"New"}"#))
            #expect(missing.status == .unprocessableContent)
            let error = try #require(try missing.body.json()["error"] as? [String: Any])
            #expect(error["code"] as? String == "invalid_input")
            let details = try #require(error["details"] as? [[String: Any]])
            #expect(details.first?["field"] as? String == "type")

            let invalid = try await client.execute(
                uri: "/api/v1/organisations", method: .post, headers: app.headers("admin", json: true),
                body: ByteBuffer(string: #"{"code":"1","name":"","type":"club","hq_country":"XX"}"#))
            let fields = ((try invalid.body.json()["error"] as? [String: Any])?["details"] as? [[String: Any]])?.compactMap {
                $0["field"] as? String
            }
            #expect(Set(fields ?? []) == ["code", "name", "type", "hq_country"])

            let duplicate = try await client.execute(
                uri: "/api/v1/organisations", method: .post, headers: app.headers("admin", json: true),
                body: ByteBuffer(string: #"{"code":"WFP","name":"x","type":"ingo","hq_country":"IT"}"#))
            #expect(duplicate.status == .conflict)

            let tooBig = try await client.execute(
                uri: "/api/v1/organisations", method: .post, headers: app.headers("admin", json: true),
                body: ByteBuffer(string: String(repeating: "x", count: 70 * 1024)))
            #expect(tooBig.status == .contentTooLarge)

            let unknownToken = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer cor_nope"])
            #expect(unknownToken.status == .unauthorized)
            #expect(try await client.execute(uri: "/api/v1/nothing-here", method: .get).status == .notFound)
        }
    }

    @Test func tokensCanBeCreatedListedAndRevokedOverTheAPI() async throws {
        try await TestApp.run { app, client in
            let created = try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: app.headers("org_member", json: true),
                body: ByteBuffer(string: #"{"name":"uploader"}"#))
            #expect(created.status == .created)
            let secret = try #require(try created.body.json()["token"] as? String)
            let me = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(secret)"])
            #expect((try me.body.json()["email"] as? String) == "logistics@wfp.example")
            // The scheme in any case, spaces and tabs around the token: still the token.
            for header in ["bearer \(secret)", "BEARER \t\(secret) ", "BeArEr  \(secret)\t"] {
                let asked = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: header])
                #expect(asked.status == .ok, "\(header)")
            }
            for header in ["Bearer", "Bearer ", "Bearer \(secret)x", "Basic \(secret)", "Bearer\t\(secret)", "Bearerx\(secret)"] {
                let asked = try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: header])
                #expect(asked.status == .unauthorized, "\(header)")
            }
            let id = try #require((try created.body.json()["info"] as? [String: Any])?["id"] as? Int)
            let revoked = try await client.execute(uri: "/api/v1/tokens/\(id)", method: .delete, headers: app.headers("org_member"))
            #expect(revoked.status == .ok)
            #expect(
                try await client.execute(uri: "/api/v1/me", method: .get, headers: [.authorization: "Bearer \(secret)"]).status
                    == .unauthorized)
        }
    }

    @Test func pagesCarrySecurityHeadersAndTheShellNavigation() async throws {
        try await TestApp.run { app, client in
            for path in ["/", "/map", "/stock", "/customs", "/preparedness", "/organisations", "/countries", "/login"] {
                let page = try await client.execute(uri: path, method: .get)
                #expect(page.status == .ok, "\(path)")
                #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
                #expect(page.headers[.xFrameOptions] == "DENY")
                #expect(page.headers[.xContentTypeOptions] == "nosniff")
                #expect(page.body.text.contains("href=\"/preparedness\""))
                for attribute in ["src=\"http", "href=\"http", "src=\"//", "href=\"//", "url(http"] {
                    #expect(!page.body.text.contains(attribute), "\(path) must not load anything from elsewhere")
                }
            }
            #expect(try await client.execute(uri: "/admin", method: .get).status == .seeOther)
            let css = try await client.execute(uri: "/static/corridor.css", method: .get)
            #expect(css.headers[.contentType]?.hasPrefix("text/css") == true)
            let map = try await client.execute(uri: "/map", method: .get).body.text
            #expect(map.contains("UNHRD Brindisi"))
            #expect(!map.contains("Oxfam Garissa"), "a private site must not leak to the public map")
        }
    }

    @Test func healthAndMetrics() async throws {
        try await TestApp.run { app, client in
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(health.status == .ok)
            #expect(health.body.text.contains("\"ok\""))
            _ = try await client.execute(uri: "/api/v1/countries", method: .get)
            _ = try await client.execute(uri: "/api/v1/countries/ZZ", method: .get)
            #expect(try await client.execute(uri: "/metrics", method: .get).status == .unauthorized, "metrics are not public")
            for role in ["org_member", "customs_officer", "coordinator"] {
                #expect(try await client.execute(uri: "/metrics", method: .get, headers: app.headers(role)).status == .forbidden, "\(role)")
            }
            let metrics = try await client.execute(uri: "/metrics", method: .get, headers: app.headers("admin")).body.text
            #expect(metrics.contains("corridor_http_requests_total{method=\"GET\",route=\"/api/v1/countries\",status=\"200\"} 1"))
            #expect(metrics.contains("route=\"/api/v1/countries/{iso}\",status=\"404\"} 1"))
        }
    }

    @Test func cookiesAreSecureWheneverThePublicAddressIsHTTPS() throws {
        #expect(try CorridorConfig.fromEnvironment([:]).secureCookies == false)
        #expect(try CorridorConfig.fromEnvironment(["CORRIDOR_PUBLIC_URL": "https://corridor.example.org"]).secureCookies)
        #expect(try CorridorConfig.fromEnvironment(["CORRIDOR_PUBLIC_URL": "http://10.1.1.1:8080"]).secureCookies == false)
        #expect(
            try CorridorConfig.fromEnvironment(["CORRIDOR_PUBLIC_URL": "https://c.example.org", "CORRIDOR_SECURE_COOKIES": "0"])
                .secureCookies == false)
        #expect(throws: DomainError.self) { try CorridorConfig.fromEnvironment(["CORRIDOR_PUBLIC_URL": "corridor.example.org"]) }
    }
}
