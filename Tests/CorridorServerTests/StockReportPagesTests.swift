import CorridorCore
@testable import CorridorServer
import CorridorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The upload page says which headers a report may use and offers templates; a site holding more
/// than its capacity says so on its page and in the alerts.
@Suite struct StockReportPagesTests {
    @Test func theUploadFormListsTheAcceptedHeadersAndOffersTemplates() async throws {
        try await TestApp.run { app, client in
            let page = try await client.execute(uri: "/stock", method: .get, headers: app.headers("org_member")).body.text
            #expect(page.contains("Accepted column headers") && page.contains("código do artigo") && page.contains("armazém"))
            for (file, type) in [
                ("stock-report.csv", "text/csv; charset=utf-8"), ("stock-report.hxl.csv", "text/csv; charset=utf-8"),
                ("stock-report.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ] {
                #expect(page.contains("/stock/templates/\(file)"))
                let download = try await client.execute(uri: "/stock/templates/\(file)", method: .get)
                #expect(download.status == .ok && download.headers[.contentType] == type, "\(file)")
            }
            let hxl = try await client.execute(uri: "/stock/templates/stock-report.hxl.csv", method: .get).body.text
            #expect(hxl.contains("#loc+code") && hxl.contains("Reported date"))
            #expect(try await client.execute(uri: "/stock/templates/other.txt", method: .get).status == .notFound)
        }
    }

    @Test func aSiteAboveItsCapacityIsFlaggedOnItsPageAndInTheAlerts() async throws {
        try await TestApp.run { app, client in
            let site = try #require(try await app.store.sites.visible(to: .console).first { $0.id == app.wfpSiteID })
            _ = try await app.store.sites.update(
                id: site.id,
                with: SiteInput(
                    code: site.code, name: site.name, country: site.country, adm1: site.adm1, lat: site.lat, lon: site.lon,
                    tier: site.tier.rawValue, capacityM3: 0.5, freeM3: 0, sharing: site.sharing.rawValue),
                by: .console)
            let page = try await client.execute(uri: "/sites/\(site.id)", method: .get, headers: app.headers("org_member")).body.text
            #expect(page.contains("Over capacity:") && page.contains("at a site of 0.5 m³ capacity"), "\(page.prefix(800))")
            let alerts = try await client.execute(uri: "/api/v1/stock/alerts", method: .get, headers: app.headers("org_member")).body
                .json()
            let items = try #require(alerts["items"] as? [[String: Any]])
            #expect(items.contains { $0["kind"] as? String == "over_capacity" && $0["site_code"] as? String == site.code })
            let over = try #require(items.first { $0["kind"] as? String == "over_capacity" && $0["site_code"] as? String == site.code })
            #expect(over["severity"] as? String == "medium" && over["site_id"] as? Int == Int(site.id))
            let alertsPage = try await client.execute(uri: "/stock/alerts", method: .get, headers: app.headers("org_member")).body.text
            #expect(alertsPage.contains("over capacity") && alertsPage.contains("<a href=\"/sites/\(site.id)\">"))
            #expect(alertsPage.contains("class=\"severity medium\""))
        }
    }

    /// Alerts narrow to a country, most urgent first; a code that is no country is refused by name.
    @Test func alertsFilterByCountryMostUrgentFirst() async throws {
        try await TestApp.run { app, client in
            let all = try #require(
                try await client.execute(uri: "/api/v1/stock/alerts", method: .get, headers: app.headers("coordinator")).body.json()[
                    "items"]
                    as? [[String: Any]])
            let ranks = all.compactMap { ["high": 0, "medium": 1, "low": 2][$0["severity"] as? String ?? ""] }
            #expect(ranks.count == all.count && ranks == ranks.sorted())
            let countries = Set(all.compactMap { $0["country"] as? String })
            #expect(countries.count > 1, "the demo has alerts in several countries: \(countries)")
            let country = try #require(countries.sorted().first)
            let some = try #require(
                try await client.execute(
                    uri: "/api/v1/stock/alerts?country=\(country.lowercased())", method: .get, headers: app.headers("coordinator")
                )
                .body.json()["items"] as? [[String: Any]])
            #expect(!some.isEmpty && some.allSatisfy { $0["country"] as? String == country })
            let page = try await client.execute(uri: "/stock/alerts?country=\(country)", method: .get, headers: app.headers("coordinator"))
                .body.text
            #expect(page.contains("<option value=\"\(country)\" selected>"))
            let bad = try await client.execute(uri: "/api/v1/stock/alerts?country=Kenya", method: .get, headers: app.headers("coordinator"))
            #expect(bad.status == .unprocessableContent && bad.body.text.contains("'Kenya' is not an ISO alpha-2 country code"))
        }
    }

    /// A long list of alerts comes a hundred to a page, with how many there are of each kind;
    /// a kind may be asked for alone, and a word that is no kind is refused by name.
    @Test func alertsComeAPageAtATimeWithTheirCountsByKind() async throws {
        try await TestApp.run { app, client in
            let site = try #require(try await app.store.sites.visible(to: .console).first { $0.id == app.wfpSiteID })
            var headers = app.headers("org_member")
            headers[.contentType] = "text/csv"
            var report = "#loc+code,#item+code,#indicator+num,#date+expiry\n"
            for day in 1...65 {
                for item in ["SHE-TENT-FAM", "WSH-KIT-HYGIENE"] {
                    report += "\(site.code),\(item),\(day),\(Day.today().adding(days: day))\n"
                }
            }
            let imported = try await client.execute(
                uri: "/api/v1/stock/imports?org=WFP&file_name=report.hxl.csv", method: .post, headers: headers,
                body: ByteBuffer(string: report))
            #expect(imported.status.code < 300, "\(imported.body.text.prefix(500))")
            let expiring = try #require(
                try await client.execute(uri: "/api/v1/stock/alerts?kind=expiring", method: .get, headers: app.headers("org_member")).body
                    .json()["items"] as? [[String: Any]])
            #expect(expiring.count >= 130 && expiring.allSatisfy { $0["kind"] as? String == "expiring" })
            let total = expiring.count

            let first = try await client.execute(uri: "/stock/alerts?kind=expiring", method: .get, headers: app.headers("org_member")).body
                .text
            #expect(
                first.contains("Alerts 1–100 of \(total)") && first.contains("href=\"/stock/alerts?kind=expiring&amp;page=2\" rel=\"next\"")
            )
            #expect(first.components(separatedBy: "<span class=\"severity").count - 1 == 100)
            #expect(first.contains("<a href=\"/stock/alerts?kind=expiring\">expiring</a>: \(total)"))
            #expect(first.contains("<option value=\"expiring\" selected>"))
            let second = try await client.execute(
                uri: "/stock/alerts?kind=expiring&page=2", method: .get, headers: app.headers("org_member")
            )
            .body.text
            #expect(
                second.contains("Alerts 101–\(total) of \(total)") && second.contains("rel=\"prev\"") && !second.contains("rel=\"next\""))
            #expect(second.components(separatedBy: "<span class=\"severity").count - 1 == total - 100)

            let bad = try await client.execute(uri: "/api/v1/stock/alerts?kind=soon", method: .get, headers: app.headers("org_member"))
            #expect(bad.status == .unprocessableContent && bad.body.text.contains("'soon' is not a kind of alert"))
            let badPage = try await client.execute(uri: "/stock/alerts?kind=soon", method: .get, headers: app.headers("org_member"))
            #expect(badPage.status == .unprocessableContent)
        }
    }
}
