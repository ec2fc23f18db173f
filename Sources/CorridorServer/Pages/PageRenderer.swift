import CorridorCore
import CorridorLanguages
import Foundation
import Hummingbird
import Mustache
import NIOCore

/// A page's view model: the values its template reads, and that template's name. Mustache reads
/// stored properties only (through Mirror), so a view stores every value its template shows.
protocol PageView: Sendable {
    static var template: String { get }
}

/// Renders server-side pages: a page template inside the shared layout.
public struct PageRenderer: Sendable {
    /// The templates compiled once per language, their marked text already translated.
    let libraries: [Language: MustacheLibrary]
    var library: MustacheLibrary { libraries[Localizer.current.language] ?? libraries[.en]! }
    /// Every language's catalogue, for a page that speaks more than its reader's language (the
    /// bilingual release note).
    var translations = Translations()
    /// The store holds the demo data set: every page says its figures are fictitious.
    var demo = false

    static var navigation: [(path: String, label: String)] {
        [
            ("/map", L("Map")), ("/stock", L("Stock")), ("/customs", L("Customs")), ("/preparedness", L("Preparedness")),
            ("/organisations", L("Organisations")), ("/countries", L("Countries")),
        ]
    }

    public static func load(translations: Translations = Translations()) async throws -> PageRenderer {
        let templates = try templateTexts()
        var libraries: [Language: MustacheLibrary] = [:]
        for language in Language.allCases {
            let localizer = Localizer(language: language, translations: translations)
            var library = MustacheLibrary()
            for (name, text) in templates {
                try library.register(TemplateText.translate(text, with: localizer), named: name)
                // Each page template is rendered through a wrapper that puts the page's view on top of
                // the session's CSRF token, so `{{csrf}}` in any form of the page finds the token.
                try library.register("{{#page}}{{>\(name)}}{{/page}}", named: wrapperName(name))
            }
            libraries[language] = library
        }
        return PageRenderer(libraries: libraries, translations: translations)
    }

    /// Every template's text, by name.
    static func templateTexts() throws -> [String: String] {
        guard let directory = Bundle.module.url(forResource: "templates", withExtension: nil) else {
            throw DomainError.notFound("page templates are missing from the bundle")
        }
        var texts: [String: String] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".mustache") {
            texts[String(file.dropLast(".mustache".count))] = try String(
                contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        }
        return texts
    }

    static func wrapperName(_ template: String) -> String { "page:" + template }

    /// What a page template renders against: the view, and below it the session's CSRF token,
    /// which a view may override with its own (the sign-in form does).
    struct PageContext<View: PageView> {
        let csrf: String?
        let page: View
    }

    /// `view` in its template compiled for `language`, without the layout: a part of a page.
    func fragment<View: PageView>(_ view: View, in language: Language) -> String {
        (libraries[language] ?? library).render(PageContext(csrf: nil, page: view), withTemplate: Self.wrapperName(View.template))
            ?? ""
    }

    /// Renders `view` in its template, wrapped in the layout with navigation and the signed-in user.
    func page<View: PageView>(
        _ view: View, title: String, context: CorridorRequestContext, path: String,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        let content =
            library.render(PageContext(csrf: context.sessionCSRF, page: view), withTemplate: Self.wrapperName(View.template))
            ?? "template \(View.template) is missing"
        let links = Self.navigation + (Policy.can(context.actor, .readAdministration) ? [("/admin", L("Admin"))] : [])
        let language = Localizer.current.language
        var layout = LayoutView(
            title: title, content: content,
            nav: links.map { LayoutView.Link(path: $0.path, label: $0.label, active: path.hasPrefix($0.path)) }, demo: demo,
            lang: language.rawValue, dir: language.direction,
            languages: Language.allCases.map {
                LayoutView.LanguageChoice(code: $0.rawValue, name: $0.nativeName, selected: $0 == language)
            },
            back: path)
        if case .user(_, let email, let roles) = context.actor {
            layout.user = LayoutView.User(email: email, roles: roles.map(\.label).joined(separator: ", "))
            layout.csrf = context.sessionCSRF ?? ""
        }
        return html(library.render(layout, withTemplate: LayoutView.template) ?? content, status: status)
    }

    func errorPage(_ error: DomainError, context: CorridorRequestContext) -> Response {
        page(
            ErrorPageView(
                status: error.status.code, message: Localizer.current.message(error), details: TextRow.located(error.problems),
                hasDetails: !error.problems.isEmpty),
            title: L("Error"), context: context, path: "", status: error.status)
    }

    func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
