import CorridorCore
import CorridorStore
@testable import CorridorServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// How a page's language is chosen, and that the API's error words follow it while its codes do not.
struct LanguagePagesTests {
    static func acceptLanguage(_ value: String) -> HTTPFields { [.acceptLanguage: value] }

    @Test func theBrowsersLanguageChoosesThePagesLanguage() async throws {
        try await TestApp.run { _, client in
            let french = try await client.execute(uri: "/login", method: .get, headers: Self.acceptLanguage("fr-HT,fr;q=0.9,en;q=0.5"))
            #expect(french.body.text.contains(#"<html lang="fr" dir="ltr">"#))
            #expect(french.body.text.contains("Se connecter"))
            #expect(french.headers[.contentLanguage] == "fr")
            let unknown = try await client.execute(uri: "/login", method: .get, headers: Self.acceptLanguage("de"))
            #expect(unknown.body.text.contains(#"<html lang="en" dir="ltr">"#))
        }
    }

    @Test func aSharedLinkNamesItsLanguageAndArabicIsRightToLeft() async throws {
        try await TestApp.run { _, client in
            let arabic = try await client.execute(uri: "/login?lang=ar", method: .get, headers: Self.acceptLanguage("fr"))
            #expect(arabic.body.text.contains(#"<html lang="ar" dir="rtl">"#))
            #expect(arabic.body.text.contains("تسجيل الدخول"))
        }
    }

    @Test func theSwitchKeepsAVisitorsChoiceInACookie() async throws {
        try await TestApp.run { _, client in
            let switched = try await client.execute(
                uri: "/language", method: .post, headers: SignInFlowTests.formHeaders,
                body: SignInFlowTests.form(["lang": "pt", "back": "/login"]))
            #expect(switched.status == .seeOther)
            #expect(switched.headers[.location] == "/login")
            let cookie = try #require(SignInFlowTests.cookies(switched)["corridor_lang"])
            #expect(cookie == "pt")
            let page = try await client.execute(
                uri: "/login", method: .get, headers: [.cookie: "corridor_lang=\(cookie)", .acceptLanguage: "es"])
            #expect(page.body.text.contains(#"<html lang="pt""#))

            let elsewhere = try await client.execute(
                uri: "/language", method: .post, headers: SignInFlowTests.formHeaders,
                body: SignInFlowTests.form(["lang": "fr", "back": "//evil.example/x"]))
            #expect(elsewhere.headers[.location] == "/", "the switch never sends anyone to another site")
            let refused = try await client.execute(
                uri: "/language", method: .post, headers: SignInFlowTests.formHeaders, body: SignInFlowTests.form(["lang": "klingon"]))
            #expect(refused.status == .unprocessableContent)
        }
    }

    @Test func aSignedInPersonsChoiceIsKeptWithTheirAccount() async throws {
        try await TestApp.run { app, client in
            let session = try await app.session(client, as: "customs_officer")
            var headers = SignInFlowTests.formHeaders
            headers[.cookie] = session.cookie
            let stale = try await client.execute(
                uri: "/language", method: .post, headers: headers, body: SignInFlowTests.form(["lang": "fr", "_csrf": "stale"]))
            #expect(stale.status == .forbidden)
            let switched = try await client.execute(
                uri: "/language", method: .post, headers: headers,
                body: SignInFlowTests.form(["lang": "fr", "_csrf": session.csrf, "back": "/account"]))
            #expect(switched.status == .seeOther)
            let user = try #require(try await app.store.users.find(email: "customs.ke@corridor.example"))
            #expect(user.language == "fr")
            // The saved choice outranks the browser's language, and holds without the cookie.
            let page = try await client.execute(uri: "/account", method: .get, headers: [.cookie: session.cookie, .acceptLanguage: "es"])
            #expect(page.body.text.contains(#"<html lang="fr""#))
            #expect(page.body.text.contains("Se déconnecter"))
            #expect(page.headers[.contentLanguage] == "fr", "the language the page is written in, not the browser's")
        }
    }

    @Test func anAPIErrorSpeaksTheCallersLanguageWithTheSameCode() async throws {
        try await TestApp.run { app, client in
            var french = app.headers("org_member")
            french[.acceptLanguage] = "fr-HT, en;q=0.5"
            let inFrench = try await client.execute(uri: "/api/v1/sites/999999", method: .get, headers: french)
            let inEnglish = try await client.execute(uri: "/api/v1/sites/999999", method: .get, headers: app.headers("org_member"))
            let frenchError = try #require(try inFrench.body.json()["error"] as? [String: Any])
            let englishError = try #require(try inEnglish.body.json()["error"] as? [String: Any])
            #expect(frenchError["code"] as? String == "not_found")
            #expect(englishError["code"] as? String == "not_found")
            #expect(englishError["message"] as? String == "no such site")
            #expect(frenchError["message"] as? String == "site introuvable")
            #expect(inFrench.headers[.contentLanguage] == "fr")
        }
    }

    @Test func aStockReportsProblemsSpeakTheUploadersLanguage() async throws {
        try await TestApp.run { app, client in
            var headers = app.headers("org_member")
            headers[.acceptLanguage] = "fr"
            headers[.contentType] = "text/csv"
            let report = "#site+code,#item+code,#indicator+num\nWFP-NBO,NOT-AN-ITEM,12\n"
            let response = try await client.execute(
                uri: "/api/v1/stock/imports?org=WFP&dry_run=true&file_name=report.hxl.csv", method: .post, headers: headers,
                body: ByteBuffer(string: report))
            let error = try #require(try response.body.json()["error"] as? [String: Any])
            let details = try #require(error["details"] as? [[String: Any]])
            let problem = try #require(details.first?["problem"] as? String)
            #expect(problem.hasPrefix("aucune colonne de site (#loc+code ou #loc+name"), "\(problem)")
            #expect(details.first?["row"] as? Int == 1)
            #expect(error["code"] as? String == "invalid_input")
        }
    }
}
