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
            #expect(refused.status == .badRequest)
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
        }
    }

    @Test func anAPIErrorSpeaksTheCallersLanguageWithTheSameCode() async throws {
        try await TestApp.run { app, client in
            var headers = app.headers("org_member", json: true)
            headers[.acceptLanguage] = "fr"
            let response = try await client.execute(
                uri: "/api/v1/organisations", method: .post, headers: headers, body: ByteBuffer(string: #"{"code":"X"}"#))
            let english = try await client.execute(
                uri: "/api/v1/organisations", method: .post, headers: app.headers("org_member", json: true),
                body: ByteBuffer(string: #"{"code":"X"}"#))
            let frenchError = try #require(try response.body.json()["error"] as? [String: Any])
            let englishError = try #require(try english.body.json()["error"] as? [String: Any])
            #expect(frenchError["code"] as? String == englishError["code"] as? String)
            #expect(response.headers[.contentLanguage] == "fr")
        }
    }
}
