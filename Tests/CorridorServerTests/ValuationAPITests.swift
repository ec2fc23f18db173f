import CorridorCore
@testable import CorridorServer
import CorridorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Exchange rates kept by customs, recorded at lodgement, and the customs value (CIF) in the
/// national currency on the certificate.
@Suite struct ValuationAPITests {
    static func lodge(_ id: Int, _ app: TestApp, _ client: any TestClientProtocol) async throws -> TestResponse {
        try await client.execute(
            uri: "/api/v1/declarations/\(id)/steps/lodge", method: .post, headers: app.headers("org_member", json: true),
            body: ByteBuffer(string: #"{"version":1}"#))
    }

    @Test func lodgementRecordsTheRateInForceAndIsRefusedWithoutOne() async throws {
        try await TestApp.run { app, client in
            let line = #"""
                {"description":"Family tents","item_code":"SHE-TENT-FAM","hs_code":"6306.22","quantity":"100","unit":"piece",
                 "gross_kg":8500,"value":"40000","currency":"CHF","origin":"PK"}
                """#
            let draft = try await CustomsRulesAPITests.draft(
                CustomsRulesAPITests.declaration("CHF-1", emergency: app.kenyaEmergencyID, line: line), app, client)
            let id = try #require(draft["id"] as? Int)
            let refused = try await Self.lodge(id, app, client)
            #expect(refused.status == .conflict)
            #expect(refused.body.text.contains("no exchange rate for CHF"), "\(refused.body.text)")
            #expect(refused.body.text.contains("assessed in KES"))

            let coordinator = try await client.execute(
                uri: "/api/v1/countries/KE/exchange-rates", method: .post, headers: app.headers("coordinator", json: true),
                body: ByteBuffer(string: #"{"currency":"CHF","date":"2026-01-01","rate":"160.125"}"#))
            #expect(coordinator.status == .forbidden, "only Kenya's customs keeps its rates")
            let bad = try await client.execute(
                uri: "/api/v1/countries/KE/exchange-rates", method: .post, headers: app.headers("customs_officer", json: true),
                body: ByteBuffer(string: #"{"currency":"KES","date":"2026-02-30","rate":"-2"}"#))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.text.contains("national currency") && bad.body.text.contains("date") && bad.body.text.contains("rate"))
            let entered = try await client.execute(
                uri: "/api/v1/countries/KE/exchange-rates", method: .post, headers: app.headers("customs_officer", json: true),
                body: ByteBuffer(string: #"{"currency":"chf","date":"2026-01-01","rate":160.125}"#))
            #expect(entered.status == .created, "\(entered.body.text)")
            let table = try await client.execute(
                uri: "/api/v1/countries/KE/exchange-rates", method: .get, headers: app.headers("org_member"))
            let json = try table.body.json()
            #expect(json["national_currency"] as? String == "KES")
            #expect(
                (json["rates"] as? [[String: Any]])?.contains { $0["currency"] as? String == "CHF" && $0["rate"] as? String == "160.125" }
                    == true)

            let lodged = try await Self.lodge(id, app, client)
            #expect(lodged.status == .ok, "\(lodged.body.text)")
            let declaration = try lodged.body.json()
            #expect(declaration["national_currency"] as? String == "KES")
            let recorded = try #require(declaration["exchange_rates"] as? [[String: Any]])
            #expect(recorded.compactMap { $0["currency"] as? String } == ["CHF", "USD"], "the dollar too, for the value per kg")
            #expect(recorded.first?["rate_micro"] as? Int == 160_125_000)
        }
    }

    /// 400,000 EUR for 100 tents of 8,500 kg: 433,204.63 USD at the recorded rates, 50.97 USD/kg
    /// against the catalogue's 450 / 85 = 5.29: over five times, so the value-per-kg rule applies
    /// (it used to skip every line not in dollars).
    @Test func valuePerKgComparesLinesInOtherCurrenciesInDollars() async throws {
        try await TestApp.run { app, client in
            let line = #"""
                {"description":"Family tents","item_code":"SHE-TENT-FAM","hs_code":"6306.22","quantity":"100","unit":"piece",
                 "gross_kg":8500,"value":"400000","currency":"EUR","origin":"PK"}
                """#
            let draft = try await CustomsRulesAPITests.draft(
                CustomsRulesAPITests.declaration("EUR-1", emergency: app.kenyaEmergencyID, line: line), app, client)
            let id = try #require(draft["id"] as? Int)
            _ = try await CustomsRulesAPITests.step(id, "lodge", 1, as: "org_member", app, client)
            let laned = try await CustomsRulesAPITests.step(id, "assign_lane", 2, as: "customs_officer", app, client)
            #expect(
                (laned["lane_reasons"] as? [String])?.contains("declared value per kg far from the catalogue's") == true, "\(laned)")
        }
    }

    /// Undeclared freight and insurance are assumed, and the certificate says so; duties are in KES.
    @Test func theCertificateShowsTheCustomsValueInTheNationalCurrency() async throws {
        try await TestApp.run { app, client in
            let line = #"""
                {"description":"Family tents","item_code":"SHE-TENT-FAM","hs_code":"6306.22","quantity":"100","unit":"piece",
                 "gross_kg":8500,"value":"30000","currency":"USD","origin":"PK"}
                """#
            let draft = try await CustomsRulesAPITests.draft(
                CustomsRulesAPITests.declaration("CIF-1", emergency: app.kenyaEmergencyID, line: line), app, client)
            let id = try #require(draft["id"] as? Int)
            _ = try await CustomsRulesAPITests.step(id, "lodge", 1, as: "org_member", app, client)
            _ = try await CustomsRulesAPITests.step(id, "assign_lane", 2, as: "customs_officer", app, client)
            for document in ["packing_list", "transport_document", "donation_certificate"] {
                _ = try await client.execute(
                    uri: "/api/v1/declarations/\(id)/documents/\(document)?file_name=\(document).pdf",
                    method: .post, headers: app.headers("org_member"), body: ByteBuffer(string: "%PDF-1.7 \(document)"))
            }
            _ = try await client.execute(uri: "/api/v1/declarations/\(id)/arrival", method: .post, headers: app.headers("customs_officer"))
            _ = try await CustomsRulesAPITests.step(id, "release", 7, as: "customs_officer", app, client)
            let note = try await client.execute(
                uri: "/customs/declarations/\(id)/release-note", method: .get, headers: app.headers("customs_officer")
            ).body.text
            // 30,000 × 129.5 (the demo's fictitious rate) = 3,885,000 KES; freight 20 % = 777,000;
            // insurance 1.125 % = 43,706.25; CIF 4,705,706.25.
            #expect(note.contains("Customs value (CIF, KES)"))
            #expect(note.contains("3,885,000.00") && note.contains("777,000.00") && note.contains("43,706.25"))
            #expect(note.contains("4,705,706.25"))
            #expect(note.contains("1 USD = 129.5 KES"))
            #expect(note.contains("planning assumption: freight 20 % and insurance 1.125 %"))
            #expect(note.contains("<td>KES</td>"), "duties assessed in shillings")
        }
    }

    @Test func customsKeepRatesOnTheirPage() async throws {
        try await TestApp.run { app, client in
            let page = try await client.execute(
                uri: "/customs/exchange-rates?country=KE", method: .get, headers: app.headers("customs_officer"))
            #expect(page.status == .ok)
            #expect(page.body.text.contains("assessed in <strong>KES</strong>"))
            #expect(page.body.text.contains("129.5"))
            let other = try await client.execute(
                uri: "/customs/exchange-rates?country=NP", method: .get, headers: app.headers("customs_officer"))
            #expect(other.status == .forbidden)
        }
    }
}
