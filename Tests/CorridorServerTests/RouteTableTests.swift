import CorridorCore
@testable import CorridorServer
import CorridorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The OpenAPI document and the router must list the same /api/v1 operations, and every operation
/// must answer 401/403 exactly as its documented access level says, for every role.
@Suite struct RouteTableTests {
    struct Operation: Hashable, CustomStringConvertible {
        var method: String
        var path: String
        var access: String
        var description: String { "\(method) \(path)" }
    }

    static func documentedOperations() throws -> [Operation] {
        let doc = try #require(try JSONSerialization.jsonObject(with: OpenAPIDocument.data()) as? [String: Any])
        let paths = try #require(doc["paths"] as? [String: [String: Any]])
        var operations: [Operation] = []
        for (path, methods) in paths {
            for (method, value) in methods {
                let access = (value as? [String: Any])?["x-corridor-access"] as? String ?? "missing"
                operations.append(Operation(method: method.uppercased(), path: path, access: access))
            }
        }
        return operations.sorted { $0.description < $1.description }
    }

    @Test func openAPIListsExactlyTheRoutersAPIRoutes() async throws {
        try await TestApp.run { app, _ in
            let routed = Set(app.router.routes.map { "\($0.method) \($0.path)" }.filter { $0.contains(" /api/v1/") })
            let documented = Set(try Self.documentedOperations().map(\.description))
            #expect(!routed.isEmpty)
            #expect(routed.subtracting(documented).sorted() == [], "routes missing from openapi.json")
            #expect(documented.subtracting(routed).sorted() == [], "documented operations with no route")
        }
    }

    /// Query strings that make each operation a complete request; the sample organisation is WFP,
    /// whose member is the `org_member` of `TestApp`.
    static let sampleQueries: [String: String] = [
        "/api/v1/hs": "?q=tent",
        "/api/v1/stock/imports": "?org=WFP&dry_run=true",
        "/api/v1/stock/nearest": "?item=SHE-TENT-FAM&lat=0&lon=0",
        "/api/v1/sites": "?org=WFP",
        "/api/v1/declarations": "?org=WFP",
        "/api/v1/declarations/{id}/packing-list": "?version=1",
        "/api/v1/dispatches": "?org=WFP",
    ]

    static let wrongParty: [String: String] = [
        "POST /api/v1/declarations/{id}/steps/{step}": "org_member",
        "POST /api/v1/declarations/{id}/documents/{document}": "customs_officer",
        "PUT /api/v1/declarations/{id}": "customs_officer",
        "POST /api/v1/declarations/{id}/packing-list": "customs_officer",
    ]

    @Test func everyOperationAnswers401And403AsDocumented() async throws {
        let operations = try Self.documentedOperations()
        let roles: [String?] = [nil] + TestApp.accounts.map(\.0)
        try await TestApp.run { app, client in
            for operation in operations {
                let uri =
                    operation.path
                    .replacingOccurrences(of: "{iso}", with: "KE")
                    .replacingOccurrences(of: "{item}", with: "SHE-TENT-FAM")
                    .replacingOccurrences(of: "{step}", with: "assign_lane")
                    .replacingOccurrences(of: "{document}", with: "packing_list")
                    .replacingOccurrences(of: "{line}", with: "1")
                    .replacingOccurrences(of: "{code}", with: operation.path.contains("/hs/") ? "6306" : "WFP")
                    .replacingOccurrences(of: "{id}", with: String(app.sampleID(for: operation.path)))
                    + (Self.sampleQueries[operation.path] ?? "")
                for role in roles {
                    let response = try await client.execute(
                        uri: uri, method: .init(operation.method)!, headers: app.headers(role, json: true),
                        body: ByteBuffer(string: "{}"))
                    let status = response.status.code
                    let expected: String
                    switch (operation.access, role) {
                    case ("public", _): expected = "allowed"
                    case (_, nil): expected = "401"
                    case ("declaration_party", let role?):
                        // The sample step (assign_lane) is customs' and the sample document (provided) the declarant's.
                        expected = Self.wrongParty[operation.description] == role ? "403" : "allowed"
                    case ("admin", "admin"), ("signed_in", _), ("owner_or_admin", "admin"), ("org_or_admin", "admin"),
                        ("org_or_admin", "org_member"), ("customs_or_admin", "admin"), ("customs_or_admin", "customs_officer"),
                        ("country_team_or_admin", "admin"), ("country_team_or_admin", "customs_officer"),
                        ("country_team_or_admin", "coordinator"):
                        expected = "allowed"
                    default: expected = "403"
                    }
                    let actual = status == 401 ? "401" : status == 403 ? "403" : "allowed"
                    #expect(actual == expected, "\(operation) as \(role ?? "anonymous") answered \(status)")
                }
            }
        }
    }

    /// Signed out, every operation that needs an identity answers 401 whatever its path names and
    /// whatever its body holds: nothing is validated or looked up before the caller is known.
    @Test func signedOutCallersHear401BeforeAnythingAboutPathOrBody() async throws {
        let operations = try Self.documentedOperations().filter { $0.access != "public" }
        try await TestApp.run { _, client in
            for operation in operations {
                let uri = operation.path
                    .replacingOccurrences(of: "{iso}", with: "ZZ")
                    .replacingOccurrences(of: "{item}", with: "NO-SUCH-ITEM")
                    .replacingOccurrences(of: "{step}", with: "no_such_step")
                    .replacingOccurrences(of: "{document}", with: "no_such_document")
                    .replacingOccurrences(of: "{line}", with: "abc")
                    .replacingOccurrences(of: "{code}", with: "NOSUCHORG")
                    .replacingOccurrences(of: "{id}", with: "999999999")
                for body in ["not json", "{\"lines\":[]}", ""] {
                    let response = try await client.execute(
                        uri: uri, method: .init(operation.method)!, headers: [.contentType: "application/json"],
                        body: ByteBuffer(string: body))
                    #expect(
                        response.status == .unauthorized,
                        "\(operation) signed out with body \(body.debugDescription) answered \(response.status.code)")
                }
            }
        }
    }
}
