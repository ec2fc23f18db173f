import CorridorCore
@testable import CorridorServer
import CorridorFormats
import CorridorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The map's clusters and paged table, and the streamed exports, over HTTP on the demo.
@Suite struct MapAndExportsHTTPTests {
    static func clusters(_ client: any TestClientProtocol, _ query: String, headers: HTTPFields = [:]) async throws -> [String: Any] {
        let response = try await client.execute(uri: "/api/v1/map/clusters?\(query)", method: .get, headers: headers)
        #expect(response.status == .ok, "\(query): \(response.body.text)")
        return try response.body.json()
    }

    @Test func clustersCountTheSitesEachViewerMaySeeAndNoMore() async throws {
        try await TestApp.run { app, client in
            let everyone = try await app.store.sites.visible(to: .anonymous)
            let coordinator = try await app.store.sites.visible(to: .console)
            #expect(coordinator.count > everyone.count, "the demo has private sites")
            for (headers, expected) in [(HTTPFields(), everyone.count), (app.headers("coordinator"), coordinator.count)] {
                for zoom in 0...5 {
                    let answer = try await Self.clusters(client, "zoom=\(zoom)", headers: headers)
                    let clusters = try #require(answer["clusters"] as? [[String: Any]])
                    #expect(answer["sites"] as? Int == expected)
                    #expect(clusters.reduce(0) { $0 + ($1["sites"] as? Int ?? 0) } == expected, "zoom \(zoom): counts add up")
                }
            }
            let world = try await Self.clusters(client, "zoom=0")
            let names = (world["clusters"] as? [[String: Any]] ?? []).compactMap { ($0["site"] as? [String: Any])?["name"] as? String }
            #expect(!names.isEmpty && !names.contains("Oxfam Garissa"), "a private site is neither drawn nor counted")
            // Kenya at zoom 3: only clusters within reach of the view.
            let kenya = try await Self.clusters(client, "zoom=3&bbox=33,-5,42,5")
            for cluster in kenya["clusters"] as? [[String: Any]] ?? [] {
                let lon = cluster["lon"] as? Double ?? 0, lat = cluster["lat"] as? Double ?? 0
                #expect((33 - 1)...(42 + 1) ~= lon && (-5 - 1)...(5 + 1) ~= lat, "\(cluster)")
            }
            let hubs = try await Self.clusters(client, "tier=global_hub&org=WFP")
            #expect(hubs["sites"] as? Int == 6, "the six UNHRD hubs")
            for query in ["zoom=6", "zoom=x", "bbox=1,2,3", "bbox=40,0,30,10", "tier=castle"] {
                let refused = try await client.execute(uri: "/api/v1/map/clusters?\(query)", method: .get)
                #expect(refused.status == .unprocessableContent, "\(query)")
            }
        }
    }

    /// The sites list narrows to a country and comes a hundred to a page; a country's page lists
    /// its largest sites and links to the rest.
    @Test func theSitesListNarrowsToACountryAndPagesAndTheCountryPageLinksToIt() async throws {
        try await TestApp.run { app, client in
            for index in 1...110 {
                _ = try await app.store.sites.create(
                    SiteInput(
                        code: "LS\(index)", name: "Listed store \(index)", country: "KE", lat: -1.2, lon: 36.8 + Double(index) / 1000),
                    org: "WFP", by: .console)
            }
            let kenya = try await app.store.sites.visible(to: .anonymous).filter { $0.country == "KE" }
            #expect(kenya.count > 110)
            let first = try await client.execute(uri: "/sites?country=KE", method: .get).body.text
            #expect(first.contains("Sites 1–100 of \(kenya.count)") && first.contains("href=\"/sites?country=KE&amp;page=2\" rel=\"next\""))
            #expect(first.contains("<option value=\"KE\" selected>"))
            let second = try await client.execute(uri: "/sites?country=KE&page=2", method: .get).body.text
            #expect(second.contains("Sites 101–\(kenya.count) of \(kenya.count)") && second.contains("rel=\"prev\""))
            var listed: [String] = []
            for html in [first, second] {
                for row in html.components(separatedBy: "<tbody>")[1].components(separatedBy: "</tbody>")[0].components(separatedBy: "<tr>")
                    .dropFirst()
                {
                    listed.append(row.components(separatedBy: "<td>")[4].components(separatedBy: "</td>")[0])
                }
            }
            #expect(listed.count == kenya.count && listed.allSatisfy { $0 == "KE" }, "every Kenyan site the visitor may see, once")
            #expect(!first.contains("Oxfam Garissa"), "a private site stays out of the list")

            let country = try await client.execute(uri: "/countries/KE", method: .get).body.text
            #expect(country.contains("<a href=\"/sites?country=KE\">All \(kenya.count) sites in Kenya</a>"))
            let table = country.components(separatedBy: "<h2>Sites in Kenya</h2>")[1].components(separatedBy: "</table>")[0]
            #expect(table.components(separatedBy: "<tr><td><a href=\"/sites/").count - 1 == 25)

            // A member's home lists twenty of their sites, never reported first, and links to them all.
            let wfp = try await app.store.sites.visible(to: .console).filter { $0.orgCode == "WFP" }
            let home = try await client.execute(uri: "/", method: .get, headers: app.headers("org_member")).body.text
            let yours = home.components(separatedBy: "Your sites (WFP)")[1].components(separatedBy: "</table>")[0]
            #expect(yours.components(separatedBy: "<tr><td><a href=\"/sites/").count - 1 == 20)
            #expect(yours.contains("no report yet") && yours.contains("Listed store"))
            #expect(home.contains("<a href=\"/sites?org=WFP\">All \(wfp.count) sites</a>"))
            // Their stale reports: the first twenty of their own, as the alerts list them.
            let alerts = try #require(
                try await client.execute(uri: "/api/v1/stock/alerts?kind=stale_report", method: .get, headers: app.headers("org_member"))
                    .body.json()["items"] as? [[String: Any]])
            let ownStale = alerts.filter { $0["org"] as? String == "WFP" }.compactMap { $0["site_id"] as? Int }
            let staleListed = home.components(separatedBy: "<ul>")[1].components(separatedBy: "</ul>")[0]
                .components(separatedBy: "<li><a href=\"/sites/").dropFirst().compactMap { Int($0.prefix { $0.isNumber }) }
            #expect(!ownStale.isEmpty && staleListed == Array(ownStale.prefix(20)), "\(staleListed) \(ownStale)")
            #expect(home.contains("/stock/alerts?kind=stale_report") == (ownStale.count > 20))
            // In the reader's language, on the home and the alerts page alike.
            var french = app.headers("org_member")
            french[.acceptLanguage] = "fr"
            for uri in ["/", "/stock/alerts?kind=stale_report"] {
                let page = try await client.execute(uri: uri, method: .get, headers: french).body.text
                #expect(
                    page.range(of: #"dernier état des stocks le \d{2}/\d{2}/\d{4}"#, options: .regularExpression) != nil
                        && !page.contains("last stock report"), "\(uri)")
            }
            // The declarations' states too.
            let states = { (page: String) in
                page.components(separatedBy: "/customs/declarations/").dropFirst().compactMap {
                    $0.components(separatedBy: "<td>").dropFirst(2).first?.components(separatedBy: "</td>").first
                }
            }
            let frenchHome = try await client.execute(uri: "/", method: .get, headers: french).body.text
            let english = states(home), inFrench = states(frenchHome)
            #expect(
                !english.isEmpty && english.count == inFrench.count && Set(english).isDisjoint(with: inFrench), "\(english) \(inFrench)")
            let ofWFP = try await client.execute(uri: "/sites?org=wfp", method: .get, headers: app.headers("org_member")).body.text
            #expect(ofWFP.contains("Sites 1–100 of \(wfp.count)") && ofWFP.contains("value=\"wfp\""))
            let orgs = ofWFP.components(separatedBy: "<tbody>")[1].components(separatedBy: "</tbody>")[0].components(separatedBy: "<tr>")
                .dropFirst().map { $0.components(separatedBy: "<td>")[3].components(separatedBy: "</td>")[0] }
            #expect(orgs.count == 100 && orgs.allSatisfy { $0 == "WFP" })

            let api = try #require(
                try await client.execute(uri: "/api/v1/sites?country=ke", method: .get).body.json()["items"] as? [[String: Any]])
            #expect(api.count == kenya.count && api.allSatisfy { $0["country"] as? String == "KE" })
            #expect(try await client.execute(uri: "/api/v1/sites?country=Kenya", method: .get).status == .unprocessableContent)
        }
    }

    @Test func theMapPageDrawsClustersAndPagesItsTable() async throws {
        try await TestApp.run { app, client in
            for index in 1...60 {
                _ = try await app.store.sites.create(
                    SiteInput(code: "PG\(index)", name: "Paged store \(index)", country: "KE", lat: -1.5 + Double(index) / 100, lon: 37.5),
                    org: "WFP", by: .console)
            }
            let visible = try await app.store.sites.visible(to: .anonymous)
            let first = try await client.execute(uri: "/map", method: .get).body.text
            #expect(first.contains("Sites 1–50 of \(visible.count)") && first.contains("href=\"/map?page=2#sites\""))
            #expect(first.components(separatedBy: "<tr data-tier=").count - 1 == 50)
            #expect(first.contains("class=\"cluster\""), "sixty stores near Nairobi make one cluster at the world's zoom")
            #expect(!first.contains("Oxfam Garissa"))
            var ids: [Int64] = []
            var page = 1
            while true {
                let html = try await client.execute(uri: "/map?page=\(page)", method: .get).body.text
                for row in html.components(separatedBy: "<tr data-tier=").dropFirst() {
                    let link = row.components(separatedBy: "href=\"/sites/").dropFirst().first ?? ""
                    ids.append(Int64(link.prefix { $0 != "\"" }) ?? -1)
                }
                guard html.contains("href=\"/map?page=\(page + 1)#sites\"") else { break }
                page += 1
            }
            #expect(page == (visible.count + 49) / 50)
            #expect(ids.sorted() == visible.map(\.id).sorted(), "the pages hold every site the viewer may see, once")
            // A cluster's link opens a closer view of the map, filters kept.
            let filtered = try await client.execute(uri: "/map?org=WFP", method: .get).body.text
            let link = try #require(filtered.components(separatedBy: "<a href=\"").first { $0.hasPrefix("/map?org=WFP&amp;zoom=1") })
            let closer = String(link.prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
            let zoomed = try await client.execute(uri: closer, method: .get).body.text
            #expect(zoomed.contains("data-zoom=\"1\"") && !zoomed.contains("viewBox=\"0 0 1000 500\""))
            #expect(try await client.execute(uri: "/map?page=999", method: .get).body.text.contains("← previous"))
        }
    }

    @Test func exportsStreamedOverHTTPEqualTheWholeListsWrittenAtOnce() async throws {
        try await TestApp.run { app, client in
            let geojson = try await client.execute(uri: "/api/v1/sites.geojson", method: .get)
            #expect(geojson.headers[.contentType] == "application/geo+json")
            let whole = try StockExports.geoJSON(try await app.store.stock.siteTotals(visibleTo: .anonymous))
            #expect(Data(geojson.body.readableBytesView) == whole)

            // The global coordinator sees every line, as the console does.
            let hxl = try await client.execute(uri: "/api/v1/stock.hxl.csv?days=60", method: .get, headers: app.headers("coordinator"))
            let writer = HXLWriter(columns: StockHXLProfile.columns)
            let lines = try await app.store.stock.lines(StockFilter(), visibleTo: .console, limit: 10_000, days: 60)
            #expect(lines.count > 10)
            #expect(hxl.body.text == writer.head() + lines.map { writer.row(StockExports.hxlCells($0)) }.joined())
        }
    }
}
