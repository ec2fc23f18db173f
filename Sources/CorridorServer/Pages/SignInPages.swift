import CorridorCore
import CorridorLanguages
import CorridorStore
import Foundation
import Hummingbird

/// Sign-in and sign-out. The sign-in form uses a double-submit CSRF cookie, since there is no
/// session yet to hold its token.
struct SignInPages {
    let store: Store
    let pages: PageRenderer
    let secureCookies: Bool
    let trustForwardedFor: Bool
    static let loginCSRFCookie = "corridor_login_csrf"

    func addRoutes(to router: RouterGroup<CorridorRequestContext>) {
        router.get("login") { request, context in
            let token = Secrets.randomToken(bytes: 24)
            var response = pages.page(
                LoginPageView(csrf: token, next: Self.safeNext(request.uri.queryParameters["next"].map(String.init))),
                title: L("Sign in"), context: context, path: "/login")
            response.setCookie(cookie(Self.loginCSRFCookie, token, request: request, maxAge: 3600))
            return response
        }
        router.post("login") { request, context in
            let fields = try await Forms.fields(request, context: context)
            guard let sent = fields["_csrf"], !sent.isEmpty, sent == request.cookies[Self.loginCSRFCookie]?.value else {
                throw DomainError.forbidden("the sign-in form is stale; reload the page and try again")
            }
            let forwarded =
                trustForwardedFor
                ? request.headers[.init("X-Forwarded-For")!]?.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) }
                : nil
            let address = forwarded ?? context.remoteAddress?.ipAddress ?? "unknown"
            let next = Self.safeNext(fields["next"])
            let outcome: SignInRepository.Outcome
            do {
                outcome = try await store.signIn.signIn(email: fields["email"] ?? "", password: fields["password"] ?? "", address: address)
            } catch let error as DomainError {
                var response = loginAgain(
                    message: Localizer.current.message(error), email: fields["email"], next: next, request: request, context: context,
                    status: error.status)
                if case .locked(_, let retry) = error { response.headers[.retryAfter] = String(retry) }
                return response
            }
            switch outcome {
            case .rejected(let delay):
                if delay > 0 { try await Task.sleep(for: .milliseconds(delay)) }
                return loginAgain(
                    message: L("The e-mail or password is wrong."), email: fields["email"], next: next,
                    request: request, context: context, status: .unauthorized)
            case .signedIn(let user):
                if let old = request.cookies[IdentityMiddleware.sessionCookie]?.value { try await store.sessions.end(token: old) }
                let session = try await store.sessions.start(for: user)
                var response = Response(status: .seeOther, headers: [.location: next])
                response.setCookie(
                    cookie(
                        IdentityMiddleware.sessionCookie, session.token, request: request,
                        maxAge: Int(SessionRepository.lifetimeSeconds)))
                response.setCookie(cookie(Self.loginCSRFCookie, "", request: request, maxAge: 0))
                return response
            }
        }
        router.post("logout") { request, context in
            let fields = try await Forms.fields(request, context: context)
            try Forms.checkCSRF(fields, context: context)
            if let token = context.sessionToken { try await store.sessions.end(token: token) }
            var response = Response(status: .seeOther, headers: [.location: "/"])
            response.setCookie(cookie(IdentityMiddleware.sessionCookie, "", request: request, maxAge: 0))
            return response
        }
    }

    private func loginAgain(
        message: String, email: String?, next: String, request: Request,
        context: CorridorRequestContext, status: HTTPResponse.Status
    ) -> Response {
        let token = Secrets.randomToken(bytes: 24)
        var response = pages.page(
            LoginPageView(csrf: token, next: next, error: message, email: email ?? ""),
            title: L("Sign in"), context: context, path: "/login", status: status)
        response.setCookie(cookie(Self.loginCSRFCookie, token, request: request, maxAge: 3600))
        return response
    }

    private func cookie(_ name: String, _ value: String, request: Request, maxAge: Int) -> Cookie {
        let secure = secureCookies || request.headers[.init("X-Forwarded-Proto")!] == "https"
        return Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// Only a same-origin absolute path, so the sign-in form cannot bounce users elsewhere:
    /// browsers drop tabs and newlines and read `\` as `/`, so `/\t/evil` or `/\evil` would leave.
    static func safeNext(_ raw: String?) -> String {
        guard let raw, raw.hasPrefix("/"), raw.count <= 2048 else { return "/" }
        let dangerous = raw.unicodeScalars.contains { scalar in
            scalar == "\\" || scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
                || scalar.properties.generalCategory == .format
        }
        guard !dangerous, !raw.hasPrefix("//"), !raw.lowercased().contains("%5c"), !raw.lowercased().hasPrefix("/%2f") else { return "/" }
        return raw
    }
}
