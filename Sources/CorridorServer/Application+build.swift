import CorridorCore
import CorridorLanguages
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
/// Routes that take files sit in the `uploads` group with the larger body limit; every other
/// route sits in `routes`, with the normal limit.
public func buildRouter(store: Store, config: CorridorConfig) async throws -> Router<CorridorRequestContext> {
    let translations = try Translations.load()
    var pages = try await PageRenderer.load(translations: translations)
    pages.demo = try await DemoLoader.isLoaded(in: store)
    let map = try WorldMap.load()
    let counter = RequestCounter()
    let router = Router(context: CorridorRequestContext.self)
    router.add(middleware: RequestLogMiddleware())
    router.add(middleware: MetricsMiddleware(counter: counter))
    router.add(middleware: SecurityHeadersMiddleware())
    // Language and errors twice: outside, errors of the identity check answer in the browser's
    // language; inside, every other error answers in the person's saved language, on a page that
    // knows who is signed in.
    router.add(middleware: LanguageMiddleware(translations: translations))
    router.add(middleware: ErrorMiddleware(pages: pages))
    router.add(middleware: IdentityMiddleware(store: store))
    router.add(middleware: LanguageMiddleware(translations: translations))
    router.add(middleware: ErrorMiddleware(pages: pages))
    let routes = router.group().add(middleware: BodyLimitMiddleware(limit: config.maxBodyBytes))
    let uploads = router.group().add(middleware: BodyLimitMiddleware(limit: config.maxUploadBytes))

    SystemRoutes(store: store, counter: counter).addRoutes(to: routes)
    let api = routes.group("api/v1").add(middleware: WritesNeedIdentityMiddleware())
    let apiUploads = uploads.group("api/v1").add(middleware: WritesNeedIdentityMiddleware())
    ReferenceController(store: store).addRoutes(to: api)
    OrganisationController(store: store).addRoutes(to: api)
    AccountController(store: store).addRoutes(to: api)
    StockController(store: store).addRoutes(to: api, uploads: apiUploads)
    SiteController(store: store).addRoutes(to: api)
    MapController(store: store).addRoutes(to: api)
    CustomsSetupController(store: store).addRoutes(to: api)
    ClearanceController(store: store).addRoutes(to: api)
    ExchangeRateController(store: store).addRoutes(to: api)
    PreparednessController(store: store).addRoutes(to: api)
    DeclarationController(store: store).addRoutes(to: api, uploads: apiUploads)

    ShellPages(store: store, pages: pages, map: map).addRoutes(to: routes)
    CountryPages(store: store, pages: pages, map: map).addRoutes(to: routes)
    NearestStockPages(store: store, pages: pages, map: map).addRoutes(to: routes)
    SignInPages(store: store, pages: pages, secureCookies: config.secureCookies, trustForwardedFor: config.trustForwardedFor).addRoutes(
        to: routes)
    AdminPages(store: store, pages: pages).addRoutes(to: routes)
    StockPages(store: store, pages: pages).addRoutes(to: routes, uploads: uploads)
    SitePages(store: store, pages: pages).addRoutes(to: routes)
    CustomsPages(store: store, pages: pages).addRoutes(to: routes)
    ReleaseTimePages(store: store, pages: pages).addRoutes(to: routes)
    DeclarationPages(store: store, pages: pages).addRoutes(to: routes, uploads: uploads)
    ClearancePages(store: store, pages: pages).addRoutes(to: routes)
    ExchangeRatePages(store: store, pages: pages).addRoutes(to: routes)
    PreparednessPages(store: store, pages: pages).addRoutes(to: routes)
    PlanningFiguresPages(store: store, pages: pages).addRoutes(to: routes)
    AccountPages(store: store, pages: pages).addRoutes(to: routes)
    LanguagePages(store: store, secureCookies: config.secureCookies).addRoutes(to: routes)
    return router
}
