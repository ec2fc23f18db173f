import CorridorCore
import CorridorLanguages
import Foundation
import HTTPTypes
import Hummingbird

/// Chooses the language a request is answered in, and makes it `Localizer.current` while the
/// request is handled: `?lang=` (a shared link), else the signed-in person's saved choice, else
/// the language switch's cookie, else the browser's `Accept-Language`, else English.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = CorridorRequestContext
    static let cookie = "corridor_lang"
    let translations: Translations

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let language = Self.language(for: request, context: context)
        var context = context
        context.language = language
        let localizer = Localizer(language: language, region: context.actor.roles.compactMap(\.country).first, translations: translations)
        var response = try await Localizer.$current.withValue(localizer) { try await next(request, context) }
        // The inner pass, which knows the person's saved choice, names the language the answer
        // was written in; the outer one only an answer the inner never saw (a refused credential).
        if !response.headers.contains(.contentLanguage) { response.headers[.contentLanguage] = language.rawValue }
        return response
    }

    static func language(for request: Request, context: Context) -> Language {
        // The query is parsed only when it may name a language: every request comes through here.
        if let query = request.uri.query, Self.mayNameLanguage(query), let tag = request.uri.queryParameters.get("lang"),
            let language = Language(tag: tag)
        {
            return language
        }
        if let tag = context.savedLanguage, let language = Language(tag: tag) { return language }
        if let tag = request.cookies[cookie]?.value, let language = Language(tag: tag) { return language }
        if let header = request.headers.value(.acceptLanguage), let language = Language.preferred(in: header) { return language }
        return .en
    }

    /// Whether a query holds `lang` anywhere: compared as bytes, where Foundation's `contains`
    /// would search the text as a string of characters.
    static func mayNameLanguage(_ query: String) -> Bool {
        let utf8 = query.utf8
        guard utf8.count >= 4 else { return false }
        var index = utf8.startIndex
        while let found = utf8[index...].firstIndex(of: UInt8(ascii: "l")) {
            if utf8[found...].starts(with: "lang".utf8) { return true }
            index = utf8.index(after: found)
        }
        return false
    }
}
