import CorridorCore
@testable import CorridorServer
import CorridorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Customs rules that depend on the catalogue's customs facts, over HTTP.
@Suite struct CustomsRulesAPITests {
    static func declaration(_ reference: String, emergency: Int64, line: String) -> String {
        """
        {"reference":"\(reference)","consignee":"Kenya Red Cross","destination":"KE","entry_point":"KEMBA","emergency_id":\(emergency),
         "transport_mode":"sea","transport_document":"MSCU7654321","transport_document_type":"bill_of_lading",
         "expected_arrival":"2030-01-10","packages":20,"packages_kind":"pallets","lines":[\(line)]}
        """
    }

    static func draft(_ body: String, _ app: TestApp, _ client: any TestClientProtocol) async throws -> [String: Any] {
        let created = try await client.execute(
            uri: "/api/v1/declarations?org=WFP", method: .post, headers: app.headers("org_member", json: true),
            body: ByteBuffer(string: body))
        #expect(created.status == .created, "\(created.body.text)")
        return try created.body.json()
    }

    static func step(_ id: Int, _ name: String, _ version: Int, as role: String, _ app: TestApp, _ client: any TestClientProtocol)
        async throws -> [String: Any]
    {
        let response = try await client.execute(
            uri: "/api/v1/declarations/\(id)/steps/\(name)", method: .post, headers: app.headers(role, json: true),
            body: ByteBuffer(string: #"{"version":\#(version)}"#))
        #expect(response.status == .ok, "\(name): \(response.body.text)")
        return try response.body.json()
    }

    /// Kenya's emergency asks for heading 6306 (tents and tarpaulins). Tarpaulins declared 3926.90
    /// from the catalogue answer it through their alternative code 6306.12: no "not on the needs
    /// list" reason on the lane or the certificate. The same code without the catalogue item is
    /// unrequested.
    @Test func tarpaulinsDeclared392690AnswerANeedsListAsking6306() async throws {
        try await TestApp.run { app, client in
            let needsReason = "goods not on the government's needs list"
            let tarpaulins = #"""
                {"description":"Tarpaulins 4 x 6 m","item_code":"SHE-TARP-4X6","hs_code":"3926.90","quantity":"1000","unit":"piece",
                 "gross_kg":5500,"value":"9000","currency":"USD","origin":"CN"}
                """#
            let draft = try await Self.draft(Self.declaration("TARP-1", emergency: app.kenyaEmergencyID, line: tarpaulins), app, client)
            let id = try #require(draft["id"] as? Int)
            let line = try #require((draft["lines"] as? [[String: Any]])?.first)
            #expect(line["alternative_hs_codes"] as? [String] == ["630612"])
            _ = try await Self.step(id, "lodge", 1, as: "org_member", app, client)
            let laned = try await Self.step(id, "assign_lane", 2, as: "customs_officer", app, client)
            let reasons = try #require(laned["lane_reasons"] as? [String])
            #expect(!reasons.contains(needsReason), "\(reasons)")
            #expect(laned["lane"] as? String == "green", "\(reasons)")
            #expect(laned["needs_priority"] as? Int == 1, "urgent on Kenya's list")
            for document in ["packing_list", "transport_document", "donation_certificate"] {
                let provided = try await client.execute(
                    uri: "/api/v1/declarations/\(id)/documents/\(document)?file_name=\(document).pdf",
                    method: .post, headers: app.headers("org_member"), body: ByteBuffer(string: "%PDF-1.7 \(document)"))
                #expect(provided.status == .ok, "\(document)")
            }
            let arrived = try await client.execute(
                uri: "/api/v1/declarations/\(id)/arrival", method: .post, headers: app.headers("customs_officer"))
            #expect(arrived.status == .ok)
            _ = try await Self.step(id, "release", 7, as: "customs_officer", app, client)
            let note = try await client.execute(
                uri: "/customs/declarations/\(id)/release-note", method: .get, headers: app.headers("customs_officer"))
            #expect(note.status == .ok)
            #expect(!note.body.text.contains("needs list"), "the certificate does not call requested goods unrequested")

            let bare = tarpaulins.replacingOccurrences(of: #""item_code":"SHE-TARP-4X6","#, with: "")
            let other = try await Self.draft(Self.declaration("TARP-2", emergency: app.kenyaEmergencyID, line: bare), app, client)
            let otherID = try #require(other["id"] as? Int)
            _ = try await Self.step(otherID, "lodge", 1, as: "org_member", app, client)
            let unrequested = try await Self.step(otherID, "assign_lane", 2, as: "customs_officer", app, client)
            #expect((unrequested["lane_reasons"] as? [String])?.contains(needsReason) == true, "\(unrequested)")
        }
    }

    /// Calcium hypochlorite carries UN 2880 in the catalogue: dangerous goods, with the shipper's
    /// declaration on its checklist, named on the declaration page.
    @Test func dangerousGoodsAreRecognisedByTheCataloguesUNNumber() async throws {
        try await TestApp.run { app, client in
            let chlorine = #"""
                {"description":"HTH granules","item_code":"WSH-HTH-70","hs_code":"2828.10","quantity":"450","unit":"kg",
                 "gross_kg":495,"value":"1400","currency":"USD","origin":"ZA"}
                """#
            let draft = try await Self.draft(Self.declaration("HTH-1", emergency: app.kenyaEmergencyID, line: chlorine), app, client)
            let id = try #require(draft["id"] as? Int)
            let documents = try #require(draft["documents"] as? [[String: Any]]).compactMap { $0["document"] as? String }
            #expect(documents.contains("dangerous_goods_declaration"), "\(documents)")
            #expect((draft["lines"] as? [[String: Any]])?.first?["un_number"] as? String == "UN2880")
            let page = try await client.execute(
                uri: "/customs/declarations/\(id)", method: .get, headers: app.headers("org_member"))
            #expect(page.status == .ok)
            #expect(page.body.text.contains("Special cargo: <strong>dangerous goods</strong>"))
            #expect(page.body.text.contains("UN 2880"))
            #expect(
                page.body.text.contains("Shipper&#39;s declaration for dangerous goods") || page.body.text.contains("Shipper's declaration")
            )
            _ = try await Self.step(id, "lodge", 1, as: "org_member", app, client)
            let laned = try await Self.step(id, "assign_lane", 2, as: "customs_officer", app, client)
            #expect(laned["lane"] as? String == "yellow", "special cargo goes to a documentary check")
            #expect((laned["lane_reasons"] as? [String])?.contains("special cargo needs its documents checked") == true)
        }
    }

    /// The WCO export names units by UN/ECE Rec. 20 and documents by UN/EDIFACT 1001, and leaves
    /// out a code it does not have (cartons are packages; a donation certificate has no 1001 code).
    @Test func theWCOExportUsesRecommendation20AndEDIFACT1001Codes() async throws {
        try await TestApp.run { app, client in
            let lines = #"""
                {"description":"HTH granules","item_code":"WSH-HTH-70","hs_code":"2828.10","quantity":"450","unit":"kg",
                 "gross_kg":495,"value":"1400","currency":"USD","origin":"ZA"},
                {"description":"Tarpaulins","item_code":"SHE-TARP-4X6","hs_code":"3926.90","quantity":"100","unit":"piece",
                 "gross_kg":550,"value":"900","currency":"USD","origin":"CN"},
                {"description":"High-energy biscuits","item_code":"FOO-HEB","hs_code":"1905.31","quantity":"20","unit":"carton",
                 "gross_kg":216,"value":"700","currency":"USD","origin":"IN"}
                """#
            let draft = try await Self.draft(Self.declaration("WCO-1", emergency: app.kenyaEmergencyID, line: lines), app, client)
            let id = try #require(draft["id"] as? Int)
            let wco = try await client.execute(
                uri: "/api/v1/declarations/\(id)?format=wco", method: .get, headers: app.headers("org_member")
            ).body.json()
            let declaration = try #require(wco["Declaration"] as? [String: Any])
            let shipment = try #require(declaration["GoodsShipment"] as? [String: Any])
            let items = try #require(shipment["GovernmentAgencyGoodsItem"] as? [[String: Any]])
            let quantities = items.map { ($0["GoodsMeasure"] as? [String: Any])?["TariffQuantity"] as? [String: Any] }
            #expect(quantities.map { $0?["unitCode"] as? String } == ["KGM", "H87", nil])
            #expect(quantities[2]?["value"] as? String == "20", "the quantity stays, without a unit code")
            #expect(
                items.allSatisfy {
                    (($0["GoodsMeasure"] as? [String: Any])?["GrossMassMeasure"] as? [String: Any])?["unitCode"] as? String == "KGM"
                })
            let documents = try #require(declaration["AdditionalDocument"] as? [[String: Any]])
            func typeCode(_ name: String) -> String? {
                documents.first { ($0["Name"] as? String)?.hasPrefix(name) == true }?["TypeCode"] as? String
            }
            #expect(typeCode("Packing list") == "271")
            #expect(typeCode("Transport document") == "705", "sea: bill of lading")
            #expect(typeCode("Shipper's declaration for dangerous goods") == "890")
            #expect(documents.contains { ($0["Name"] as? String)?.hasPrefix("Donation") == true && $0["TypeCode"] == nil })
            let consignment = try #require(shipment["Consignment"] as? [String: Any])
            #expect((consignment["TransportContractDocument"] as? [String: Any])?["TypeCode"] as? String == "705")
        }
    }

    /// Birgunj is NPBRG; Namanga has no UN/LOCODE, so it carries none and an internal code, by
    /// which declarations name it; the WCO export names it instead of inventing a LOCODE.
    @Test func entryPointsWithoutALOCODECarryNone() async throws {
        try await TestApp.run { app, client in
            let nepal = try await client.execute(uri: "/api/v1/entry-points?country=NP", method: .get).body.json()
            let birgunj = try #require(
                (nepal["items"] as? [[String: Any]])?.first { ($0["name"] as? String)?.hasPrefix("Birgunj") == true })
            #expect(birgunj["code"] as? String == "NPBRG" && birgunj["locode"] as? String == "NPBRG")
            let kenya = try await client.execute(uri: "/api/v1/entry-points?country=KE", method: .get).body.json()
            let namanga = try #require(
                (kenya["items"] as? [[String: Any]])?.first { ($0["name"] as? String)?.hasPrefix("Namanga") == true })
            #expect(namanga["code"] as? String == "KE-NAMANGA")
            #expect(namanga["locode"] == nil || namanga["locode"] is NSNull, "no invented LOCODE")
            let line = #"""
                {"description":"Blankets","item_code":"NFI-BLKT-HT","hs_code":"6301.40","quantity":"500","unit":"piece",
                 "gross_kg":750,"value":"4000","currency":"USD","origin":"TZ"}
                """#
            let body = Self.declaration("NAM-1", emergency: app.kenyaEmergencyID, line: line)
                .replacingOccurrences(of: #""entry_point":"KEMBA""#, with: #""entry_point":"ke-namanga""#)
                .replacingOccurrences(of: #""transport_mode":"sea""#, with: #""transport_mode":"road""#)
            let draft = try await Self.draft(body, app, client)
            #expect(draft["entry_point"] as? String == "KE-NAMANGA")
            #expect(draft["entry_point_locode"] is NSNull || draft["entry_point_locode"] == nil)
            let id = try #require(draft["id"] as? Int)
            let wco = try await client.execute(
                uri: "/api/v1/declarations/\(id)?format=wco", method: .get, headers: app.headers("org_member")
            ).body.json()
            let location = try #require((wco["Declaration"] as? [String: Any])?["GoodsLocation"] as? [String: Any])
            #expect(location["ID"] == nil && location["Name"] as? String == "KE-NAMANGA", "\(location)")
            let page = try await client.execute(uri: "/customs?country=KE", method: .get, headers: app.headers("customs_officer")).body.text
            #expect(page.contains("KE-NAMANGA <span class=\"badge\""), "the customs page says it has no UN/LOCODE")
        }
    }
}
