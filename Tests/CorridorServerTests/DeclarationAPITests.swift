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
                 "transport_mode":"sea","transport_document":"MSCU1234567","transport_document_type":"bill_of_lading",
                 "expected_arrival":"2030-01-10","packages":12,"packages_kind":"pallets",
                 "lines":[{"description":"Family tents","item_code":"SHE-TENT-FAM","hs_code":"6306.22","quantity":"100","unit":"piece",
                           "gross_kg":4500,"value":"30000","currency":"USD","origin":"PK"}]}
                """
            let created = try await client.execute(
                uri: "/api/v1/declarations?org=WFP", method: .post,
                headers: app.headers("org_member", json: true), body: ByteBuffer(string: body))
            #expect(created.status == .created)
            let draft = try created.body.json()
            let id = try #require(draft["id"] as? Int)
            func step(_ name: String, _ version: Int, as role: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/declarations/\(id)/steps/\(name)", method: .post, headers: app.headers(role, json: true),
                    body: ByteBuffer(string: #"{"version":\#(version)}"#))
            }
            #expect(try await step("lodge", 1, as: "org_member").status == .ok)
            let stale = try await step("assign_lane", 1, as: "customs_officer")
            #expect(stale.status == .conflict)
            let laned = try await step("assign_lane", 2, as: "customs_officer")
            let lane = try laned.body.json()
            #expect(lane["lane"] as? String == "green", "accredited, active emergency, needed goods, not a first declaration: \(lane)")
            #expect(lane["state"] as? String == "lane_assigned")
            let early = try await step("release", 3, as: "customs_officer")
            #expect(early.status == .conflict, "documents are missing")
            for document in ["packing_list", "transport_document", "donation_certificate"] {
                let provided = try await client.execute(
                    uri: "/api/v1/declarations/\(id)/documents/\(document)?file_name=\(document).pdf",
                    method: .post, headers: app.headers("org_member"), body: ByteBuffer(string: "%PDF-1.7 \(document)"))
                #expect(provided.status == .ok, "\(document)")
            }
            let arrived = try await client.execute(
                uri: "/api/v1/declarations/\(id)/arrival", method: .post, headers: app.headers("customs_officer"))
            #expect(arrived.status == .ok)
            func releasedInKenya() async throws -> Int {
                let times = try await client.execute(uri: "/api/v1/countries/KE/release-times", method: .get).body.json()
                return (times["entry_points"] as? [String: Any]).flatMap { $0["KEMBA"] as? [String: Any] }?["count"] as? Int ?? 0
            }
            let before = try await releasedInKenya()
            let released = try await step("release", 7, as: "customs_officer")
            #expect(try released.body.json()["state"] as? String == "released")
            let note = try await client.execute(
                uri: "/customs/declarations/\(id)/release-note", method: .get, headers: app.headers("customs_officer"))
            #expect(
                note.status == .ok && note.body.text.contains("API-1") && note.body.text.contains("exemption certificate"), "\(note.status)"
            )
            #expect(note.body.text.contains("30,000.00"), "amounts carry the currency's two decimals")
            let unexplained = try await step("cancel", 8, as: "org_member")
            #expect(unexplained.status == .unprocessableContent, "a cancellation states its reason")
            #expect(unexplained.body.text.contains("a cancellation states its reason"))
            let illegal = try await client.execute(
                uri: "/api/v1/declarations/\(id)/steps/cancel", method: .post, headers: app.headers("org_member", json: true),
                body: ByteBuffer(string: #"{"version":8,"message":"sent elsewhere"}"#))
            #expect(illegal.status == .conflict)
            #expect(illegal.body.text.contains("allowed now"))
            let audit = try await client.execute(
                uri: "/api/v1/declarations/\(id)/audit", method: .get, headers: app.headers("customs_officer"))
            let trail = try audit.body.json()
            #expect(trail["verified"] as? Bool == true)
            #expect((trail["events"] as? [Any])?.count == 8)
            #expect(try await releasedInKenya() == before + 1, "the demo's past releases in Kenya, and this one")
            // Other organisations and other countries' customs do not see it at all.
            #expect(
                try await client.execute(uri: "/api/v1/declarations/\(id)", method: .get, headers: app.headers("coordinator_country"))
                    .status == .notFound)
        }
    }

    @Test func medicinesGoYellowAreQueriedAnsweredAndReleased() async throws {
        try await TestApp.run { app, client in
            let body = """
                {"reference":"API-MED","consignee":"Kenya Red Cross","destination":"KE","entry_point":"KENBO","emergency_id":\(app.kenyaEmergencyID),
                 "transport_mode":"air","transport_document":"176-99999992","transport_document_type":"air_waybill","packages":3,"packages_kind":"cartons",
                 "expected_arrival":"2030-01-10",
                 "lines":[{"description":"Oral rehydration salts","hs_code":"300490","quantity":"2000","unit":"sachet","gross_kg":60,
                           "value":"300","currency":"USD","origin":"IN"}]}
                """
            let created = try await client.execute(
                uri: "/api/v1/declarations?org=WFP", method: .post,
                headers: app.headers("org_member", json: true), body: ByteBuffer(string: body))
            let id = try #require(try created.body.json()["id"] as? Int)
            func step(_ name: String, _ version: Int, as role: String, message: String? = nil) async throws -> [String: Any] {
                let text = message.map { #","message":"\#($0)""# } ?? ""
                let response = try await client.execute(
                    uri: "/api/v1/declarations/\(id)/steps/\(name)", method: .post, headers: app.headers(role, json: true),
                    body: ByteBuffer(string: #"{"version":\#(version)\#(text)}"#))
                #expect(response.status == .ok, "\(name): \(response.body.text)")
                return try response.body.json()
            }
            _ = try await step("lodge", 1, as: "org_member")
            let laned = try await step("assign_lane", 2, as: "customs_officer")
            #expect(laned["lane"] as? String == "yellow")
            #expect((laned["lane_reasons"] as? [String])?.contains("special cargo needs its documents checked") == true)
            let noText = try await client.execute(
                uri: "/api/v1/declarations/\(id)/steps/query", method: .post, headers: app.headers("customs_officer", json: true),
                body: ByteBuffer(string: #"{"version":3}"#))
            #expect(noText.status == .unprocessableContent, "a query states its question")
            _ = try await step("query", 3, as: "customs_officer", message: "Import authorisation number of the Pharmacy and Poisons Board?")
            let answered = try await step("answer", 4, as: "org_member", message: "PPB/IMP/2026/0412, attached")
            #expect((answered["messages"] as? [[String: Any]])?.map { $0["party"] as? String } == ["customs", "declarant"])
            var version = 5
            for document in (answered["documents"] as? [[String: Any]] ?? []).compactMap({ $0["document"] as? String }) {
                let provided = try await client.execute(
                    uri: "/api/v1/declarations/\(id)/documents/\(document)?file_name=\(document).pdf",
                    method: .post, headers: app.headers("org_member"), body: ByteBuffer(string: "%PDF \(document)"))
                #expect(provided.status == .ok, "\(document)")
                version += 1
            }
            let download = try await client.execute(
                uri: "/api/v1/declarations/\(id)/documents/import_authorisation", method: .get,
                headers: app.headers("customs_officer"))
            #expect(download.status == .ok && download.body.text == "%PDF import_authorisation")
            #expect(download.headers[.contentDisposition]?.hasPrefix("attachment") == true)
            let released = try await step("release", version, as: "customs_officer")
            #expect(released["state"] as? String == "released")
            let wco = try await client.execute(
                uri: "/api/v1/declarations/\(id)?format=wco", method: .get, headers: app.headers("customs_officer")
            ).body.json()
            let declaration = try #require(wco["Declaration"] as? [String: Any])
            let shipment = try #require(declaration["GoodsShipment"] as? [String: Any])
            let item = try #require((shipment["GovernmentAgencyGoodsItem"] as? [[String: Any]])?.first)
            let classification = try #require(((item["Commodity"] as? [String: Any])?["Classification"] as? [[String: Any]])?.first)
            #expect(classification["ID"] as? String == "300490" && classification["IdentificationTypeCode"] as? String == "HS")
            #expect(declaration["FunctionalReferenceID"] as? String == "API-MED")
            #expect(
                ((shipment["Consignment"] as? [String: Any])?["ArrivalTransportMeans"] as? [String: Any])?["ModeCode"] as? String == "4")
            #expect(
                try await client.execute(
                    uri: "/api/v1/declarations/\(id)?format=xml", method: .get, headers: app.headers("customs_officer")
                ).status
                    == .unprocessableContent)
        }
    }

    /// Every identity sees exactly the declarations of its organisations or its customs country.
    @Test func nobodySeesAnotherOrganisationsOrCountrysDeclarations() async throws {
        try await TestApp.run { app, client in
            let store = app.store
            let np = try #require(try await store.customs.emergencies(country: "NP").first)
            for (org, country, entry, emergency) in [("IFRC", "NP", "NPKTM", np.id), ("KRCS", "KE", "KENBO", app.kenyaEmergencyID)] {
                _ = try await store.declarations.create(
                    DeclarationInput(
                        reference: "\(org)-T", consignee: "Consignee", destination: country, entryPoint: entry, emergencyId: emergency,
                        transportMode: "air", transportDocument: "176-12345675", transportDocumentType: "air_waybill",
                        expectedArrival: "2030-01-10", packages: 1, packagesKind: "bale",
                        lines: [
                            DeclarationLineInput(
                                description: "Blankets", itemCode: nil, hsCode: "630140", quantity: "10", unit: "piece", grossKg: 15,
                                value: "80", currency: "USD", origin: "PK")
                        ]), org: org, by: .console)
            }
            let expected: [String: Set<String>] = [
                // KRCS's declaration is a draft: it is the declarant's own until lodged, so Kenya's customs does not see it.
                "org_member": ["WFP"], "customs_officer": ["WFP"], "coordinator": [], "coordinator_country": [],
                "admin": ["WFP", "KRCS", "IFRC"],
            ]
            for (role, orgs) in expected {
                let list = try await client.execute(uri: "/api/v1/declarations", method: .get, headers: app.headers(role)).body.json()
                let items = try #require(list["items"] as? [[String: Any]])
                #expect(Set(items.compactMap { $0["org"] as? String }) == orgs, "\(role)")
                if role == "customs_officer" { #expect(items.allSatisfy { $0["destination"] as? String == "KE" }) }
                for other in items.compactMap({ $0["id"] as? Int }) {
                    #expect(
                        try await client.execute(uri: "/api/v1/declarations/\(other)", method: .get, headers: app.headers(role)).status
                            == .ok)
                }
            }
            let all = try await store.declarations.list(by: .console)
            for declaration in all {
                for (role, orgs) in expected
                where !orgs.contains(declaration.org) || (role == "customs_officer" && declaration.destination != "KE") {
                    if role == "admin" { continue }
                    let status = try await client.execute(
                        uri: "/api/v1/declarations/\(declaration.id)", method: .get, headers: app.headers(role)
                    ).status
                    #expect(status == .notFound, "\(role) must not see \(declaration.reference)")
                }
            }
            let draft = try #require(all.first { $0.org == "KRCS" })
            #expect(draft.state == .draft)
            _ = try await store.steps.take(id: draft.id, .lodge, version: draft.version, by: .console)
            let lodged = try await client.execute(
                uri: "/api/v1/declarations/\(draft.id)", method: .get, headers: app.headers("customs_officer"))
            #expect(lodged.status == .ok, "once lodged, the declaration is customs' to see")
            let queue = try await client.execute(uri: "/api/v1/declarations", method: .get, headers: app.headers("customs_officer")).body
                .json()
            #expect((queue["items"] as? [[String: Any]])?.contains { $0["org"] as? String == "KRCS" } == true)
            let counts = try await client.execute(
                uri: "/api/v1/declarations/summary", method: .get, headers: app.headers("coordinator_country")
            ).body.json()
            let rows = try #require(counts["rows"] as? [[String: Any]])
            #expect(rows.allSatisfy { $0["destination"] as? String == "NP" }, "a Nepal coordinator counts Nepal's consignments")
        }
    }
}
