import CorridorCore
@testable import CorridorServer
import CorridorStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The pages a logistician works in — stock, an upload's result, a site, the map — speak the
/// reader's language, numbers included, while codes and English stay as they were.
@Suite struct StockPagesLanguageTests {
    @Test func theStockPageIsInFrenchAndTheMapInArabic() async throws {
        try await TestApp.run { app, client in
            let stock = try await client.execute(uri: "/stock?lang=fr", method: .get, headers: app.headers("org_member")).body.text
            #expect(stock.contains("<h2 id=\"upload\">Déposer un état des stocks</h2>"), "\(stock.prefix(600))")
            #expect(stock.contains("<th>Péremption</th>") && stock.contains("Personnes couvertes pour 30 jours"))
            #expect(!stock.contains("Upload a stock report") && !stock.contains("Accepted column headers"))
            let map = try await client.execute(uri: "/map?lang=ar", method: .get).body.text
            #expect(map.contains("<h1>خريطة المخزون المخزّن مسبقًا</h1>") && map.contains("مركز لوجستي عالمي"))
            #expect(!map.contains("Map of pre-positioned stock") && !map.contains("global hub"))
            let english = try await client.execute(uri: "/stock", method: .get, headers: app.headers("org_member")).body.text
            #expect(english.contains("<h2 id=\"upload\">Upload a stock report</h2>"))
        }
    }

    @Test func aSiteOverCapacityIsSaidInFrenchWithAFrenchDecimalMark() async throws {
        try await TestApp.run { app, client in
            let site = try #require(try await app.store.sites.visible(to: .console).first { $0.id == app.wfpSiteID })
            _ = try await app.store.sites.update(
                id: site.id,
                with: SiteInput(
                    code: site.code, name: site.name, country: site.country, adm1: site.adm1, lat: site.lat, lon: site.lon,
                    tier: site.tier.rawValue, capacityM3: 0.5, freeM3: 0, sharing: site.sharing.rawValue),
                by: .console)
            let page = try await client.execute(uri: "/sites/\(site.id)?lang=fr", method: .get, headers: app.headers("org_member")).body
                .text
            #expect(page.contains("Capacité dépassée") && page.contains("d’une capacité de 0,5 m³"), "\(page.prefix(900))")
            #expect(page.contains("<h2>Lignes de stock</h2>") && !page.contains("Stock lines"))
        }
    }

    @Test func aRejectedStockReportSaysSoInFrench() async throws {
        try await TestApp.run { app, client in
            let session = try await app.session(client, as: "org_member")
            let boundary = "corridor-test-boundary"
            var body = ""
            for (name, value) in [("_csrf", session.csrf), ("org", "WFP")] {
                body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
            }
            body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"report.csv\"\r\n"
            body += "Content-Type: text/csv\r\n\r\nsite_code,item_code,quantity\r\nNOWHERE,NOT-AN-ITEM,many\r\n--\(boundary)--\r\n"
            let response = try await client.execute(
                uri: "/stock/upload?lang=fr", method: .post,
                headers: [.contentType: "multipart/form-data; boundary=\(boundary)", .cookie: session.cookie],
                body: ByteBuffer(string: body))
            let page = response.body.text
            #expect(response.status == .unprocessableContent, "\(page.prefix(600))")
            #expect(page.contains("<h1>État des stocks refusé</h1>") && page.contains("Rien n’a été enregistré."), "\(page.prefix(900))")
            #expect(page.contains("<th>Ligne</th><th>Colonne</th><th>Problème</th>"))
            #expect(!page.contains("Nothing was saved") && !page.contains("Back to stock"))
        }
    }
}
