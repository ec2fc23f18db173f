import CorridorCore
@testable import CorridorServer
import CorridorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct PreparednessAPITests {
    @Test func aScenarioDrawsOnEveryTierAndADispatchIsReleasedOnce() async throws {
        try await TestApp.run { app, client in
            let bad = try await client.execute(
                uri: "/api/v1/scenarios", method: .post, headers: app.headers("coordinator", json: true),
                body: ByteBuffer(string: #"{"country":"KE","lat":123,"lon":0,"people":0,"days":30}"#))
            #expect(bad.status == .unprocessableContent)
            let created = try await client.execute(
                uri: "/api/v1/scenarios", method: .post, headers: app.headers("coordinator", json: true),
                body: ByteBuffer(
                    string: #"{"country":"KE","lat":-1.5,"lon":40.0,"people":400000,"days":30,"hazard":"flood","name":"Tana River"}"#))
            #expect(created.status == .created, "\(created.body.text)")
            let report = try created.body.json()
            let needs = try #require((report["result"] as? [String: Any])?["needs"] as? [[String: Any]])
            let sources = needs.flatMap { $0["sources"] as? [[String: Any]] ?? [] }
            #expect(
                Set(sources.compactMap { $0["tier"] as? String }) == ["in_country", "regional", "global"],
                "\(sources.map { $0["site"] ?? "" })")
            #expect(needs.allSatisfy { $0["tonnes"] as? Double != nil && $0["flights"] as? Int != nil && $0["trucks"] as? Int != nil })
            for source in sources {
                let arrival = try #require(source["arrival_days"] as? Double)
                #expect(arrival > 0 && arrival <= 30, "\(source)")
                let parts = ["handling_days", "transport_days", "customs_days"].compactMap { source[$0] as? Double }.reduce(0, +)
                #expect(abs(parts - arrival) < 1e-6)
                // The legs add up to the transport time and end at the affected area.
                let legs = try #require(source["legs"] as? [[String: Any]])
                let legDays = legs.compactMap { $0["days"] as? Double }.reduce(0, +)
                #expect(abs(legDays - (source["transport_days"] as? Double ?? -1)) < 1e-6, "\(legs)")
                #expect(legs.last?["to"] as? String == "affected area")
                if source["tier"] as? String == "in_country" { #expect(source["customs_days"] as? Double == 0) }
            }
            let scenarioID = try #require((report["scenario"] as? [String: Any])?["id"] as? Int)
            let csv = try await client.execute(
                uri: "/api/v1/scenarios/\(scenarioID)?format=hxl", method: .get, headers: app.headers("coordinator"))
            #expect(csv.body.text.split(separator: "\r\n").dropFirst().first?.hasPrefix("#sector+family") == true)

            // WFP dispatches tents from Dubai to Nairobi for this scenario.
            let store = app.store
            let dubai = try #require(try await store.sites.visible(to: .console).first { $0.code == "UNHRD-DXB" })
            let all: [StockLineView] = try await store.stock.lines(StockFilter(), visibleTo: .console, limit: 10_000)
            let candidates = all.filter { (line: StockLineView) -> Bool in line.siteCode == "UNHRD-DXB" && line.status == "available" }
            let line = try #require(candidates.first { (line: StockLineView) -> Bool in line.owner == "WFP" })
            func onHand() async throws -> Quantity {
                try await store.stock.lines(StockFilter(item: line.itemCode), visibleTo: .console, limit: 10_000)
                    .filter { $0.siteCode == "UNHRD-DXB" }.reduce(Quantity.zero) { $0 + $1.quantity }
            }
            let before = try await onHand()
            let body =
                #"{"site_id":\#(dubai.id),"item_code":"\#(line.itemCode)","quantity":"10","entry_point":"KENBO","transport_mode":"air","scenario_id":\#(scenarioID)}"#
            #expect(
                try await client.execute(
                    uri: "/api/v1/dispatches?org=WFP", method: .post, headers: app.headers("customs_officer", json: true),
                    body: ByteBuffer(string: body)
                ).status == .forbidden)
            let dispatched = try await client.execute(
                uri: "/api/v1/dispatches?org=WFP", method: .post, headers: app.headers("org_member", json: true),
                body: ByteBuffer(string: body))
            #expect(dispatched.status == .created, "\(dispatched.body.text)")
            let declaration = try #require(try dispatched.body.json()["declaration"] as? [String: Any])
            let lines = try #require(declaration["lines"] as? [[String: Any]])
            #expect(lines.count == 1 && lines[0]["item_code"] as? String == line.itemCode && lines[0]["origin"] as? String == "AE")
            #expect(declaration["state"] as? String == "draft" && declaration["destination"] as? String == "KE")
            let id = try #require(declaration["id"] as? Int)
            func step(_ name: String, _ version: Int, as role: String) async throws -> [String: Any] {
                try await client.execute(
                    uri: "/api/v1/declarations/\(id)/steps/\(name)", method: .post, headers: app.headers(role, json: true),
                    body: ByteBuffer(string: #"{"version":\#(version)}"#)
                ).body.json()
            }
            // The dispatch's draft is completed by its declarant before lodging.
            var edit: [String: Any] = [
                "version": 1, "reference": declaration["reference"] ?? "", "consignee": "Kenya Red Cross Society", "destination": "KE",
                "entry_point": "KENBO", "transport_mode": "air", "transport_document": "176-12345675",
                "transport_document_type": "air_waybill",
                "expected_arrival": "2030-01-10", "packages": 2, "packages_kind": "bales",
            ]
            edit["emergency_id"] = declaration["emergency_id"]
            edit["lines"] = lines.map { line in
                line.filter {
                    ["description", "item_code", "hs_code", "quantity", "unit", "gross_kg", "value", "currency", "origin"].contains($0.key)
                }
            }
            let completed = try await client.execute(
                uri: "/api/v1/declarations/\(id)", method: .put, headers: app.headers("org_member", json: true),
                body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: edit)))
            #expect(completed.status == .ok, "\(completed.body.text)")
            _ = try await step("lodge", 2, as: "org_member")
            var current = try await step("assign_lane", 3, as: "customs_officer")
            for document in (current["documents"] as? [[String: Any]] ?? []).compactMap({ $0["document"] as? String }) {
                current = try await client.execute(
                    uri: "/api/v1/declarations/\(id)/documents/\(document)?status=waived&reason=simplified%20procedure", method: .post,
                    headers: app.headers("customs_officer")
                ).body.json()
            }
            let version = try #require(current["version"] as? Int)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await client.execute(
                            uri: "/api/v1/declarations/\(id)/steps/release", method: .post,
                            headers: app.headers("customs_officer", json: true),
                            body: ByteBuffer(string: #"{"version":\#(version)}"#)
                        ).status.code
                    }
                }
                var all: [Int] = []
                for try await status in group { all.append(status) }
                return all
            }
            #expect(statuses.filter { $0 == 200 }.count == 1, "\(statuses)")
            #expect(try await onHand() == before - Quantity(units: 10), "the dispatched tents left Dubai exactly once")
            let again = try await client.execute(uri: "/api/v1/scenarios/\(scenarioID)", method: .get, headers: app.headers("coordinator"))
                .body.json()
            #expect((again["dispatches"] as? [[String: Any]])?.first?["state"] as? String == "delivered")
        }
    }

    @Test func theChecklistIsReadByAllAndKeptByTheCountryTeam() async throws {
        try await TestApp.run { app, client in
            let checklist = try await client.execute(uri: "/api/v1/countries/KE/preparedness", method: .get).body.json()
            let actions = try #require(checklist["actions"] as? [[String: Any]])
            let entry = try #require(actions.first { $0["code"] as? String == "APA-SC-2" })
            #expect(entry["auto_status"] as? String == "done" && (entry["auto_evidence"] as? String)?.contains("entry point") == true)
            let patch = #"{"code":"APA-SC-7","status":"done","evidence":"https://example.org/warehouses.xlsx"}"#
            #expect(
                try await client.execute(
                    uri: "/api/v1/countries/KE/preparedness", method: .patch, headers: app.headers("org_member", json: true),
                    body: ByteBuffer(string: patch)
                ).status == .forbidden)
            #expect(
                try await client.execute(
                    uri: "/api/v1/countries/KE/preparedness", method: .patch, headers: app.headers("coordinator_country", json: true),
                    body: ByteBuffer(string: patch)
                ).status == .forbidden, "Nepal's coordinator does not keep Kenya's list")
            let done = try await client.execute(
                uri: "/api/v1/countries/KE/preparedness", method: .patch, headers: app.headers("customs_officer", json: true),
                body: ByteBuffer(string: patch))
            let history = try done.body.json()["history"] as? [String]
            #expect(done.status == .ok && history?.count == 1)
            // Evidence may be a note; only an http(s) address is ever a link.
            let note = try await client.execute(
                uri: "/api/v1/countries/KE/preparedness", method: .patch, headers: app.headers("customs_officer", json: true),
                body: ByteBuffer(string: #"{"code":"APA-SC-7","evidence":"javascript:alert(1)"}"#))
            #expect(note.status == .ok)
            #expect(try note.body.json()["evidence_link"] == nil)
            let page = try await client.execute(uri: "/preparedness?country=KE", method: .get).body.text
            #expect(!page.contains("href=\"javascript:"))
            let profile = try await client.execute(uri: "/api/v1/countries/KE/customs-profile", method: .get).body.json()
            #expect(profile["recorded"] as? Bool == true && profile["measured"] != nil)
        }
    }

    /// A coordinator of Nepal may not see Oxfam's private Garissa store, so a Kenyan scenario run or
    /// opened by that coordinator neither names nor counts it; the global coordinator's does. A saved
    /// scenario is filtered for whoever opens it, in JSON, CSV and on its page.
    @Test func aScenarioNeverShowsAViewerStockItMayNotSee() async throws {
        try await TestApp.run { app, client in
            let body = ByteBuffer(string: #"{"country":"KE","lat":-0.45,"lon":39.65,"people":2000000,"days":30,"name":"Garissa"}"#)
            let global = try await client.execute(
                uri: "/api/v1/scenarios", method: .post, headers: app.headers("coordinator", json: true), body: body)
            #expect(global.status == .created)
            #expect(global.body.text.contains("OXF-KE-GAR"), "the global coordinator sees the private store")
            let nepal = try await client.execute(
                uri: "/api/v1/scenarios", method: .post, headers: app.headers("coordinator_country", json: true),
                body: body)
            #expect(nepal.status == .created)
            #expect(!nepal.body.text.contains("OXF-KE-GAR"))
            let id = try #require((try global.body.json()["scenario"] as? [String: Any])?["id"] as? Int)
            for uri in ["/api/v1/scenarios/\(id)", "/api/v1/scenarios/\(id)?format=csv", "/preparedness/scenarios/\(id)"] {
                let seen = try await client.execute(uri: uri, method: .get, headers: app.headers("coordinator_country")).body.text
                #expect(!seen.contains("OXF-KE-GAR") && !seen.contains("Oxfam Garissa"), "\(uri) as Nepal's coordinator")
                let seenByCustoms = try await client.execute(uri: uri, method: .get, headers: app.headers("customs_officer")).body.text
                #expect(!seenByCustoms.contains("OXF-KE-GAR"), "\(uri) as Kenya's customs")
            }
            #expect(try await client.execute(uri: "/api/v1/scenarios/\(id)", method: .get).status == .unauthorized)
        }
    }
}

@Suite struct InputsThatCannotGoAstrayTests {
    /// A scenario's affected point must lie in its country: Beira is in Mozambique, not Macao.
    @Test func aScenarioIsRefusedWhenItsPointIsNotInItsCountry() async throws {
        try await TestApp.run { app, client in
            func post(_ json: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/scenarios", method: .post, headers: app.headers("coordinator", json: true), body: ByteBuffer(string: json)
                )
            }
            let macao = try await post(#"{"country":"MO","lat":-19.84,"lon":34.84,"people":50000,"days":30,"name":"Beira"}"#)
            #expect(macao.status == .unprocessableContent)
            let problem = try #require((try macao.body.json()["error"] as? [String: Any])?["details"] as? [[String: Any]]).first
            #expect(problem?["field"] as? String == "lat")
            let words = problem?["problem"] as? String ?? ""
            #expect(words.contains("lat -19.84, lon 34.84") && words.contains("Macao") && words.contains("Mozambique (MZ)"), "\(words)")
            let unknown = try await post(#"{"country":"XX","lat":-19.84,"lon":34.84,"people":50000,"days":30}"#)
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.body.text.contains("'XX' is not a known country"), "\(unknown.body.text)")
            let beira = try await post(#"{"country":"MZ","lat":-19.84,"lon":34.84,"people":50000,"days":30,"name":"Beira"}"#)
            #expect(beira.status == .created, "\(beira.body.text)")
            // A few kilometres out to sea off Beira, where ships anchor: still Mozambique.
            let offshore = try await post(#"{"country":"MZ","lat":-19.92,"lon":34.93,"people":1000,"days":30}"#)
            #expect(offshore.status == .created, "\(offshore.body.text)")
        }
    }

    /// The scenario form offers countries by name and reads counts as people type them.
    @Test func theScenarioFormChoosesCountriesByNameAndReadsGroupedCounts() async throws {
        try await TestApp.run { app, client in
            let page = try await client.execute(uri: "/preparedness/scenarios", method: .get, headers: app.headers("coordinator")).body.text
            #expect(page.contains("<select name=\"country\" required>") && page.contains("<option value=\"MZ\">Mozambique</option>"))
            #expect(!page.contains("maxlength=\"2\""))
            for (name, people) in [("Beira comma", "50,000"), ("Beira space", "50\u{00A0}000")] {
                let response = try await app.postForm(
                    client, "/preparedness/scenarios", as: "coordinator",
                    ["country": "MZ", "lat": "-19.84", "lon": "34.84", "people": people, "days": "30", "name": name])
                #expect(response.status == .seeOther, "\(response.body.text.prefix(400))")
            }
            let saved = try await app.store.gaps.scenarios()
            #expect(saved.filter { $0.name.hasPrefix("Beira") }.map(\.scenario.people) == [50_000, 50_000])
            let refused = try await app.postForm(
                client, "/preparedness/scenarios", as: "coordinator",
                ["country": "MO", "lat": "-19.84", "lon": "34.84", "people": "2.5", "days": "30"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.text.contains("is not a whole number"), "\(refused.body.text.prefix(600))")
            #expect(refused.body.text.contains("<option value=\"MO\" selected>Macao</option>"), "the form keeps the chosen country")
        }
    }

    /// A checked action's status is the data's; overriding needs a reason, and progress counts
    /// the one status shown.
    @Test func aCheckedActionFollowsTheDataUnlessOverriddenWithAReason() async throws {
        try await TestApp.run { app, client in
            func action(_ code: String) async throws -> [String: Any] {
                let checklist = try await client.execute(uri: "/api/v1/countries/KE/preparedness", method: .get).body.json()
                return try #require((checklist["actions"] as? [[String: Any]])?.first { $0["code"] as? String == code })
            }
            func patch(_ json: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v1/countries/KE/preparedness", method: .patch, headers: app.headers("customs_officer", json: true),
                    body: ByteBuffer(string: json))
            }
            #expect(try await action("APA-SC-2")["status"] as? String == "done", "Kenya has entry points with coordinates")
            let unexplained = try await patch(#"{"code":"APA-SC-2","status":"not_started"}"#)
            #expect(unexplained.status == .unprocessableContent)
            #expect(unexplained.body.text.contains("override_reason"))
            #expect(try await action("APA-SC-2")["status"] as? String == "done")
            let overridden = try await patch(
                #"{"code":"APA-SC-2","status":"in_progress","override_reason":"the road network is not mapped yet"}"#)
            #expect(overridden.status == .ok, "\(overridden.body.text)")
            let now = try await action("APA-SC-2")
            #expect(now["status"] as? String == "in_progress" && now["auto_status"] as? String == "done")
            #expect(now["override_reason"] as? String == "the road network is not mapped yet")
            let progress = try #require(
                (try await client.execute(uri: "/api/v1/countries/KE/preparedness", method: .get).body.json()["progress"]
                    as? [[String: Any]])?
                    .first { $0["category"] as? String == "Supply chain and logistics" })
            let doneOnPage =
                try await client.execute(uri: "/api/v1/countries/KE/preparedness", method: .get).body.json()["actions"]
                as? [[String: Any]]
            let supplyDone = doneOnPage?.filter {
                $0["category"] as? String == "Supply chain and logistics" && $0["status"] as? String == "done"
            }.count
            #expect(progress["done"] as? Int == supplyDone, "progress counts the status shown, nothing else")
            let back = try await patch(#"{"code":"APA-SC-2","status":"done"}"#)
            #expect(back.status == .ok)
            let followed = try await action("APA-SC-2")
            #expect(followed["override_reason"] == nil && followed["status"] as? String == "done")
            #expect((followed["history"] as? [String])?.last?.contains("follows the data") == true, "\(followed["history"] ?? "")")
        }
    }
}

@Suite struct ScenarioDispatchPageTests {
    /// A member is offered to dispatch only its own organisation's stock, with the quantity, the
    /// consignee and the mode to fill in.
    @Test func dispatchIsOfferedOnlyOnTheMembersOwnStock() async throws {
        try await TestApp.run { app, client in
            let created = try await client.execute(
                uri: "/api/v1/scenarios", method: .post, headers: app.headers("coordinator", json: true),
                body: ByteBuffer(string: #"{"country":"KE","lat":-1.5,"lon":40.0,"people":400000,"days":30,"name":"Tana River"}"#))
            let id = try #require((try created.body.json()["scenario"] as? [String: Any])?["id"] as? Int)
            let sources = try #require(((try created.body.json()["result"] as? [String: Any])?["needs"] as? [[String: Any]]))
                .flatMap { $0["sources"] as? [[String: Any]] ?? [] }
            #expect(Set(sources.compactMap { $0["owner"] as? String }).count > 1, "the scenario draws on several organisations' stock")
            let page = try await client.execute(uri: "/preparedness/scenarios/\(id)", method: .get, headers: app.headers("org_member")).body
                .text
            let offered = page.components(separatedBy: "name=\"org\" value=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            #expect(!offered.isEmpty && offered.allSatisfy { $0 == "WFP" }, "\(Set(offered))")
            #expect(page.contains("name=\"consignee\" required"))
        }
    }

    /// The route figures travel through the API as they are stored: a country's road speed and a
    /// figure's named source come back unchanged, and a wrong one is refused by name.
    @Test func routeFiguresAreEditedThroughTheAPIWithTheirSources() async throws {
        try await TestApp.run { app, client in
            let current = try await client.execute(uri: "/api/v1/planning-figures", method: .get)
            var figures = try current.body.json()
            var routes = try #require(figures["routes"] as? [String: Any])
            #expect(
                routes["air_arrange_days"] as? Double == 2 && (routes["freighter"] as? [String: Any])?["payload_tonnes"] as? Double == 40)
            routes["road_km_per_day_by_country"] = [["country": "HT", "km_per_day": 180]]
            routes["sources"] = [["figure": "air_arrange_days", "source": "Demo: the agency's aviation desk"]]
            figures["routes"] = routes
            let body = ByteBuffer(string: String(decoding: try JSONSerialization.data(withJSONObject: figures), as: UTF8.self))
            let saved = try await client.execute(
                uri: "/api/v1/planning-figures", method: .put, headers: app.headers("admin", json: true), body: body)
            #expect(saved.status == .ok, "\(saved.body.text)")
            let again = try #require(
                try await client.execute(uri: "/api/v1/planning-figures", method: .get).body.json()["routes"] as? [String: Any])
            #expect((again["road_km_per_day_by_country"] as? [[String: Any]])?.first?["country"] as? String == "HT")
            #expect((again["sources"] as? [[String: Any]])?.first?["figure"] as? String == "air_arrange_days")

            routes["sea_km_per_day"] = 0
            figures["routes"] = routes
            let refused = try await client.execute(
                uri: "/api/v1/planning-figures", method: .put, headers: app.headers("admin", json: true),
                body: ByteBuffer(string: String(decoding: try JSONSerialization.data(withJSONObject: figures), as: UTF8.self)))
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.text.contains("sea_km_per_day"))
        }
    }
}
