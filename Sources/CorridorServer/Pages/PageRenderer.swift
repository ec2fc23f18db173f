import CorridorCore
import Foundation
import Hummingbird
import Mustache
import NIOCore

/// Renders server-side pages: a page template inside the shared layout.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    static let navigation: [(path: String, label: String)] = [
        ("/map", "Map"), ("/stock", "Stock"), ("/customs", "Customs"), ("/preparedness", "Preparedness"),
        ("/organisations", "Organisations"), ("/countries", "Countries"),
    ]

    public static func load() async throws -> PageRenderer {
        guard let directory = Bundle.module.url(forResource: "templates", withExtension: nil) else {
            throw DomainError.notFound("page templates are missing from the bundle")
        }
        return PageRenderer(library: try await MustacheLibrary(directory: directory.path))
    }

    /// Renders `template` with `data`, wrapped in the layout with navigation and the signed-in user.
    func page(_ template: String, title: String, data: [String: Any], context: CorridorRequestContext,
              path: String, status: HTTPResponse.Status = .ok) -> Response {
        var data = data
        if data["csrf"] == nil, let csrf = context.sessionCSRF { data["csrf"] = csrf }
        let content = library.render(data, withTemplate: template) ?? "template \(template) is missing"
        var layout: [String: Any] = [
            "title": title,
            "content": content,
            "nav": (Self.navigation + (Policy.can(context.actor, .readAdministration) ? [("/admin", "Admin")] : []))
                .map { ["path": $0.path, "label": $0.label, "active": path.hasPrefix($0.path)] },
        ]
        if case .user(_, let email, let roles) = context.actor {
            layout["user"] = ["email": email, "roles": roles.map(\.label).joined(separator: ", ")]
            layout["csrf"] = context.sessionCSRF ?? ""
        }
        return html(library.render(layout, withTemplate: "layout") ?? content, status: status)
    }

    func errorPage(_ error: DomainError, context: CorridorRequestContext) -> Response {
        page("error", title: "Error", data: [
            "status": error.status.code, "message": error.message,
            "details": error.problems.map { ["text": $0.located] }, "hasDetails": !error.problems.isEmpty,
        ], context: context, path: "", status: error.status)
    }

    func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
