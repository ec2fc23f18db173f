import CorridorCore
@testable import CorridorServer
import CorridorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct DeclarationAPITests {
    @Test func aConsignmentIsLodgedLanedReleasedAndAuditedOverTheAPI() async throws {
        try await TestApp.run { app, client in
            let emergency = app.kenyaEmergencyID
            let body = """
                {"reference":"API-1","consignee":"Kenya Red Cross","destination":"KE","entry_point":"KEMBA","emergency_id":\(emergency),
                 "transport_mode":"sea","transport_document":"MSCU1234567","expected_arrival":"2030-01-10",
                 "lines":[{"description":"Tarpaulins","item_code":"SHE-TARP-4X6","hs_code":"3926.90","quantity":"1000","unit":"piece",
                           "gross_kg":4500,"value":"8000","currency":"USD","origin":"AE"}]}
                """
            let created = try await client.execute(uri: "/api/v1/declarations?org=WFP", method: .post,
                                                   headers: app.headers("org_member", json: true), body: ByteBuffer(string: body))
            #expect(created.status == .created)
            let draft = try created.body.json()
            let id = try #require(draft["id"] as? Int)
            func step(_ name: String, _ version: Int, as role: String) async throws -> TestResponse {
                try await client.execute(uri: "/api/v1/declarations/\(id)/steps/\(name)", method: .post, headers: app.headers(role, json: true),
                                         body: ByteBuffer(string: #"{"version":\#(version)}"#))
            }
            #expect(try await step("lodge", 1, as: "org_member").status == .ok)
            let stale = try await step("assign_lane", 1, as: "customs_officer")
            #expect(stale.status == .conflict)
            let laned = try await step("assign_lane", 2, as: "customs_officer")
            let lane = try laned.body.json()
            #expect(lane["lane"] as? String != nil && lane["state"] as? String == "lane_assigned")
            let early = try await step("release", 3, as: "customs_officer")
            #expect(early.status == .conflict, "documents are missing")
            for document in ["packing_list", "transport_document", "donation_certificate"] {
                let provided = try await client.execute(uri: "/api/v1/declarations/\(id)/documents/\(document)?file_name=\(document).pdf",
                                                        method: .post, headers: app.headers("org_member"), body: ByteBuffer(string: "%PDF-1.7 \(document)"))
                #expect(provided.status == .ok, "\(document)")
            }
            let arrived = try await client.execute(uri: "/api/v1/declarations/\(id)/arrival", method: .post, headers: app.headers("customs_officer"))
            #expect(arrived.status == .ok)
            func releasedInKenya() async throws -> Int {
                let times = try await client.execute(uri: "/api/v1/countries/KE/release-times", method: .get).body.json()
                return (times["entry_points"] as? [String: Any]).flatMap { $0["KEMBA"] as? [String: Any] }?["count"] as? Int ?? 0
            }
            let before = try await releasedInKenya()
            let released = try await step("release", 7, as: "customs_officer")
            #expect(try released.body.json()["state"] as? String == "released")
            let illegal = try await step("cancel", 8, as: "org_member")
            #expect(illegal.status == .conflict)
            #expect(illegal.body.text.contains("allowed now"))
            let audit = try await client.execute(uri: "/api/v1/declarations/\(id)/audit", method: .get, headers: app.headers("customs_officer"))
            let trail = try audit.body.json()
            #expect(trail["verified"] as? Bool == true)
            #expect((trail["events"] as? [Any])?.count == 8)
            #expect(try await releasedInKenya() == before + 1, "the demo's past releases in Kenya, and this one")
            // Other organisations and other countries' customs do not see it at all.
            #expect(try await client.execute(uri: "/api/v1/declarations/\(id)", method: .get, headers: app.headers("coordinator_country")).status == .notFound)
        }
    }
}
