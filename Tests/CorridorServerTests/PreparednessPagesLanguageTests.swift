import CorridorCore
@testable import CorridorServer
import CorridorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The preparedness pages in the reader's language: the IASC actions, their statuses and the data's
/// evidence, the gap table's words, units and numbers; English stays as it was.
@Suite struct PreparednessPagesLanguageTests {
    @Test func theChecklistReadsInFrenchAndArabic() async throws {
        try await TestApp.run { app, client in
            let english = try await client.execute(uri: "/preparedness?country=NP", method: .get, headers: app.headers("coordinator")).body
                .text
            #expect(english.contains("<h1>Preparedness — NP</h1>"))
            #expect(english.contains("Hazards and risks are monitored and early-warning information is shared"))
            #expect(english.contains("elsewhere in the region in the last 90 days"))
            let french = try await client.execute(
                uri: "/preparedness?country=NP&lang=fr", method: .get, headers: app.headers("coordinator")
            )
            .body.text
            #expect(french.contains("<h1>Préparation — NP</h1>"))
            #expect(french.contains("Les aléas et les risques sont suivis et les informations d’alerte précoce partagées"))
            #expect(french.contains("Chaîne d’approvisionnement et logistique"), "the category")
            #expect(french.contains(">non commencée</option>"), "the statuses")
            #expect(french.contains("états des stocks des 90 derniers jours"), "the data's evidence")
            #expect(!french.contains("Hazards and risks are monitored"))
            let arabic = try await client.execute(
                uri: "/preparedness?country=NP&lang=ar", method: .get, headers: app.headers("coordinator")
            )
            .body.text
            #expect(arabic.contains(#"dir="rtl""#) && arabic.contains("قائمة التحقق") && arabic.contains("رصد المخاطر"))
        }
    }

    @Test func theGapTableReadsInFrenchWithFrenchNumbers() async throws {
        try await TestApp.run { app, client in
            let created = try await client.execute(
                uri: "/api/v1/scenarios", method: .post, headers: app.headers("coordinator", json: true),
                body: ByteBuffer(string: #"{"country":"KE","lat":-1.5,"lon":40.0,"people":400000,"days":30,"name":"Tana River"}"#))
            let id = try #require((try created.body.json()["scenario"] as? [String: Any])?["id"] as? Int)
            let english = try await client.execute(uri: "/preparedness/scenarios/\(id)", method: .get, headers: app.headers("coordinator"))
                .body.text
            #expect(english.contains("400,000 people in Kenya"))
            #expect(english.contains("<td title=\"2,100 kcal per person per day (Sphere)\">food ration</td>"))
            let french = try await client.execute(
                uri: "/preparedness/scenarios/\(id)?lang=fr", method: .get, headers: app.headers("coordinator")
            ).body.text
            #expect(french.contains("400\u{202F}000 personnes touchées — Kenya"), "people grouped the French way")
            #expect(french.contains("<td title=\"2 100 kcal par personne et par jour (Sphère)\">ration alimentaire</td>"))
            #expect(french.contains(">Déficit (t)</th>") && french.contains(">jour 30</th>") && french.contains(">jour 30</text>"))
            // Tonnes and arrival days carry a decimal comma, never a point.
            #expect(french.range(of: #"<td class="num">\d+,\d</td>"#, options: .regularExpression) != nil)
            #expect(french.range(of: #"<td class="num">\d+\.\d</td>"#, options: .regularExpression) == nil)
            #expect(french.contains("zone touchée"), "the last leg of a route")
            #expect(!french.contains("food ration") && !french.contains("Planning figures used"))
        }
    }
}
