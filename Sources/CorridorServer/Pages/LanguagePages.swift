import CorridorCore
import CorridorLanguages
import CorridorStore
import Foundation
import Hummingbird

/// The header's language switch: a signed-in person's choice is kept with their account, a
/// visitor's in a cookie; either way the page they were on comes back in the new language.
struct LanguagePages {
    let store: Store
    let secureCookies: Bool

    func addRoutes(to router: some RouterMethods<CorridorRequestContext>) {
        router.post("language") { request, context in
            let fields = try await Forms.fields(request, context: context)
            if context.sessionCSRF != nil { try Forms.checkCSRF(fields, context: context) }
            guard let language = fields["lang"].flatMap(Language.init(tag:)) else {
                throw DomainError.invalid(field: "lang", "choose one of \(Language.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if case .user(let id, _, _) = context.actor {
                try await store.users.setLanguage(language.rawValue, of: id, by: context.actor)
            }
            var response = Response(status: .seeOther, headers: [.location: Self.localPath(fields["back"])])
            let secure = secureCookies || request.headers[.init("X-Forwarded-Proto")!] == "https"
            response.setCookie(
                Cookie(
                    name: LanguageMiddleware.cookie, value: language.rawValue, maxAge: 365 * 24 * 3600, path: "/", secure: secure,
                    httpOnly: true, sameSite: .lax))
            return response
        }
    }

    /// Only a path of this site: never another host (`//evil.example`, `https://…`).
    static func localPath(_ back: String?) -> String {
        guard let back, back.hasPrefix("/"), !back.hasPrefix("//"), !back.contains("\\"), back.count < 2000 else { return "/" }
        return back
    }
}
