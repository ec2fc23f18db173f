import Foundation
import CorridorCore
import Logging

/// Settings the store needs beyond where the database is.
public struct StoreSettings: Sendable {
    public var bcryptCost: UInt8
    public var loginThrottle: LoginThrottle
    public var webhookTargets: WebhookTargets

    public init(bcryptCost: UInt8 = 12, loginThrottle: LoginThrottle = LoginThrottle(), webhookTargets: WebhookTargets = WebhookTargets()) {
        self.bcryptCost = bcryptCost
        self.loginThrottle = loginThrottle
        self.webhookTargets = webhookTargets
    }
}

/// Everything Corridor keeps, grouped by what it is about. HTTP routes and CLI commands both go
/// through these repositories; each write asks the core's `Policy` first.
public struct Store: Sendable {
    public let database: Database
    public let reference: ReferenceRepository
    public let organisations: OrganisationRepository
    public let users: UserRepository
    public let signIn: SignInRepository
    public let sessions: SessionRepository
    public let tokens: TokenRepository
    public let sites: SiteRepository
    public let items: ItemRepository
    public let stockImporter: StockImporter
    public let stock: StockRepository
    public let customs: CustomsSetupRepository
    public let accreditations: AccreditationRepository
    public let declarations: DeclarationRepository
    /// The life cycle's steps, arrival and dispatch cancelling: the use cases of a declaration.
    public let steps: DeclarationSteps
    public let selectivityRules: SelectivityRuleRepository
    public let exchangeRates: ExchangeRateRepository
    public let webhooks: WebhookRepository
    public let preparedness: PreparednessRepository
    public let customsProfiles: CustomsProfileRepository
    public let gaps: GapRepository
    public let dispatches: DispatchRepository
    /// Reserving stock and drafting its declaration, and cancelling that: the use cases of a dispatch.
    public let dispatching: Dispatching

    public init(database: Database, settings: StoreSettings = StoreSettings()) {
        self.database = database
        reference = ReferenceRepository(database: database)
        organisations = OrganisationRepository(database: database)
        users = UserRepository(database: database, bcryptCost: settings.bcryptCost)
        signIn = SignInRepository(database: database, throttle: settings.loginThrottle)
        sessions = SessionRepository(database: database)
        tokens = TokenRepository(database: database)
        sites = SiteRepository(database: database)
        items = ItemRepository(database: database)
        stockImporter = StockImporter(database: database)
        stock = StockRepository(database: database)
        customs = CustomsSetupRepository(database: database)
        accreditations = AccreditationRepository(database: database)
        declarations = DeclarationRepository(database: database)
        steps = DeclarationSteps(database: database)
        selectivityRules = SelectivityRuleRepository(database: database)
        exchangeRates = ExchangeRateRepository(database: database)
        webhooks = WebhookRepository(database: database, targets: settings.webhookTargets)
        preparedness = PreparednessRepository(database: database)
        customsProfiles = CustomsProfileRepository(database: database)
        gaps = GapRepository(database: database)
        dispatches = DispatchRepository(database: database)
        dispatching = Dispatching(database: database)
    }

    /// Opens the database and brings its schema up to date.
    public static func open(
        _ url: DatabaseURL, settings: StoreSettings = StoreSettings(),
        logger: Logger = Logger(label: "corridor.store"), postgresSchema: String? = nil
    ) async throws -> Store {
        var database = try Database(url, logger: logger, postgresSchema: postgresSchema)
        do {
            let report = try await database.migrate()
            if !report.applied.isEmpty {
                // A pooled SQLite connection keeps the schema it first read: `SELECT *` prepared on
                // it after a column was added would name the old columns. Fresh connections see all.
                await database.close()
                database = try Database(url, logger: logger, postgresSchema: postgresSchema)
            }
        } catch {
            await database.close()
            throw error
        }
        return Store(database: database, settings: settings)
    }

    public func close() async { await database.close() }

    /// Opens the store, runs `body`, and closes the store whether `body` succeeded or not.
    public static func using<T: Sendable>(
        _ url: DatabaseURL, settings: StoreSettings = StoreSettings(),
        logger: Logger = Logger(label: "corridor.store"), postgresSchema: String? = nil,
        _ body: (Store) async throws -> T
    ) async throws -> T {
        let store = try await open(url, settings: settings, logger: logger, postgresSchema: postgresSchema)
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}
