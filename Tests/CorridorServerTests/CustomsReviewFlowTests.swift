import CorridorCore
@testable import CorridorServer
import CorridorStore
import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Testing

/// A WFP logistician and a Kenya customs officer, over the API and the certificate page: lodge →
/// amendment refused → amendment accepted → arrival → document rejected → new file → accepted →
/// release → certificate.
@Suite struct CustomsReviewFlowTests {
    @Test func aLodgedDeclarationChangesOnlyThroughCustomsAndItsCertificateNamesWhoReleasedIt() async throws {
        try await TestApp.run { app, client in
            var profile = try #require(try await app.store.customsProfiles.get(country: "KE")).profile
            profile.customsAdministration = "Kenya Revenue Authority, Customs and Border Control"
            profile.timeZone = "Africa/Nairobi"
            profile.idrlLaw = "Fictitious Disaster Relief Act 2026 (demo)"
            _ = try await app.store.customsProfiles.put(profile, by: .console)
            func call(_ method: HTTPRequest.Method, _ uri: String, as role: String, _ body: String? = nil) async throws -> TestResponse {
                try await client.execute(
                    uri: uri, method: method, headers: app.headers(role, json: body != nil), body: body.map { ByteBuffer(string: $0) })
            }
            let input = """
                {"reference":"FLOW-1","consignee":"Kenya Red Cross Society","destination":"KE","entry_point":"KENBO",
                 "emergency_id":\(app.kenyaEmergencyID),"transport_mode":"air","transport_document":"176 1234 5675",
                 "transport_document_type":"air_waybill","expected_arrival":"2030-01-10","packages":%PACKAGES%,"packages_kind":"pallets",
                 "lines":[{"description":"Family tents","item_code":"SHE-TENT-FAM","hs_code":"630622","quantity":"%QTY%","unit":"piece",
                           "gross_kg":4500,"value":"30000","currency":"USD","origin":"PK"}]}
                """
            func body(quantity: Int, packages: Int = 10, version: Int? = nil) -> String {
                var text = input.replacingOccurrences(of: "%QTY%", with: "\(quantity)").replacingOccurrences(
                    of: "%PACKAGES%", with: "\(packages)")
                if let version { text = "{\"version\":\(version)," + text.dropFirst() }
                return text
            }
            // A bad air waybill check digit is refused where it is wrong.
            let badAWB = try await call(
                .post, "/api/v1/declarations?org=WFP", as: "org_member", body(quantity: 100).replacingOccurrences(of: "5675", with: "5676"))
            #expect(badAWB.status == .unprocessableContent)
            #expect(badAWB.body.text.contains("transport_document") && badAWB.body.text.contains("must be 5"))
            let created = try await call(.post, "/api/v1/declarations?org=WFP", as: "org_member", body(quantity: 100))
            #expect(created.status == .created, "\(created.body.text)")
            let draft = try created.body.json()
            #expect(draft["transport_document"] as? String == "176-12345675", "the number is filed as customs reads it")
            let id = try #require(draft["id"] as? Int)
            func step(_ name: String, _ version: Int, as role: String, message: String? = nil) async throws -> TestResponse {
                let text = message.map { #","message":"\#($0)""# } ?? ""
                return try await call(.post, "/api/v1/declarations/\(id)/steps/\(name)", as: role, #"{"version":\#(version)\#(text)}"#)
            }
            #expect(try await step("lodge", 1, as: "org_member").status == .ok)
            var d = try await step("assign_lane", 2, as: "customs_officer").body.json()
            let lane = try #require(d["lane"] as? String)

            // A change after lodgement is a request: the lodged content stands until customs decides.
            let asked = try await call(.put, "/api/v1/declarations/\(id)", as: "org_member", body(quantity: 999_999, version: 3))
            #expect(asked.status == .ok, "\(asked.body.text)")
            d = try asked.body.json()
            #expect((d["lines"] as? [[String: Any]])?.first?["quantity"] as? String == "100")
            #expect(d["state"] as? String == "lane_assigned")
            let first = try #require((d["amendments"] as? [[String: Any]])?.first)
            #expect(first["status"] as? String == "pending")
            #expect((first["differences"] as? [String])?.contains("line 1 quantity: 100 → 999999") == true)
            let selfDecided = try await call(.post, "/api/v1/declarations/\(id)/amendments/1/accept", as: "org_member", #"{"version":4}"#)
            #expect(selfDecided.status == .forbidden)
            let noReason = try await call(.post, "/api/v1/declarations/\(id)/amendments/1/refuse", as: "customs_officer", #"{"version":4}"#)
            #expect(noReason.status == .unprocessableContent)
            let refused = try await call(
                .post, "/api/v1/declarations/\(id)/amendments/1/refuse", as: "customs_officer",
                #"{"version":4,"reason":"The air waybill shows 100 tents"}"#)
            #expect(refused.status == .ok, "\(refused.body.text)")
            // Asked again, smaller, and accepted: the lines change and selectivity runs again.
            let again = try await call(.put, "/api/v1/declarations/\(id)", as: "org_member", body(quantity: 120, packages: 12, version: 5))
            #expect(again.status == .ok)
            let accepted = try await call(.post, "/api/v1/declarations/\(id)/amendments/2/accept", as: "customs_officer", #"{"version":6}"#)
            #expect(accepted.status == .ok, "\(accepted.body.text)")
            d = try accepted.body.json()
            #expect((d["lines"] as? [[String: Any]])?.first?["quantity"] as? String == "120" && d["packages"] as? Int == 12)
            #expect(d["state"] as? String == "lane_assigned" && d["lane"] as? String == lane)

            #expect(try await call(.post, "/api/v1/declarations/\(id)/arrival", as: "customs_officer").status == .ok)
            // Documents: the packing list is rejected, a new file follows and is accepted.
            func provide(_ document: String, _ content: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/declarations/\(id)/documents/\(document)?file_name=\(document).pdf", method: .post,
                    headers: app.headers("org_member"), body: ByteBuffer(string: content))
            }
            func verdict(_ document: String, _ verdict: String, _ reason: String? = nil) async throws -> TestResponse {
                let text = reason.map { #","reason":"\#($0)""# } ?? ""
                return try await call(
                    .post, "/api/v1/declarations/\(id)/documents/\(document)/verdict", as: "customs_officer",
                    #"{"verdict":"\#(verdict)"\#(text)}"#)
            }
            for document in ["packing_list", "transport_document", "donation_certificate"] {
                #expect(try await provide(document, "%PDF-1.7 \(document)").status == .ok)
            }
            #expect(try await verdict("packing_list", "rejected").status == .unprocessableContent, "a rejection states its reason")
            #expect(try await verdict("packing_list", "rejected", "Not signed by the shipper").status == .ok)
            #expect(try await verdict("transport_document", "accepted").status == .ok)
            #expect(try await verdict("donation_certificate", "waived", "Covered by the emergency's blanket certificate").status == .ok)
            d = try await call(.get, "/api/v1/declarations/\(id)", as: "customs_officer").body.json()
            var version = try #require(d["version"] as? Int)
            let blocked = try await step("release", version, as: "customs_officer")
            #expect(blocked.status == .conflict && blocked.body.text.contains("Packing list"), "\(blocked.body.text)")
            #expect(try await provide("packing_list", "%PDF-1.7 signed packing list").status == .ok)
            #expect(try await verdict("packing_list", "accepted").status == .ok)
            let preview = try await client.execute(
                uri: "/customs/declarations/\(id)/documents/packing_list/file", method: .get, headers: app.headers("customs_officer"))
            #expect(preview.headers[.contentType] == "application/pdf")
            #expect(preview.headers[.contentDisposition]?.hasPrefix("inline") == true)
            #expect(preview.headers[.contentSecurityPolicy] == "default-src 'none'; frame-ancestors 'self'")
            #expect(preview.headers[.xContentTypeOptions] == "nosniff")
            d = try await call(.get, "/api/v1/declarations/\(id)", as: "customs_officer").body.json()
            version = try #require(d["version"] as? Int)
            let released = try await step("release", version, as: "customs_officer")
            #expect(released.status == .ok, "\(released.body.text)")

            // The certificate as an administration issues it.
            let officer = try #require(try await app.store.users.find(email: "customs.ke@corridor.example"))
            let note = try await client.execute(
                uri: "/customs/declarations/\(id)/release-note", method: .get, headers: app.headers("customs_officer"))
            let page = note.body.text
            #expect(note.status == .ok)
            #expect(page.contains("Kenya Revenue Authority, Customs and Border Control"))
            let year = Day.today().year
            #expect(page.contains("KE-\(year)-000001"), "the first certificate of the year in Kenya")
            #expect(page.contains(officer.name) && !page.contains("user:\(officer.id)"), "the officer is named, not an id")
            #expect(page.contains("+03:00 (Africa/Nairobi)"), "local time with its offset")
            #expect(page.contains("Fictitious Disaster Relief Act 2026 (demo)"), "the legal basis per line")
            #expect(page.contains("Official stamp"))
            let trail = try await call(.get, "/api/v1/declarations/\(id)/audit", as: "org_member").body.json()
            #expect(trail["verified"] as? Bool == true)
            let actions = (trail["events"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            #expect(actions.contains("amendment refused") && actions.contains("amendment accepted"))

            // The queue filters: by state, lane, entry point and emergency; bad values are named.
            func references(_ query: String) async throws -> [String] {
                let list = try await call(.get, "/api/v1/declarations?\(query)", as: "customs_officer").body.json()
                return (list["items"] as? [[String: Any]] ?? []).compactMap { $0["reference"] as? String }
            }
            #expect(try await references("state=released&entry_point=KENBO&emergency_id=\(app.kenyaEmergencyID)").contains("FLOW-1"))
            #expect(try await references("state=released&lane=\(lane == "red" ? "green" : "red")").contains("FLOW-1") == false)
            #expect(try await references("state=lodged").contains("FLOW-1") == false)
            let badLane = try await call(.get, "/api/v1/declarations?lane=purple", as: "customs_officer")
            #expect(badLane.status == .unprocessableContent && badLane.body.text.contains("lane"))
            let queue = try await client.execute(
                uri: "/customs/declarations?state=released&entry_point=KENBO", method: .get, headers: app.headers("customs_officer"))
            #expect(queue.status == .ok && queue.body.text.contains("FLOW-1") && queue.body.text.contains("Declarations — KE"))
        }
    }

    @Test func onlyPDFsAndImagesArePreviewedAndAnythingElseDownloads() {
        let html = DocumentUpload(fileName: "x.pdf", contentType: "application/pdf", bytes: Data("<html><script>1</script>".utf8))
        let response = DocumentDownload.preview(html, sha256: "00")
        #expect(response.headers[.contentType] == "application/octet-stream")
        #expect(response.headers[.contentDisposition]?.hasPrefix("attachment") == true)
        #expect(DocumentDownload.previewType(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0])) == "image/png")
        #expect(DocumentDownload.previewType(Data("%PDF-1.4".utf8)) == "application/pdf")
        #expect(DocumentDownload.previewType(Data("<svg/>".utf8)) == nil)
    }
}
