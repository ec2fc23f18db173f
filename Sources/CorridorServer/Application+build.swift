import CorridorCore
import CorridorStore
import Foundation
import Hummingbird
import Logging

/// Builds the HTTP application around an opened store. Tests call this with a temporary store.
public func buildApplication(config: CorridorConfig, store: Store, logger: Logger = Logger(label: "corridor")) async throws
    -> some ApplicationProtocol
{
    let router = try await buildRouter(store: store, config: config)
    return Application(
        router: router,
        configuration: .init(address: .hostname(config.host, port: config.port), serverName: "Corridor"),
        services: [WebhookDeliverer(store: store, logger: logger)],
        logger: logger)
}

/// All routes, with their middleware. `router.routes` is what the OpenAPI test compares against.
public func buildRouter(store: Store, config: CorridorConfig) async throws -> Router<CorridorRequestContext> {
    let pages = try await PageRenderer.load()
    let map = try WorldMap.load()
    let counter = RequestCounter()
    let router = Router(context: CorridorRequestContext.self)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: MetricsMiddleware(counter: counter))
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorMiddleware(pages: pages))
    router.add(middleware: BodyLimitMiddleware(limit: config.maxBodyBytes, uploadLimit: config.maxUploadBytes))
    router.add(middleware: IdentityMiddleware(store: store))

    SystemRoutes(store: store, counter: counter).addRoutes(to: router)
    let api = router.group("api/v1").add(middleware: WritesNeedIdentityMiddleware())
    ReferenceController(store: store).addRoutes(to: api)
    OrganisationController(store: store).addRoutes(to: api)
    AccountController(store: store).addRoutes(to: api)
    StockController(store: store, uploadLimit: config.maxUploadBytes).addRoutes(to: api)
    SiteController(store: store).addRoutes(to: api)
    CustomsSetupController(store: store).addRoutes(to: api)
    ClearanceController(store: store).addRoutes(to: api)
    PreparednessController(store: store).addRoutes(to: api)
    DeclarationController(store: store).addRoutes(to: api)

    ShellPages(store: store, pages: pages, map: map).addRoutes(to: router)
    SignInPages(store: store, pages: pages, secureCookies: config.secureCookies, trustForwardedFor: config.trustForwardedFor).addRoutes(to: router)
    AdminPages(store: store, pages: pages).addRoutes(to: router)
    StockPages(store: store, pages: pages).addRoutes(to: router)
    SitePages(store: store, pages: pages).addRoutes(to: router)
    CustomsPages(store: store, pages: pages).addRoutes(to: router)
    ReleaseTimePages(store: store, pages: pages).addRoutes(to: router)
    DeclarationPages(store: store, pages: pages).addRoutes(to: router)
    ClearancePages(store: store, pages: pages).addRoutes(to: router)
    PreparednessPages(store: store, pages: pages).addRoutes(to: router)
    PlanningFiguresPages(store: store, pages: pages).addRoutes(to: router)
    AccountPages(store: store, pages: pages).addRoutes(to: router)
    return router
}

/// Sets the request body limit from configuration (the context reads it for every body it collects).
/// Stock report uploads get their own, larger limit: they are spooled to disk as they arrive.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = CorridorRequestContext
    let limit: Int
    let uploadLimit: Int
    static let uploadPaths: Set<String> = ["/api/v1/stock/imports", "/stock/upload"]

    /// Stock reports, and a declaration's document files and packing lists.
    static func isUpload(_ path: String) -> Bool {
        if uploadPaths.contains(path) { return true }
        guard path.hasPrefix("/api/v1/declarations/") || path.hasPrefix("/customs/declarations/") else { return false }
        return path.contains("/documents") || path.hasSuffix("/packing-list")
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let limit = Self.isUpload(request.uri.path) ? uploadLimit : self.limit
        context.uploadLimit = limit
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw DomainError.tooLarge("the request body is \(length) bytes; the limit is \(limit)")
        }
        return try await next(request, context)
    }
}
