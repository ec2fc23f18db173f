import CorridorCore
@testable import CorridorServer
import CorridorStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The browser's path through sign-in, forms and sign-out, as a client that keeps cookies.
@Suite struct SignInFlowTests {
    /// Pulls `name=value` pairs out of Set-Cookie headers.
    static func cookies(_ response: TestResponse) -> [String: String] {
        var jar: [String: String] = [:]
        for field in response.headers[values: .setCookie] {
            let pair = field.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            if pair.count == 2 { jar[pair[0]] = pair[1] }
        }
        return jar
    }

    static func hiddenCSRF(_ html: String) throws -> String {
        let marker = "name=\"_csrf\" value=\""
        let start = try #require(html.range(of: marker))
        return String(html[start.upperBound...].prefix { $0 != "\"" })
    }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        ByteBuffer(
            string: fields.map { key, value in
                "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }.joined(separator: "&"))
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// Signs in through the form; returns the session cookie and the page's CSRF token.
    static func signIn(_ client: any TestClientProtocol, email: String, password: String = "corridor-demo") async throws -> (
        session: String, csrf: String
    ) {
        let page = try await client.execute(uri: "/login", method: .get)
        let loginCSRF = try hiddenCSRF(page.body.text)
        var headers = formHeaders
        headers[.cookie] = "corridor_login_csrf=\(cookies(page)["corridor_login_csrf"] ?? "")"
        let posted = try await client.execute(
            uri: "/login", method: .post, headers: headers,
            body: form(["_csrf": loginCSRF, "email": email, "password": password, "next": "/admin"]))
        #expect(posted.status == .seeOther)
        #expect(posted.headers[.location] == "/admin")
        let session = try #require(cookies(posted)["corridor_session"])
        let admin = try await client.execute(uri: "/admin", method: .get, headers: [.cookie: "corridor_session=\(session)"])
        #expect(admin.status == .ok)
        return (session, try hiddenCSRF(admin.body.text))
    }

    @Test func signInUseFormsAndAStaleCSRFTokenIsRefused() async throws {
        try await TestApp.run { app, client in
            let first = try await Self.signIn(client, email: "admin@corridor.example")
            var headers = Self.formHeaders
            headers[.cookie] = "corridor_session=\(first.session)"
            let created = try await client.execute(
                uri: "/admin/organisations", method: .post, headers: headers,
                body: Self.form(["_csrf": first.csrf, "code": "GOAL", "name": "GOAL Global", "type": "ingo", "hq_country": "IE"]))
            #expect(created.status == .seeOther)
            #expect(try await app.store.organisations.find(code: "GOAL") != nil)

            let noToken = try await client.execute(
                uri: "/admin/organisations", method: .post, headers: headers,
                body: Self.form(["code": "NOPE", "name": "x", "type": "ingo", "hq_country": "IE"]))
            #expect(noToken.status == .forbidden)

            let out = try await client.execute(uri: "/logout", method: .post, headers: headers, body: Self.form(["_csrf": first.csrf]))
            #expect(out.status == .seeOther)
            let afterLogout = try await client.execute(uri: "/admin", method: .get, headers: [.cookie: "corridor_session=\(first.session)"])
            #expect(afterLogout.status == .seeOther, "the old session must be gone")

            let second = try await Self.signIn(client, email: "admin@corridor.example")
            #expect(second.csrf != first.csrf)
            headers[.cookie] = "corridor_session=\(second.session)"
            let stale = try await client.execute(
                uri: "/admin/organisations", method: .post, headers: headers,
                body: Self.form(["_csrf": first.csrf, "code": "STALE", "name": "x", "type": "ingo", "hq_country": "IE"]))
            #expect(stale.status == .forbidden)
            #expect(try await app.store.organisations.find(code: "STALE") == nil)

            // An API write with the session cookie needs the CSRF header too.
            var api = HTTPFields()
            api[.cookie] = "corridor_session=\(second.session)"
            api[.contentType] = "application/json"
            let body = ByteBuffer(string: #"{"code":"API1","name":"x","type":"ingo","hq_country":"IE"}"#)
            #expect(try await client.execute(uri: "/api/v1/organisations", method: .post, headers: api, body: body).status == .forbidden)
            api[.init("X-CSRF-Token")!] = second.csrf
            #expect(try await client.execute(uri: "/api/v1/organisations", method: .post, headers: api, body: body).status == .created)
        }
    }

    @Test func repeatedBadSignInsLockTheAccount() async throws {
        try await TestApp.run { app, client in
            var statuses: [Int] = []
            for _ in 0..<6 {
                let page = try await client.execute(uri: "/login", method: .get)
                var headers = Self.formHeaders
                headers[.cookie] = "corridor_login_csrf=\(Self.cookies(page)["corridor_login_csrf"] ?? "")"
                let response = try await client.execute(
                    uri: "/login", method: .post, headers: headers,
                    body: Self.form([
                        "_csrf": try Self.hiddenCSRF(page.body.text), "email": "logistics@wfp.example", "password": "guess-guess",
                    ]))
                statuses.append(response.status.code)
            }
            #expect(statuses == [401, 401, 401, 401, 429, 429])
        }
    }

    @Test func aSignInFormWithoutItsCookieIsRefused() async throws {
        try await TestApp.run { app, client in
            let response = try await client.execute(
                uri: "/login", method: .post, headers: Self.formHeaders,
                body: Self.form([
                    "_csrf": "forged", "email": "admin@corridor.example", "password": "corridor-demo",
                ]))
            #expect(response.status == .forbidden)
        }
    }

    /// One POST of the sign-in form, with a fresh form and its cookie.
    static func attempt(_ client: any TestClientProtocol, email: String, password: String, next: String = "/") async throws -> TestResponse
    {
        let page = try await client.execute(uri: "/login", method: .get)
        var headers = formHeaders
        headers[.cookie] = "corridor_login_csrf=\(cookies(page)["corridor_login_csrf"] ?? "")"
        return try await client.execute(
            uri: "/login", method: .post, headers: headers,
            body: form([
                "_csrf": try hiddenCSRF(page.body.text), "email": email, "password": password, "next": next,
            ]))
    }

    @Test func oneAccountsFailuresNeverLockOutAnotherAccountBehindTheSameAddress() async throws {
        try await TestApp.run { _, client in
            for _ in 0..<6 { _ = try await Self.attempt(client, email: "logistics@wfp.example", password: "guess-guess") }
            let locked = try await Self.attempt(client, email: "logistics@wfp.example", password: "corridor-demo")
            #expect(locked.status == .tooManyRequests, "the attacked account itself stays locked")
            #expect(Int(locked.headers[.retryAfter] ?? "") ?? 0 > 0)
            let other = try await Self.attempt(client, email: "admin@corridor.example", password: "corridor-demo")
            #expect(other.status == .seeOther, "another account from the same address signs in")
        }
    }

    @Test func anAddressGuessingAcrossAccountsIsRefusedButNeverACorrectPassword() async throws {
        try await TestApp.run { _, client in
            // The test throttle locks an address after 10 failures over all accounts.
            var statuses: [Int] = []
            for index in 0..<12 {
                statuses.append(Int(try await Self.attempt(client, email: "nobody\(index)@example.org", password: "guess").status.code))
            }
            #expect(statuses == Array(repeating: 401, count: 9) + [429, 429, 429])
            let refused = try await Self.attempt(client, email: "nobody99@example.org", password: "guess")
            #expect(refused.status == .tooManyRequests)
            #expect(Int(refused.headers[.retryAfter] ?? "") ?? 0 > 0, "429 says when to retry")
            let correct = try await Self.attempt(client, email: "coordinator@corridor.example", password: "corridor-demo")
            #expect(correct.status == .seeOther, "a correct password is never refused for an account not itself attacked")
        }
    }

    @Test(arguments: [
        "/\t/evil.example", "/\n/evil.example", "//evil.example", "/\\evil.example", "/%5Cevil.example", "https://evil.example",
        "javascript:alert(1)", "/\u{0B}/evil.example", "/ /evil.example", "\t//evil.example", "/%2F/evil.example",
    ])
    func signInNeverRedirectsOffSite(_ next: String) async throws {
        try await TestApp.run { _, client in
            let page = try await client.execute(
                uri: "/login?next=\(next.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", method: .get)
            #expect(page.body.text.contains("name=\"next\" value=\"/\""), "the form carries the home page, not \(next.debugDescription)")
            let response = try await Self.attempt(client, email: "admin@corridor.example", password: "corridor-demo", next: next)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/", "\(next.debugDescription) went to \(response.headers[.location] ?? "")")
        }
    }

    @Test func signInGoesBackToTheSamePageItCameFrom() async throws {
        try await TestApp.run { _, client in
            let response = try await Self.attempt(
                client, email: "admin@corridor.example", password: "corridor-demo", next: "/stock?country=KE")
            #expect(response.headers[.location] == "/stock?country=KE")
        }
    }
}

/// Forms that take numbers answer a number too large to show, or a word where a number goes, with
/// the form again and the problem named: the server never traps converting what it re-displays.
@Suite struct PlanningFiguresFormTests {
    @Test func hugeNumbersAndWordsInThePlanningFiguresAreRefusedNotFatal() async throws {
        try await TestApp.run { _, client in
            let admin = try await SignInFlowTests.signIn(client, email: "admin@corridor.example")
            var headers = SignInFlowTests.formHeaders
            headers[.cookie] = "corridor_session=\(admin.session)"
            for (field, value) in [("need0_share", "1e308"), ("road", "1e19"), ("horizons", "3, 7, banana")] {
                var fields = [
                    "_csrf": admin.csrf, "rows": "1", "need0_family": "food_ration", "need0_share": "100", "need0_note": "n",
                    "handling_in_country": "1", "handling_regional": "2", "handling_global": "3", "road": "350", "air": "8000",
                    "road_limit": "1500", "customs_hours": "72", "minimum_measured": "5", "emergency_factor": "0.5",
                    "horizons": "3, 7, 14, 30",
                ]
                fields[field] = value
                let response = try await client.execute(
                    uri: "/preparedness/figures", method: .post, headers: headers,
                    body: SignInFlowTests.form(fields))
                #expect(response.status == .unprocessableContent, "\(field) = \(value): \(response.body.text.suffix(1500))")
                #expect(
                    response.body.text.contains("class=\"error\"") || response.body.text.contains("problem"),
                    "\(field): the form says what is wrong")
            }
            let figures = try await client.execute(uri: "/api/v1/planning-figures", method: .get).body.json()
            #expect(figures["horizons"] as? [Int] == [3, 7, 14, 30], "nothing was saved")
        }
    }
}

@Suite struct AdminFormTests {
    @Test func theAddUserFormNeverDefaultsToAnAdministrator() async throws {
        try await TestApp.run { _, client in
            let admin = try await SignInFlowTests.signIn(client, email: "admin@corridor.example")
            let page = try await client.execute(uri: "/admin", method: .get, headers: [.cookie: "corridor_session=\(admin.session)"]).body
                .text
            let select = try #require(page.range(of: "<select name=\"role\">"))
            #expect(page[select.upperBound...].hasPrefix("<option>org_member</option>"), "the first role offered is the least privileged")
        }
    }
}
