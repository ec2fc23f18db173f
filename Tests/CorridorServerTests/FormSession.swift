import CorridorCore
@testable import CorridorServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

extension TestApp {
    /// Signs in through the form as the account of `role`; returns the session cookie and the
    /// session's CSRF token, as a browser would hold them.
    func session(_ client: any TestClientProtocol, as role: String) async throws -> (cookie: String, csrf: String) {
        let email = try #require(Self.accounts.first { $0.0 == role }?.1)
        let page = try await client.execute(uri: "/login", method: .get)
        var headers = SignInFlowTests.formHeaders
        headers[.cookie] = "corridor_login_csrf=\(SignInFlowTests.cookies(page)["corridor_login_csrf"] ?? "")"
        let posted = try await client.execute(
            uri: "/login", method: .post, headers: headers,
            body: SignInFlowTests.form([
                "_csrf": try SignInFlowTests.hiddenCSRF(page.body.text), "email": email, "password": "corridor-demo", "next": "/account",
            ]))
        let cookie = "corridor_session=\(try #require(SignInFlowTests.cookies(posted)["corridor_session"]))"
        let account = try await client.execute(uri: "/account", method: .get, headers: [.cookie: cookie])
        return (cookie, try SignInFlowTests.hiddenCSRF(account.body.text))
    }

    /// Posts a page's form as the account of `role`, signed in with its session and CSRF token.
    func postForm(_ client: any TestClientProtocol, _ uri: String, as role: String, _ fields: [String: String]) async throws
        -> TestResponse
    {
        let session = try await session(client, as: role)
        var headers = SignInFlowTests.formHeaders
        headers[.cookie] = session.cookie
        return try await client.execute(
            uri: uri, method: .post, headers: headers, body: SignInFlowTests.form(fields.merging(["_csrf": session.csrf]) { $1 }))
    }
}
