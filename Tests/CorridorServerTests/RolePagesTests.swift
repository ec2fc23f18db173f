import CorridorCore
@testable import CorridorServer
import CorridorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A page for each role: the country hub, nearest stock, the home page by role, the demo banner;
/// every one filtered by the sharing levels.
@Suite struct RolePagesTests {
    @Test func theCountryHubGathersTheCountryAndHidesPrivateStockFromThoseWhoMayNotSeeIt() async throws {
        try await TestApp.run { app, client in
            let global = try await client.execute(uri: "/countries/KE", method: .get, headers: app.headers("coordinator"))
            #expect(global.status == .ok)
            let page = global.body.text
            for part in ["Sites in Kenya", "Stock for Kenya", "In Kenya", "Active emergencies", "Preparedness", "Entry points", "Release"] {
                #expect(page.contains(part), "\(part)")
            }
            #expect(page.contains("Oxfam Garissa") || page.contains("OXF-KE-GAR"), "the global coordinator sees the private store")
            #expect(page.contains("data-world=\"0 0 1000 500\"") && !page.contains("viewBox=\"0 0 1000 500\""), "the map opens on Kenya")
            for role in [nil, "customs_officer", "coordinator_country", "org_member"] {
                let seen = try await client.execute(uri: "/countries/ke", method: .get, headers: app.headers(role)).body.text
                #expect(!seen.contains("Oxfam Garissa") && !seen.contains("OXF-KE-GAR"), "\(role ?? "anonymous")")
            }
            #expect(try await client.execute(uri: "/countries/XX", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/countries", method: .get).body.text.contains("<a href=\"/countries/KE\">Kenya</a>"))
        }
    }

    @Test func nearestStockIsFoundFromAPointAmongWhatTheViewerMaySee() async throws {
        try await TestApp.run { app, client in
            let form = try await client.execute(uri: "/stock/nearest", method: .get).body.text
            #expect(form.contains("data-pick") && form.contains("<select name=\"item\" required autofocus>"))
            let uri = "/stock/nearest?item=WSH-KIT-HYGIENE&lat=-0.45&lon=39.65"
            let global = try await client.execute(uri: uri, method: .get, headers: app.headers("coordinator")).body.text
            #expect(global.contains("<table class=\"nearest stacked\">") && global.contains("Oxfam Garissa"), "\(global.suffix(1500))")
            // The map marks the place asked about and the sites found; on a phone each cell is labelled.
            #expect(global.contains("<circle class=\"picked\"") && global.contains("<title>The place asked about</title>"))
            #expect(global.contains("<circle class=\"site found\"") && global.contains("<title>Oxfam Garissa"))
            #expect(global.contains("data-label=\"Organisation\">OXFAM</td>"))
            #expect(!form.contains("<circle class=\"picked\"") && !form.contains("site found"))
            let anonymous = try await client.execute(uri: uri, method: .get).body.text
            #expect(anonymous.contains("<table class=\"nearest stacked\">") && !anonymous.contains("Oxfam Garissa"))
            let bad = try await client.execute(uri: "/stock/nearest?item=SHE-TENT-FAM&lat=95&lon=x", method: .get)
            #expect(bad.status == .unprocessableContent && bad.body.text.contains("give a latitude from -90 to 90"))
        }
    }

    @Test func theHomePageShowsWhatEachRoleWorksOn() async throws {
        try await TestApp.run { app, client in
            let member = try await client.execute(uri: "/", method: .get, headers: app.headers("org_member")).body.text
            #expect(member.contains("Your sites (WFP)") && member.contains("Your declarations") && member.contains("UNHRD"))
            let customs = try await client.execute(uri: "/", method: .get, headers: app.headers("customs_officer")).body.text
            #expect(
                customs.contains("Customs of Kenya") && customs.contains("<a class=\"button\" href=\"/customs\">Your clearance queue</a>"))
            #expect(!customs.contains("Your sites"))
            let coordinator = try await client.execute(uri: "/", method: .get, headers: app.headers("coordinator_country")).body.text
            #expect(coordinator.contains("<a href=\"/countries/NP\">Nepal</a>") && coordinator.contains("All alerts"))
            let anonymous = try await client.execute(uri: "/", method: .get).body.text
            #expect(!anonymous.contains("Your work") && anonymous.contains("Sign in"))
        }
    }

    @Test func demoDataIsSaidOnEveryPageAndItsInventedOrganisationsAreMarked() async throws {
        try await TestApp.run { app, client in
            for path in ["/", "/map", "/stock", "/countries/KE", "/login"] {
                let page = try await client.execute(uri: path, method: .get).body.text
                #expect(page.contains("Demo data — fictitious figures"), "\(path)")
                #expect(page.contains("<a class=\"skip\" href=\"#main\">") && page.contains("<main id=\"main\""), "\(path)")
            }
            let organisations = try await client.execute(uri: "/organisations", method: .get).body.text
            let kadin = try #require(organisations.components(separatedBy: "<tr>").first { $0.contains("KADIN") })
            #expect(kadin.contains("fictitious (demo)"))
            let wfp = try #require(organisations.components(separatedBy: "<tr>").first { $0.contains("World Food Programme") })
            #expect(!wfp.contains("fictitious"))
            let map = try await client.execute(uri: "/map", method: .get).body.text
            #expect(!map.contains("role=\"img\" aria-label=\"World map"), "markers are links, not parts of an image")
        }
    }
}
